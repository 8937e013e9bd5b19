import { DomainError } from '../errors/domain-error';

/**
 * An ISO 8601 duration as written (e.g. `PT15M`, `P1D`, `-PT10M`, `P1Y2M`).
 * Calendar parts (years, months) have no fixed length, so converting them to
 * milliseconds needs a reference date; the other parts are exact.
 */
export interface IsoDuration {
  readonly sign: 1 | -1;
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
// Days are taken as 24 h: the platform keeps time in UTC, where that holds.
const MS_PER_DAY = 24 * MS_PER_HOUR;
/** Longer durations only come from mistakes, and would overflow timestamps downstream. */
const MAX_DURATION_MS = 365_000 * MS_PER_DAY;

const PATTERN =
  /^([+-])?P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export function parseIsoDuration(text: string): IsoDuration {
  const match = PATTERN.exec(text.trim());
  const hasAnyPart = match !== null && match.slice(2).some((part) => part !== undefined);
  if (!match || !hasAnyPart || text.trim().endsWith('T')) {
    throw new DomainError(
      'INVALID_DURATION',
      `"${text}" is not an ISO 8601 duration; write e.g. PT15M (15 minutes), PT1H, P1D or -PT10M.`,
    );
  }
  const num = (part: string | undefined): number => (part === undefined ? 0 : Number(part.replace(',', '.')));
  return {
    sign: match[1] === '-' ? -1 : 1,
    years: num(match[2]),
    months: num(match[3]),
    weeks: num(match[4]),
    days: num(match[5]),
    hours: num(match[6]),
    minutes: num(match[7]),
    seconds: num(match[8]),
  };
}

/** Exact length in milliseconds; durations with years or months are refused. */
export function durationToMilliseconds(duration: IsoDuration): number {
  if (duration.years !== 0 || duration.months !== 0) {
    throw new DomainError(
      'INVALID_DURATION',
      'A duration with years or months has no fixed length; use weeks, days, hours, minutes or seconds.',
    );
  }
  const ms =
    duration.weeks * 7 * MS_PER_DAY +
    duration.days * MS_PER_DAY +
    duration.hours * MS_PER_HOUR +
    duration.minutes * MS_PER_MINUTE +
    duration.seconds * MS_PER_SECOND;
  if (!(ms <= MAX_DURATION_MS)) {
    throw new DomainError('INVALID_DURATION', 'A duration may be at most 1,000 years (365,000 days) long.');
  }
  return duration.sign * Math.round(ms);
}

export function isoDurationToMilliseconds(text: string): number {
  return durationToMilliseconds(parseIsoDuration(text));
}

/** Shortest ISO 8601 form of a fixed length, e.g. 900000 → `PT15M`, -600000 → `-PT10M`. */
export function millisecondsToIsoDuration(milliseconds: number): string {
  if (!Number.isFinite(milliseconds)) {
    throw new DomainError('INVALID_DURATION', `Cannot write ${milliseconds} ms as a duration.`);
  }
  const sign = milliseconds < 0 ? '-' : '';
  let rest = Math.abs(milliseconds);
  const days = Math.floor(rest / MS_PER_DAY);
  rest -= days * MS_PER_DAY;
  const hours = Math.floor(rest / MS_PER_HOUR);
  rest -= hours * MS_PER_HOUR;
  const minutes = Math.floor(rest / MS_PER_MINUTE);
  rest -= minutes * MS_PER_MINUTE;
  const seconds = rest / MS_PER_SECOND;

  let time = '';
  if (hours) time += `${hours}H`;
  if (minutes) time += `${minutes}M`;
  if (seconds) time += `${Number(seconds.toFixed(3))}S`;
  const datePart = days ? `${days}D` : '';
  if (!datePart && !time) return 'PT0S';
  return `${sign}P${datePart}${time ? `T${time}` : ''}`;
}

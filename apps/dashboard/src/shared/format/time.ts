import { DISPLAY_LOCALE } from './numbers';

/**
 * Times for people, always in a given IANA time zone (the user's, see useDisplayTimezone), and the
 * conversions between an instant and the wall-clock text of a datetime-local input in that zone.
 */

const FALLBACK_TIMEZONE = 'UTC';

/** The zone if the runtime knows it, else UTC (a typo in a user's settings must not break a page). */
export function safeTimezone(timezone: string): string {
  try {
    new Intl.DateTimeFormat(DISPLAY_LOCALE, { timeZone: timezone });
    return timezone;
  } catch {
    return FALLBACK_TIMEZONE;
  }
}

function toDate(instant: string | Date): Date | undefined {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "31 Dec 2015, 23:00", or with the zone "31 Dec 2015, 23:00 GMT+9". */
export function formatDateTime(instant: string | Date, timezone: string, options: { withZone?: boolean } = {}): string {
  const date = toDate(instant);
  if (date === undefined) return 'unknown time';
  return new Intl.DateTimeFormat(DISPLAY_LOCALE, {
    timeZone: safeTimezone(timezone),
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(options.withZone ? { timeZoneName: 'short' } : {}),
  }).format(date);
}

/** "23:00" */
export function formatTime(instant: string | Date, timezone: string): string {
  const date = toDate(instant);
  if (date === undefined) return 'unknown time';
  return new Intl.DateTimeFormat(DISPLAY_LOCALE, { timeZone: safeTimezone(timezone), hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

const RELATIVE_STEPS: readonly { unit: Intl.RelativeTimeFormatUnit; seconds: number; upTo: number }[] = [
  { unit: 'minute', seconds: 60, upTo: 45 * 60 },
  { unit: 'hour', seconds: 3600, upTo: 22 * 3600 },
  { unit: 'day', seconds: 86_400, upTo: 26 * 86_400 },
  { unit: 'month', seconds: 30 * 86_400, upTo: 320 * 86_400 },
  { unit: 'year', seconds: 365 * 86_400, upTo: Number.POSITIVE_INFINITY },
];

/** "just now", "5 minutes ago", "in 2 hours", "3 days ago". */
export function formatRelativeTime(instant: string | Date, now: Date = new Date()): string {
  const date = toDate(instant);
  if (date === undefined) return 'at an unknown time';
  const seconds = (date.getTime() - now.getTime()) / 1000;
  if (Math.abs(seconds) < 45) return 'just now';
  const step = RELATIVE_STEPS.find((candidate) => Math.abs(seconds) < candidate.upTo) ?? RELATIVE_STEPS[RELATIVE_STEPS.length - 1];
  const amount = Math.round(seconds / step.seconds);
  return new Intl.RelativeTimeFormat(DISPLAY_LOCALE, { numeric: 'always' }).format(amount === 0 ? Math.sign(seconds) : amount, step.unit);
}

/** How long to wait, rounded up for people: "30 seconds", "1 minute", "15 minutes". */
export function formatWaitTime(seconds: number): string {
  const [unit, amount] = seconds < 60 ? (['second', Math.max(1, Math.ceil(seconds))] as const) : (['minute', Math.ceil(seconds / 60)] as const);
  return new Intl.NumberFormat(DISPLAY_LOCALE, { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(date: Date, timezone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

function wallClockAsUtc(clock: WallClock): number {
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The value of a datetime-local input ("2015-01-01T13:00") showing `instant` in `timezone`. */
export function toZonedInputValue(instant: string | Date, timezone: string): string {
  const date = toDate(instant);
  if (date === undefined) return '';
  const clock = wallClock(date, safeTimezone(timezone));
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}`;
}

/**
 * The instant (ISO 8601, UTC) at which clocks in `timezone` show the datetime-local value.
 * A time skipped by a DST change is moved forward by the gap; an ambiguous one takes the earlier instant.
 * Returns undefined for text that is not a datetime-local value.
 */
export function fromZonedInputValue(value: string, timezone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second = '0'] = match;
  const wanted = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  if (Number.isNaN(wanted)) return undefined;
  const zone = safeTimezone(timezone);
  // The zone's offset at a guess, applied and checked once more (the offset may differ across a DST change).
  const offsetAt = (instant: number) => wallClockAsUtc(wallClock(new Date(instant), zone)) - instant;
  const earlier = wanted - Math.max(offsetAt(wanted - 86_400_000), offsetAt(wanted + 86_400_000));
  const later = wanted - Math.min(offsetAt(wanted - 86_400_000), offsetAt(wanted + 86_400_000));
  const exact = [earlier, later].find((candidate) => wallClockAsUtc(wallClock(new Date(candidate), zone)) === wanted);
  return new Date(exact ?? later).toISOString();
}

/** Every IANA zone the browser knows, or a short list of common ones where it cannot tell. */
export function supportedTimezones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  try {
    const zones = intl.supportedValuesOf?.('timeZone');
    if (zones !== undefined && zones.length > 0) return zones.includes('UTC') ? zones : ['UTC', ...zones];
  } catch {
    // Fall through to the short list.
  }
  return [...FALLBACK_TIMEZONES];
}

export const FALLBACK_TIMEZONES: readonly string[] = [
  'UTC',
  'Europe/Amsterdam',
  'Europe/Berlin',
  'Europe/Brussels',
  'Europe/London',
  'Europe/Paris',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'Asia/Seoul',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Australia/Sydney',
];

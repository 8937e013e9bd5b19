import { DomainError } from '../errors/domain-error';

/**
 * Instants are epoch milliseconds (UTC) inside the domain. At the edges the API
 * receives ISO 8601 timestamps, which must state their offset (`Z`, `+09:00`,
 * `+0900`): the seed (§14.4.4) requires timezone-aware timestamps, so a naive
 * one is refused with INVALID_TIMEZONE rather than guessed.
 */
const ZONED =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const MS_PER_MINUTE = 60_000;

function offsetMilliseconds(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes) * MS_PER_MINUTE;
}

function invalidDatetime(text: string, field: string): DomainError {
  return new DomainError(
    'INVALID_DATETIME',
    `"${text}" in "${field}" is not an ISO 8601 timestamp; write e.g. 2016-05-01T13:00:00Z.`,
    { field },
  );
}

/**
 * A calendar date and clock time read as UTC, in epoch milliseconds, or
 * undefined when it does not exist (e.g. 2021-02-30 or 24:00). `fraction` is
 * the digits after the decimal point of the seconds.
 */
export function wallClockMs(year: number, month: number, day: number, hour: number, minute: number, second: number, fraction = '0'): number | undefined {
  const millis = Math.min(999, Math.round(Number(`0.${fraction}`) * 1000));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(wall);
  const valid =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    check.getUTCHours() === hour &&
    check.getUTCMinutes() === minute &&
    check.getUTCSeconds() === second;
  return valid ? wall : undefined;
}

/** Parses a timezone-aware ISO 8601 timestamp into epoch milliseconds. */
export function parseInstant(text: string, field = 'datetime'): number {
  const match = ZONED.exec(text.trim());
  if (!match) throw invalidDatetime(text, field);
  const [, y, mo, d, h, mi, s = '0', fraction = '0', offset] = match;
  if (offset === undefined) {
    throw new DomainError(
      'INVALID_TIMEZONE',
      `"${text}" in "${field}" has no time zone; add an offset such as Z (UTC) or +09:00.`,
      { field },
    );
  }
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  const local = wallClockMs(year, month, day, hour, minute, second, fraction);
  if (local === undefined || Math.abs(offsetMilliseconds(offset)) >= 24 * 60 * MS_PER_MINUTE) {
    throw invalidDatetime(text, field);
  }
  return local - offsetMilliseconds(offset);
}

/** Writes epoch milliseconds as a UTC timestamp, e.g. `2016-05-01T13:00:00Z`. */
export function formatInstant(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}

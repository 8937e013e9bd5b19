import { DomainError, isStorableValue, parseInstant, wallClockMs } from '@flexmeasures/domain';
import type { ZoneClock } from './zone-clock';

/** A cell's meaning, or why it has none (the reason a row is rejected). */
export type CellReading<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const ok = <T>(value: T): CellReading<T> => ({ ok: true, value });
const fail = (reason: string): CellReading<never> => ({ ok: false, reason });

/** Date, optional time (with seconds and fraction), optional offset: `2021-03-28 02:30`, `2021-03-28T02:30:00+02:00`, `2021-03-28`. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** A plain decimal number; no thousands separators or decimal commas (those would be read wrongly). */
export function readNumber(text: string): CellReading<number> {
  const trimmed = text.trim();
  if (trimmed === '') return fail('the value is empty');
  const value = Number(trimmed);
  if (!DECIMAL.test(trimmed) || !isStorableValue(value)) return fail(`"${trimmed}" is not a number; write e.g. 12.5 (with a decimal point)`);
  return ok(value);
}

/**
 * A timestamp with an offset (`Z`, `+02:00`), or a naive one read in the
 * file's time zone. Naive times that occur twice (clocks going back) are
 * taken at their first occurrence, unless that is not after `after` (the
 * previous row): then a file that lists the repeated hour twice reads right.
 */
export function readTimestamp(text: string, clock: ZoneClock | undefined, after?: number): CellReading<number> {
  const trimmed = text.trim();
  const match = TIMESTAMP.exec(trimmed);
  if (!match) return fail(`"${trimmed}" is not a timestamp; write e.g. 2021-01-01T00:00:00+01:00 or 2021-01-01 00:00`);
  const [, y, mo, d, h, mi, s = '0', fraction = '0', offset] = match;
  if (offset !== undefined) {
    try {
      return ok(parseInstant(trimmed));
    } catch (error) {
      return fail(error instanceof DomainError ? `"${trimmed}" is not a valid timestamp` : String(error));
    }
  }
  const wall = wallClockMs(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s), fraction);
  if (wall === undefined) return fail(`"${trimmed}" is not a valid date and time`);
  if (clock === undefined) {
    return fail(`"${trimmed}" has no time zone: add an offset (e.g. +01:00 or Z) or name the file's time zone when importing (e.g. Europe/Amsterdam)`);
  }
  const instants = clock.instantsOf(wall);
  if (instants.length === 0) return fail(`"${trimmed}" does not exist in ${clock.zone} (the clocks skip it when they are put forward)`);
  const later = after === undefined ? undefined : instants.find((instant) => instant > after);
  return ok(later ?? instants[0]);
}

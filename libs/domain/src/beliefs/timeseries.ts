import { DomainError } from '../errors/domain-error';
import { isoDurationToMilliseconds } from '../time/duration';
import { parseInstant } from './instant';

/** One event of a univariate time series: `[start, start + durationMs)` with its value. */
export interface TimedValue {
  readonly start: number;
  readonly durationMs: number;
  readonly value: number;
}

export interface TimeseriesEntry {
  readonly value: number;
  readonly start: string;
  readonly duration: string;
}

/**
 * The timing notations of §14.4.4: `values` spread evenly over `start` +
 * `duration`, a single `value` over `start` + `duration`, or the explicit
 * `timeseries` list the shorthand is defined to be equal to.
 */
export interface TimeseriesMessage {
  readonly values?: readonly number[];
  readonly value?: number;
  readonly start?: string;
  readonly duration?: string;
  readonly timeseries?: readonly TimeseriesEntry[];
}

/**
 * The largest magnitude a value may have: far beyond any power, price or
 * weather reading, and small enough that sums and averages of a year of
 * values stay finite in float8.
 */
export const MAX_ABS_VALUE = 1e15;

export function isStorableValue(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_ABS_VALUE;
}

function checkValue(value: unknown, field: string): number {
  if (!isStorableValue(value)) {
    throw new DomainError('UNPROCESSABLE_ENTITY', `"${field}" must hold numbers within ±1e15, got ${String(value)}.`, {
      field,
    });
  }
  return value;
}

function positiveDuration(text: string, field: string): number {
  const ms = isoDurationToMilliseconds(text);
  if (ms <= 0) {
    throw new DomainError('INVALID_DURATION', `"${field}" must be a positive duration, got ${text}.`, { field });
  }
  return ms;
}

/** Spreads `values` evenly over `[startMs, startMs + durationMs)`; the duration must split into whole milliseconds. */
export function spreadValues(values: readonly number[], startMs: number, durationMs: number): TimedValue[] {
  if (values.length === 0) {
    throw new DomainError('REQUIRED_INFO_MISSING', 'No values were given.', { field: 'values' });
  }
  if (durationMs % values.length !== 0) {
    throw new DomainError(
      'INVALID_RESOLUTION',
      `A duration of ${durationMs} ms cannot be split evenly over ${values.length} values.`,
      { durationMs, count: values.length },
    );
  }
  const step = durationMs / values.length;
  return values.map((value, i) => ({ start: startMs + i * step, durationMs: step, value: checkValue(value, 'values') }));
}

function requireTiming(message: TimeseriesMessage): { startMs: number; durationMs: number } {
  const missing = (['start', 'duration'] as const).filter((field) => message[field] === undefined);
  if (missing.length > 0) {
    throw new DomainError('REQUIRED_INFO_MISSING', `Missing ${missing.join(' and ')}.`, { fields: missing });
  }
  return {
    startMs: parseInstant(message.start as string, 'start'),
    durationMs: positiveDuration(message.duration as string, 'duration'),
  };
}

function expandEntries(entries: readonly TimeseriesEntry[]): TimedValue[] {
  if (entries.length === 0) {
    throw new DomainError('REQUIRED_INFO_MISSING', 'The timeseries is empty.', { field: 'timeseries' });
  }
  const events = entries
    .map((entry) => ({
      start: parseInstant(entry.start, 'timeseries.start'),
      durationMs: positiveDuration(entry.duration, 'timeseries.duration'),
      value: checkValue(entry.value, 'timeseries.value'),
    }))
    .sort((a, b) => a.start - b.start);
  events.forEach((event, i) => {
    const previous = events[i - 1];
    if (previous && previous.start + previous.durationMs > event.start) {
      throw new DomainError('UNPROCESSABLE_ENTITY', 'Timeseries entries overlap.', { at: event.start });
    }
  });
  return events;
}

/** Expands any of the notations of §14.4.4 into events, sorted by start. */
export function expandTimeseries(message: TimeseriesMessage): TimedValue[] {
  const given = (['values', 'value', 'timeseries'] as const).filter((field) => message[field] !== undefined);
  if (given.length === 0) {
    throw new DomainError('REQUIRED_INFO_MISSING', 'Give "values", "value" or "timeseries".', {
      fields: ['values', 'value', 'timeseries'],
    });
  }
  if (given.length > 1) {
    throw new DomainError('UNPROCESSABLE_ENTITY', `Give only one of ${given.join(', ')}.`, { fields: given });
  }
  if (message.timeseries !== undefined) return expandEntries(message.timeseries);
  const { startMs, durationMs } = requireTiming(message);
  const values = message.values ?? [checkValue(message.value, 'value')];
  return spreadValues(values, startMs, durationMs);
}

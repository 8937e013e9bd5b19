import { DomainError } from '../errors/domain-error';

/**
 * Values of consecutive events of one sensor: event i is
 * [startMs + i·resolutionMs, startMs + (i + 1)·resolutionMs); null where no
 * value is known.
 */
export interface RegularSeries {
  readonly startMs: number;
  readonly resolutionMs: number;
  readonly values: readonly (number | null)[];
}

export function checkRegularSeries(series: RegularSeries, field: string): void {
  if (!Number.isSafeInteger(series.resolutionMs) || series.resolutionMs <= 0) {
    throw new DomainError('UNPROCESSABLE_ENTITY', `"${field}" needs a positive resolution in whole milliseconds, got ${series.resolutionMs}.`, { field });
  }
  if (!Number.isFinite(series.startMs)) throw new DomainError('UNPROCESSABLE_ENTITY', `"${field}" needs a start time.`, { field });
}

export function eventStartOf(series: RegularSeries, index: number): number {
  return series.startMs + index * series.resolutionMs;
}

export function eventEndOf(series: RegularSeries, index: number): number {
  return series.startMs + (index + 1) * series.resolutionMs;
}

/** The index of the event starting at `eventStartMs`; the instant must lie on the series' grid. */
export function indexOnGrid(series: RegularSeries, eventStartMs: number, field: string): number {
  const steps = (eventStartMs - series.startMs) / series.resolutionMs;
  if (!Number.isInteger(steps)) {
    throw new DomainError('UNPROCESSABLE_ENTITY', `"${field}" must lie on the sensor's ${series.resolutionMs / 60_000}-minute grid.`, { field, eventStartMs });
  }
  return steps;
}

/**
 * The series as known at `knownAtMs`: values of events that end later are
 * cut off (measurements are known once their event has ended), as are
 * non-finite values. What a caller passes is never trusted to be "as known".
 */
export function seriesKnownAt(series: RegularSeries, knownAtMs: number): RegularSeries {
  const known = Math.max(0, Math.min(series.values.length, Math.floor((knownAtMs - series.startMs) / series.resolutionMs)));
  const values = series.values.slice(0, known).map((value) => (value !== null && Number.isFinite(value) ? value : null));
  return { startMs: series.startMs, resolutionMs: series.resolutionMs, values };
}

/** The value of event `index` if it ended by `cutoffMs`, else null. */
export function valueKnownAt(series: RegularSeries, index: number, cutoffMs: number): number | null {
  if (index < 0 || index >= series.values.length || eventEndOf(series, index) > cutoffMs) return null;
  return series.values[index] ?? null;
}

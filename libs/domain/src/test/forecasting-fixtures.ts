import type { RegularSeries } from '../forecasting/regular-series';
import { mulberry32 } from '../forecasting/synthetic/random';
import type { ValueBelief } from '../forecasting/value-beliefs';

export const MIN = 60_000;
export const H = 60 * MIN;
export const DAY = 24 * H;
export const Q = 15 * MIN;
/** Monday 2016-05-02 00:00 UTC: the start of test series. */
export const T0 = Date.parse('2016-05-02T00:00:00Z');

export function quarterHours(values: readonly (number | null)[], startMs = T0): RegularSeries {
  return { startMs, resolutionMs: Q, values };
}

/** Uniform random numbers in [low, high), seeded. */
export function randomValues(count: number, seed: number, low = 0, high = 1): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => low + (high - low) * random());
}

/** One belief per event of a series, made `leadMs` before the event starts (a weather forecast known well in advance). */
export function beliefsAhead(series: RegularSeries, leadMs: number): ValueBelief[] {
  return series.values.flatMap((value, i) => {
    if (value === null) return [];
    const eventStartMs = series.startMs + i * series.resolutionMs;
    return [{ eventStartMs, beliefTimeMs: eventStartMs - leadMs, value }];
  });
}

/** The index of the event starting at `eventStartMs` in a series starting at T0. */
export function indexAt(eventStartMs: number, resolutionMs = Q): number {
  return (eventStartMs - T0) / resolutionMs;
}

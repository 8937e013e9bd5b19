import { DomainError } from '../errors/domain-error';
import { indexOnGrid, type RegularSeries } from './regular-series';

/** A forecast next to what happened; null where either is unknown. */
export interface ForecastPair {
  readonly forecast: number | null;
  readonly actual: number | null;
}

export interface TimedForecastPair extends ForecastPair {
  readonly eventStartMs: number;
}

/**
 * Accuracy of forecasts over the pairs where both values are known (§7.1,
 * §12.3): the mean absolute error, the weighted absolute percentage error
 * WAPE = Σ|f − a| / Σ|a| (defined even when actual values are zero, unlike
 * MAPE) and accuracy = 1 − WAPE. WAPE is undefined when every actual value is
 * zero; `reason` then says so.
 */
export interface AccuracyMetrics {
  /** Number of pairs with both values known. */
  readonly count: number;
  readonly mae: number | null;
  readonly wape: number | null;
  readonly accuracy: number | null;
  readonly reason?: string;
}

export function accuracyMetrics(pairs: readonly ForecastPair[]): AccuracyMetrics {
  let count = 0;
  let absoluteErrors = 0;
  let absoluteActuals = 0;
  for (const { forecast, actual } of pairs) {
    if (forecast === null || actual === null || !Number.isFinite(forecast) || !Number.isFinite(actual)) continue;
    count++;
    absoluteErrors += Math.abs(forecast - actual);
    absoluteActuals += Math.abs(actual);
  }
  if (count === 0) return { count, mae: null, wape: null, accuracy: null, reason: 'no event has both a forecast and an actual value' };
  const mae = absoluteErrors / count;
  if (absoluteActuals === 0) return { count, mae, wape: null, accuracy: null, reason: 'WAPE is undefined: every actual value is zero' };
  const wape = absoluteErrors / absoluteActuals;
  return { count, mae, wape, accuracy: 1 - wape };
}

/** Pairs each forecast with the actual value of its event (null when the event is outside the series or unknown). */
export function pairWithActuals(forecasts: readonly { readonly eventStartMs: number; readonly value: number }[], actuals: RegularSeries): TimedForecastPair[] {
  return forecasts.map(({ eventStartMs, value }) => {
    const index = indexOnGrid(actuals, eventStartMs, 'eventStartMs');
    return { eventStartMs, forecast: value, actual: actuals.values[index] ?? null };
  });
}

/** Metrics per window of `windowMs` (windows aligned to the epoch, so days are UTC days), in time order. */
export function accuracyPerWindow(pairs: readonly TimedForecastPair[], windowMs: number): { readonly startMs: number; readonly metrics: AccuracyMetrics }[] {
  if (!(windowMs > 0)) throw new DomainError('UNPROCESSABLE_ENTITY', `A metrics window must be positive, got ${windowMs} ms.`);
  const windows = new Map<number, TimedForecastPair[]>();
  for (const pair of pairs) {
    const start = Math.floor(pair.eventStartMs / windowMs) * windowMs;
    const list = windows.get(start);
    if (list === undefined) windows.set(start, [pair]);
    else list.push(pair);
  }
  return [...windows.entries()].sort(([a], [b]) => a - b).map(([startMs, list]) => ({ startMs, metrics: accuracyMetrics(list) }));
}

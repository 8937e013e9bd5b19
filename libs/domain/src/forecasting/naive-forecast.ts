import { beliefTimeOfEvent, type FeatureSource } from './feature-table';
import { horizonSteps, sameTimeLastKnownDayLag } from './model-spec';
import { valueKnownAt } from './regular-series';

export type NaiveMethod = 'naive-last' | 'naive-daily';

/** How far back "the last known value" is searched for, in days. */
const LAST_VALUE_LOOKBACK_DAYS = 7;

/**
 * The naive forecast of event `index` from what was known at its belief time:
 * the last known value (persistence), or the value at the same time of day on
 * the most recent day that was known (seasonal naive; for horizons up to a
 * day, the same time yesterday). Null when there is no such value.
 */
export function naiveForecast(source: FeatureSource, method: NaiveMethod, index: number): number | null {
  const { outcomes, horizonMs } = source;
  const beliefTime = beliefTimeOfEvent(source, index);
  if (method === 'naive-daily') {
    const lag = sameTimeLastKnownDayLag(horizonMs, outcomes.resolutionMs);
    return lag === undefined ? null : valueKnownAt(outcomes, index - lag, beliefTime);
  }
  const first = horizonSteps(horizonMs, outcomes.resolutionMs);
  const last = first + Math.ceil((LAST_VALUE_LOOKBACK_DAYS * 24 * 3600_000) / outcomes.resolutionMs);
  for (let lag = first; lag <= last; lag++) {
    const value = valueKnownAt(outcomes, index - lag, beliefTime);
    if (value !== null) return value;
  }
  return null;
}

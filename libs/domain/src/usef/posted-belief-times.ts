import { beliefTimes, parseBeliefTiming } from '../beliefs/belief-times';
import type { TimedValue } from '../beliefs/timeseries';
import { v1BeliefTimes } from '../beliefs/v1-horizons';
import type { ApiVersionRules } from './api-versions';

export interface PostTimingContext {
  readonly rules: ApiVersionRules;
  /** When the message arrived (epoch ms). */
  readonly arrivalMs: number;
  /** postMeterData records observations: v1.x refuses positive horizons there. */
  readonly exPost: boolean;
  readonly playMode: boolean;
}

/** Belief time per posted event, by the rules of the version the message was posted to. */
export function postedBeliefTimes(
  events: readonly Pick<TimedValue, 'start' | 'durationMs'>[],
  fields: { readonly horizon?: string; readonly prior?: string },
  context: PostTimingContext,
): number[] {
  if (context.rules.beliefTiming === 'rolling-or-prior') {
    return beliefTimes(events, parseBeliefTiming(fields, context.arrivalMs));
  }
  return v1BeliefTimes(events, {
    horizon: fields.horizon,
    exPost: context.exPost,
    playMode: context.playMode,
    arrivalMs: context.arrivalMs,
  });
}

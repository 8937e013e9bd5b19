import { isoDurationToMilliseconds } from '../time/duration';
import { parseInstant } from './instant';
import type { TimedValue } from './timeseries';

/**
 * When each posted value was believed, for POST endpoints of API v2.0
 * (PRODUCT.md "Belief semantics", seed §14.4.6 Prognoses, lines ~1564–1617):
 *
 * - `horizonMs` (rolling; may be negative): belief time = the event's own end − horizon;
 * - `priorMs`: every value was believed at the prior;
 * - both: the earlier of the two, per event;
 * - neither: the time the message arrived (`arrivalMs`, the clock passed in).
 *
 * No cap at the arrival time is applied: a horizon of -PT10M posted before the
 * event ended yields a belief time in the future, exactly as stated by the sender.
 */
export interface BeliefTiming {
  readonly horizonMs?: number;
  readonly priorMs?: number;
  readonly arrivalMs: number;
}

/** The belief horizon h = event end − belief time (positive: before the fact; negative: after it). */
export function beliefHorizon(eventEndMs: number, beliefTimeMs: number): number {
  return eventEndMs - beliefTimeMs;
}

export function eventEnd(event: Pick<TimedValue, 'start' | 'durationMs'>): number {
  return event.start + event.durationMs;
}

export function beliefTimeOf(event: Pick<TimedValue, 'start' | 'durationMs'>, timing: BeliefTiming): number {
  const { horizonMs, priorMs, arrivalMs } = timing;
  const fromHorizon = horizonMs === undefined ? undefined : eventEnd(event) - horizonMs;
  if (fromHorizon !== undefined && priorMs !== undefined) return Math.min(fromHorizon, priorMs);
  return fromHorizon ?? priorMs ?? arrivalMs;
}

/** Belief time per event, in the order of `events`. */
export function beliefTimes(
  events: readonly Pick<TimedValue, 'start' | 'durationMs'>[],
  timing: BeliefTiming,
): number[] {
  return events.map((event) => beliefTimeOf(event, timing));
}

/** Reads the optional `horizon` (ISO 8601 duration, may be negative) and `prior` (zoned timestamp) of a message. */
export function parseBeliefTiming(
  fields: { readonly horizon?: string; readonly prior?: string },
  arrivalMs: number,
): BeliefTiming {
  return {
    arrivalMs,
    ...(fields.horizon === undefined ? {} : { horizonMs: isoDurationToMilliseconds(fields.horizon) }),
    ...(fields.prior === undefined ? {} : { priorMs: parseInstant(fields.prior, 'prior') }),
  };
}

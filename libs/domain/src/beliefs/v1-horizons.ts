import { DomainError } from '../errors/domain-error';
import { isoDurationToMilliseconds } from '../time/duration';
import type { TimedValue } from './timeseries';

/**
 * Belief horizons of POST endpoints in API v1, v1.1, v1.2 and v1.3 (not v2.0,
 * which uses `beliefTimes`). From the seed's API change log (§21):
 *
 * - line 5427–5428 (v2.0, 2021-04-02): v2.0 switched to rolling horizons and
 *   deprecated ISO 8601 repeating intervals (`R/PT6H`) for them. So in v1.x a
 *   repeating interval `R/<duration>` is a rolling horizon (relative to each
 *   event's end), while a plain `<duration>` is relative to the end of the whole
 *   posted period: every value was believed at period end − horizon.
 *   The v1.3 postPrognosis example (line ~3740–3785: 00:00–01:30, PT7H30M,
 *   "prognosed at 6pm the previous day") and the KPX price example (§15.3)
 *   read horizons this way.
 * - line 5429: the *inference* of a horizon from the arrival time is
 *   deprecated below v2.0. The seed's own v1.x postMeterData examples omit the
 *   horizon and are answered PROCESSED, so a missing horizon is accepted and
 *   the values are believed when the message arrived (`arrivalMs`), without
 *   deriving a horizon from it. On a server in play mode
 *   (FLEXMEASURES_MODE=play) a missing horizon counts as zero (rolling): each
 *   value believed right at its own end, which suits simulations.
 * - line 5430: `prior` was introduced with v2.0 only; v1.x ignores it.
 * - line 5562 (v1.1-1): horizons are anchored to the end of each interval.
 * - Meter data (postMeterData, `exPost`) records observations, so a positive
 *   horizon is refused there (UNPROCESSABLE_ENTITY; the seed lists no
 *   horizon-specific status).
 */
export interface V1Horizon {
  readonly horizonMs: number;
  readonly rolling: boolean;
}

export interface V1HorizonOptions {
  readonly horizon?: string;
  /** postMeterData: only zero or negative horizons. */
  readonly exPost?: boolean;
  /** FLEXMEASURES_MODE=play: a missing horizon counts as zero. */
  readonly playMode?: boolean;
  /** When the message arrived: the belief time of every value when no horizon is given. */
  readonly arrivalMs?: number;
}

/** `R/PT6H` → rolling 6 h; `PT6H` → 6 h before the end of the whole period. */
export function parseV1Horizon(text: string): V1Horizon {
  const trimmed = text.trim();
  const rolling = /^R\//i.test(trimmed);
  return { horizonMs: isoDurationToMilliseconds(rolling ? trimmed.slice(2) : trimmed), rolling };
}

/** GET endpoints of all versions read a horizon as rolling, `R/` or not (§21.4, line 5449). */
export function parseQueryHorizon(text: string): number {
  return parseV1Horizon(text).horizonMs;
}

function resolveV1Horizon(options: V1HorizonOptions & { readonly horizon: string }): V1Horizon {
  const parsed = parseV1Horizon(options.horizon);
  if (options.exPost && parsed.horizonMs > 0) {
    throw new DomainError(
      'UNPROCESSABLE_ENTITY',
      'Meter data must have a zero or negative horizon to indicate observations after the fact.',
      { field: 'horizon', horizon: options.horizon },
    );
  }
  return parsed;
}

/** Belief time per event for a v1.x POST; `events` are the values of one message (one period). */
export function v1BeliefTimes(
  events: readonly Pick<TimedValue, 'start' | 'durationMs'>[],
  options: V1HorizonOptions,
): number[] {
  const { horizon } = options;
  if (horizon === undefined) {
    if (options.playMode) return events.map((event) => event.start + event.durationMs);
    if (options.arrivalMs === undefined) {
      throw new DomainError('REQUIRED_INFO_MISSING', 'State a "horizon", or the time the message arrived.', { field: 'horizon' });
    }
    const arrivalMs = options.arrivalMs;
    return events.map(() => arrivalMs);
  }
  const { horizonMs, rolling } = resolveV1Horizon({ ...options, horizon });
  const periodEnd = Math.max(...events.map((event) => event.start + event.durationMs));
  return events.map((event) => (rolling ? event.start + event.durationMs : periodEnd) - horizonMs);
}

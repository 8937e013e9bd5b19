import { DomainError } from '../errors/domain-error';

/** A stored belief about one event. Give `eventEnd`, or `resolutionMs` to derive it. */
export interface StoredBelief {
  readonly eventStart: number;
  readonly eventEnd?: number;
  readonly resolutionMs?: number;
  readonly beliefTime: number;
  readonly sourceId: number;
  /** Defaults to 0.5 (a deterministic belief is its own median). */
  readonly cumulativeProbability?: number;
  readonly value: number;
}

export interface BeliefSelection {
  /** Keep beliefs with h = event end − belief time ≥ horizonMs (may be negative). */
  readonly horizonMs?: number;
  /** Keep beliefs with belief time < priorMs. */
  readonly priorMs?: number;
  /** Only these sources, and the most recent belief per event *per source*. */
  readonly sources?: readonly number[];
}

export const DEFAULT_CUMULATIVE_PROBABILITY = 0.5;

export function endOfEvent(belief: StoredBelief): number {
  if (belief.eventEnd !== undefined) return belief.eventEnd;
  if (belief.resolutionMs !== undefined) return belief.eventStart + belief.resolutionMs;
  throw new DomainError('UNPROCESSABLE_ENTITY', 'A belief needs an event end or a resolution.', {
    eventStart: belief.eventStart,
  });
}

export function passesFilter(belief: StoredBelief, selection: BeliefSelection): boolean {
  const { horizonMs, priorMs, sources } = selection;
  if (horizonMs !== undefined && endOfEvent(belief) - belief.beliefTime < horizonMs) return false;
  if (priorMs !== undefined && !(belief.beliefTime < priorMs)) return false;
  return sources === undefined || sources.includes(belief.sourceId);
}

/** Most recent belief time first; ties go to the highest source id. */
function isNewer(candidate: StoredBelief, current: StoredBelief): boolean {
  if (candidate.beliefTime !== current.beliefTime) return candidate.beliefTime > current.beliefTime;
  return candidate.sourceId > current.sourceId;
}

function groupKey(belief: StoredBelief, perSource: boolean): string {
  return perSource ? `${belief.eventStart}|${belief.sourceId}` : `${belief.eventStart}`;
}

function byEventSourceProbability(a: StoredBelief, b: StoredBelief): number {
  return (
    a.eventStart - b.eventStart ||
    a.sourceId - b.sourceId ||
    (a.cumulativeProbability ?? DEFAULT_CUMULATIVE_PROBABILITY) -
      (b.cumulativeProbability ?? DEFAULT_CUMULATIVE_PROBABILITY)
  );
}

/**
 * GET semantics (PRODUCT.md "Belief semantics", seed §14.4.5): filter by
 * horizon, prior and sources, then keep per event (per event and source when
 * `sources` is given) the most recent belief that passed. Ties on belief time
 * between sources go to the highest source id. Probabilistic beliefs: all
 * cumulative-probability rows of the winning (belief time, source) are kept
 * together, so a distribution is never mixed from different beliefs.
 * Output is sorted by event start, source id, cumulative probability.
 */
export function selectLatestBeliefs(
  beliefs: readonly StoredBelief[],
  selection: BeliefSelection = {},
): StoredBelief[] {
  const perSource = selection.sources !== undefined;
  const passed = beliefs.filter((belief) => passesFilter(belief, selection));
  const winners = new Map<string, StoredBelief>();
  for (const belief of passed) {
    const key = groupKey(belief, perSource);
    const current = winners.get(key);
    if (!current || isNewer(belief, current)) winners.set(key, belief);
  }
  return passed
    .filter((belief) => {
      const winner = winners.get(groupKey(belief, perSource)) as StoredBelief;
      return belief.beliefTime === winner.beliefTime && belief.sourceId === winner.sourceId;
    })
    .sort(byEventSourceProbability);
}

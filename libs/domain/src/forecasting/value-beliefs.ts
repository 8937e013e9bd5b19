/** One belief about one event of a sensor: a weather forecast, say, made at `beliefTimeMs`. */
export interface ValueBelief {
  readonly eventStartMs: number;
  readonly beliefTimeMs: number;
  readonly value: number;
}

/**
 * Per event, the latest belief with a belief time at or before `knownAtMs`
 * (what one could know then), sorted by event start. Of equal belief times
 * the one given last wins.
 */
export function latestBeliefsKnownAt(beliefs: readonly ValueBelief[], knownAtMs: number): ValueBelief[] {
  const latest = new Map<number, ValueBelief>();
  for (const belief of beliefs) {
    if (!(belief.beliefTimeMs <= knownAtMs) || !Number.isFinite(belief.value)) continue;
    const current = latest.get(belief.eventStartMs);
    if (current === undefined || belief.beliefTimeMs >= current.beliefTimeMs) latest.set(belief.eventStartMs, belief);
  }
  return [...latest.values()].sort((a, b) => a.eventStartMs - b.eventStartMs);
}

/** Answers "what was believed about this event at that time" quickly, for many events and times. */
export interface BeliefTimeline {
  valueKnownAt(eventStartMs: number, knownAtMs: number): number | null;
}

export interface TimelineLimits {
  /** Beliefs formed later are left out: they are never trusted to be known. */
  readonly notAfterMs?: number;
  /** Only events starting in [fromMs, toMs) are indexed (the rest are not needed, and indexing costs time). */
  readonly eventsFromMs?: number;
  readonly eventsToMs?: number;
}

/** Indexes beliefs per event by belief time (flat typed arrays: this runs over hundreds of thousands of weather beliefs). */
export function beliefTimeline(beliefs: readonly ValueBelief[], limits: TimelineLimits = {}): BeliefTimeline {
  const notAfterMs = limits.notAfterMs ?? Number.POSITIVE_INFINITY;
  const fromMs = limits.eventsFromMs ?? Number.NEGATIVE_INFINITY;
  const toMs = limits.eventsToMs ?? Number.POSITIVE_INFINITY;
  // Pass 1: which beliefs count, and how many per event.
  const bucketOf = new Map<number, number>();
  const counts: number[] = [];
  const kept: number[] = [];
  beliefs.forEach((belief, i) => {
    if (!(belief.beliefTimeMs <= notAfterMs) || !(belief.eventStartMs >= fromMs && belief.eventStartMs < toMs) || !Number.isFinite(belief.value)) return;
    let bucket = bucketOf.get(belief.eventStartMs);
    if (bucket === undefined) {
      bucket = counts.length;
      bucketOf.set(belief.eventStartMs, bucket);
      counts.push(0);
    }
    counts[bucket]++;
    kept.push(i);
  });
  // Pass 2: each event's beliefs in one slice of flat arrays, in the order given.
  const offsets = new Int32Array(counts.length + 1);
  for (let b = 0; b < counts.length; b++) offsets[b + 1] = offsets[b] + counts[b];
  const fill = offsets.slice(0, counts.length);
  const times = new Float64Array(kept.length);
  const values = new Float64Array(kept.length);
  for (const i of kept) {
    const belief = beliefs[i];
    const at = fill[bucketOf.get(belief.eventStartMs) as number]++;
    times[at] = belief.beliefTimeMs;
    values[at] = belief.value;
  }
  // Pass 3: sort each slice by belief time; insertion sort is stable (equal times keep the order given) and the slices are short.
  for (let b = 0; b < counts.length; b++) {
    for (let k = offsets[b] + 1; k < offsets[b + 1]; k++) {
      const time = times[k];
      const value = values[k];
      let j = k - 1;
      while (j >= offsets[b] && times[j] > time) {
        times[j + 1] = times[j];
        values[j + 1] = values[j];
        j--;
      }
      times[j + 1] = time;
      values[j + 1] = value;
    }
  }
  return {
    valueKnownAt(eventStartMs, knownAtMs) {
      const bucket = bucketOf.get(eventStartMs);
      if (bucket === undefined) return null;
      // The last belief time ≤ knownAtMs, by binary search.
      let lo = offsets[bucket];
      let hi = offsets[bucket + 1];
      const first = lo;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (times[mid] <= knownAtMs) lo = mid + 1;
        else hi = mid;
      }
      return lo === first ? null : values[lo - 1];
    },
  };
}

import type { EntityManager } from 'typeorm';

/** Beliefs about events of one or more sensors, column by column (epoch milliseconds for times). */
export interface BeliefColumns {
  readonly sensorIds: readonly number[];
  readonly eventStarts: readonly number[];
  readonly beliefTimes: readonly number[];
  readonly values: readonly number[];
  /** Default 0.5: a deterministic belief is its own median. */
  readonly cumulativeProbabilities?: readonly number[];
}

export interface IngestCounts {
  readonly received: number;
  readonly stored: number;
  /** Exactly this belief (same key and value) was already stored. */
  readonly known: number;
  /** A belief with the same key but another value is stored: a replacement. */
  readonly conflicting: number;
}

export interface LatestBeliefsQuery {
  readonly sensorId: number;
  readonly startMs: number;
  readonly endMs: number;
  /** The sensor's event resolution. */
  readonly resolutionMs: number;
  /** Bin width for the answer: the resolution or a multiple of it (averaged). */
  readonly binMs: number;
  /** Only beliefs with event end − belief time ≥ horizon. */
  readonly horizonMs?: number;
  /** Only beliefs with belief time < prior. */
  readonly priorMs?: number;
  readonly sourceIds?: readonly number[];
}

/** Per bin that has data: its index counted from the start, and the value. */
export interface BinnedSeries {
  readonly bins: readonly number[];
  readonly values: readonly number[];
}

const INPUT = `unnest($1::int[], $2::float8[], $3::float8[], $4::float8[], $5::float8[]) WITH ORDINALITY AS input(sensor_id, event_ms, belief_ms, value, probability, n)`;
const EPOCH_PLUS_MS = (column: string) => `timestamptz 'epoch' + ${column} * interval '1 millisecond'`;
const KEY_MATCH = `b.sensor_id = input.sensor_id AND b.event_start = ${EPOCH_PLUS_MS('input.event_ms')}
    AND b.belief_time = ${EPOCH_PLUS_MS('input.belief_ms')} AND b.source_id = $6 AND b.cumulative_probability = input.probability`;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The belief store in set-based SQL (the ORM stays off this path): one
 * INSERT … SELECT FROM unnest per batch, and the latest-belief selection
 * with arrays built in PostgreSQL, so a year of quarter-hours leaves the
 * database as two arrays rather than 35,040 row objects.
 */
export class BeliefsRepository {
  /**
   * Rows are inserted in key order, so concurrent inserts of overlapping
   * beliefs wait for each other instead of deadlocking.
   *
   * Stores beliefs of one source; a belief already stored is left as it is
   * (history is never overwritten). With `replace` (play mode only) a stored
   * belief with another value gets the new value.
   */
  async insert(manager: EntityManager, sourceId: number, columns: BeliefColumns, options: { replace?: boolean } = {}): Promise<IngestCounts> {
    const received = columns.values.length;
    if (received === 0) return { received, stored: 0, known: 0, conflicting: 0 };
    const params = [
      columns.sensorIds,
      columns.eventStarts,
      columns.beliefTimes,
      columns.values,
      columns.cumulativeProbabilities ?? new Array<number>(received).fill(0.5),
      sourceId,
    ];
    if (options.replace) return this.upsert(manager, params, received);
    const [{ stored }] = await manager.query(
      `WITH ins AS (
         INSERT INTO timed_belief (sensor_id, event_start, belief_time, source_id, cumulative_probability, event_value)
         SELECT sensor_id, ${EPOCH_PLUS_MS('event_ms')}, ${EPOCH_PLUS_MS('belief_ms')}, $6, probability, value FROM ${INPUT}
         ORDER BY sensor_id, event_ms, belief_ms, probability
         ON CONFLICT DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS stored FROM ins`,
      params,
    );
    if (stored === received) return { received, stored, known: 0, conflicting: 0 };
    const [{ conflicting }] = await manager.query(
      `SELECT count(*)::int AS conflicting FROM ${INPUT}
         JOIN timed_belief b ON ${KEY_MATCH}
        WHERE b.event_value IS DISTINCT FROM input.value`,
      params,
    );
    return { received, stored, known: received - stored - conflicting, conflicting };
  }

  private async upsert(manager: EntityManager, params: unknown[], received: number): Promise<IngestCounts> {
    const [{ stored, replaced }] = await manager.query(
      `WITH input AS (
         SELECT DISTINCT ON (sensor_id, event_ms, belief_ms, probability) * FROM ${INPUT}
         ORDER BY sensor_id, event_ms, belief_ms, probability, n DESC),
       ups AS (
         INSERT INTO timed_belief (sensor_id, event_start, belief_time, source_id, cumulative_probability, event_value)
         SELECT sensor_id, ${EPOCH_PLUS_MS('event_ms')}, ${EPOCH_PLUS_MS('belief_ms')}, $6, probability, value FROM input
         ON CONFLICT (sensor_id, event_start, belief_time, source_id, cumulative_probability)
         DO UPDATE SET event_value = EXCLUDED.event_value WHERE timed_belief.event_value IS DISTINCT FROM EXCLUDED.event_value
         RETURNING (xmax = 0) AS fresh)
       SELECT count(*) FILTER (WHERE fresh)::int AS stored, count(*) FILTER (WHERE NOT fresh)::int AS replaced FROM ups`,
      params,
    );
    return { received, stored: stored + replaced, known: received - stored - replaced, conflicting: 0 };
  }

  /**
   * Per event in [start, end): the most recent belief (ties: the highest
   * source id) among those passing the horizon, prior and source filters,
   * averaged into bins of `binMs` counted from the start.
   */
  async latest(manager: EntityManager, query: LatestBeliefsQuery): Promise<BinnedSeries> {
    const params: unknown[] = [query.sensorId, iso(query.startMs), iso(query.endMs), query.startMs, query.binMs];
    const filters: string[] = [];
    if (query.priorMs !== undefined) {
      params.push(iso(query.priorMs));
      filters.push(`belief_time < $${params.length}::timestamptz`);
    }
    if (query.horizonMs !== undefined) {
      // event end − belief time ≥ horizon  ⇔  belief time ≤ event start + (resolution − horizon)
      params.push(query.resolutionMs - query.horizonMs);
      filters.push(`belief_time <= event_start + $${params.length} * interval '1 millisecond'`);
    }
    if (query.sourceIds !== undefined) {
      params.push(query.sourceIds);
      filters.push(`source_id = ANY($${params.length}::int[])`);
    }
    const latest = `SELECT floor((date_part('epoch', event_start) * 1000 - $4::float8) / $5::float8)::int AS bin, event_value AS value
                      FROM (SELECT DISTINCT ON (event_start) event_start, event_value
                              FROM timed_belief
                             WHERE sensor_id = $1 AND event_start >= $2::timestamptz AND event_start < $3::timestamptz
                               AND cumulative_probability = 0.5 ${filters.map((f) => `AND ${f}`).join(' ')}
                             ORDER BY event_start DESC, belief_time DESC, source_id DESC) newest`;
    // Bins of the sensor's own resolution need no aggregate: one event per bin.
    const binned = query.binMs === query.resolutionMs ? latest : `SELECT bin, avg(value) AS value FROM (${latest}) per_event GROUP BY bin`;
    const [row] = await manager.query(
      `SELECT json_build_object('bins', coalesce(json_agg(bin), '[]'), 'values', coalesce(json_agg(value), '[]'))::text AS series FROM (${binned}) series`,
      params,
    );
    return ascending(JSON.parse(row.series) as { bins: number[]; values: number[] });
  }
}

/**
 * Orders a series by bin. The scan walks events newest first, so the common
 * case is a reversal; aggregated bins come in hash order and are sorted.
 */
function ascending(series: { bins: number[]; values: number[] }): BinnedSeries {
  const { bins, values } = series;
  const descending = bins.every((bin, i) => i === 0 || bins[i - 1] > bin);
  if (descending) return { bins: bins.reverse(), values: values.reverse() };
  const order = bins.map((_, i) => i).sort((a, b) => bins[a] - bins[b]);
  return { bins: order.map((i) => bins[i]), values: order.map((i) => values[i]) };
}

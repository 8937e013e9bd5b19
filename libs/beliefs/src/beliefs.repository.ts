import { DomainError } from '@flexmeasures/domain';
import { MAY_CONFLICT } from '@flexmeasures/persistence';
import type { EntityManager } from 'typeorm';
import { BeliefColumns, BeliefInput, beliefInput } from './belief-input';

export type { BeliefColumns } from './belief-input';

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
  /** The quantile asked for; default 0.5 (the median, and every deterministic belief). */
  readonly cumulativeProbability?: number;
}

/** Per bin that has data: its index counted from the start, and the value. */
export interface BinnedSeries {
  readonly bins: readonly number[];
  readonly values: readonly number[];
}

const EPOCH_PLUS_MS = (column: string) => `timestamptz 'epoch' + ${column} * interval '1 millisecond'`;
/** Source id is $1; the input's parameters follow. */
const SOURCE = '$1';
const KEY_MATCH = `b.sensor_id = input.sensor_id AND b.event_start = ${EPOCH_PLUS_MS('input.event_ms')}
    AND b.belief_time = ${EPOCH_PLUS_MS('input.belief_ms')} AND b.source_id = ${SOURCE} AND b.cumulative_probability = input.probability`;

/** Rows in key order, so concurrent inserts of overlapping beliefs wait for each other instead of deadlocking. */
function insertSorted(input: BeliefInput): string {
  return `INSERT INTO timed_belief (sensor_id, event_start, belief_time, source_id, cumulative_probability, event_value)
         SELECT sensor_id, ${EPOCH_PLUS_MS('event_ms')}, ${EPOCH_PLUS_MS('belief_ms')}, ${SOURCE}, probability, value FROM ${input.sql}
         ${input.sorted ? '' : 'ORDER BY sensor_id, event_ms, belief_ms, probability'}`;
}
const UNIQUE_VIOLATION = '23505';

/**
 * What timed_belief's foreign keys did per row, done once per insert (see
 * migration BeliefIngest1764375100000): lock the sensors and the source
 * against deletion until commit, and record that this source has beliefs of
 * these sensors, so deleting the source later finds them.
 */
async function claimSensors(manager: EntityManager, sourceId: number, sensorIds: readonly number[]): Promise<void> {
  const ids = [...new Set(sensorIds)].sort((a, b) => a - b);
  const [{ sensors, sources }] = await manager.query(
    `WITH s AS (SELECT id FROM sensor WHERE id = ANY($1::int[]) ORDER BY id FOR KEY SHARE),
          d AS (SELECT id FROM data_source WHERE id = $2 FOR KEY SHARE),
          pairs AS (INSERT INTO sensor_source (sensor_id, source_id) SELECT s.id, d.id FROM s CROSS JOIN d ON CONFLICT DO NOTHING)
     SELECT (SELECT count(*) FROM s)::int AS sensors, (SELECT count(*) FROM d)::int AS sources`,
    [ids, sourceId],
  );
  if (sources !== 1) throw new DomainError('INVALID_SOURCE', `Data source ${sourceId} no longer exists; it was deleted while these beliefs were being stored.`);
  if (sensors !== ids.length) {
    throw new DomainError('UNRECOGNIZED_SENSOR', 'A sensor these beliefs are about no longer exists; it was deleted while they were being stored.');
  }
}

/** The plain INSERT inside a savepoint: true when every belief was new, false (nothing written) when some key was already stored. */
async function tryInsertAllNew(manager: EntityManager, insert: string, params: unknown[]): Promise<boolean> {
  await manager.query('SAVEPOINT belief_insert');
  try {
    await manager.query(`${MAY_CONFLICT}\n${insert}`, params);
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION && (error as { driverError?: { code?: string } }).driverError?.code !== UNIQUE_VIOLATION) throw error;
    await manager.query('ROLLBACK TO SAVEPOINT belief_insert');
    return false;
  }
  await manager.query('RELEASE SAVEPOINT belief_insert');
  return true;
}

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
   * Stores beliefs of one source; a belief already stored is left as it is
   * (history is never overwritten). With `replace` (play mode only) a stored
   * belief with another value gets the new value.
   *
   * Most posts bring only new beliefs, so a plain INSERT is tried first; only
   * when some key is already stored (a unique violation rolls the attempt back
   * to its savepoint) does the slower ON CONFLICT path run and count what was
   * known. Rows go in key order, so concurrent inserts of overlapping beliefs
   * wait for each other instead of deadlocking.
   */
  async insert(manager: EntityManager, sourceId: number, columns: BeliefColumns, options: { replace?: boolean } = {}): Promise<IngestCounts> {
    const received = columns.values.length;
    if (received === 0) return { received, stored: 0, known: 0, conflicting: 0 };
    if (!manager.queryRunner?.isTransactionActive) return manager.transaction((tx) => this.insert(tx, sourceId, columns, options));
    const input = beliefInput(columns, 2);
    const params = [sourceId, ...input.params];
    await claimSensors(manager, sourceId, columns.sensorIds);
    if (options.replace) return this.upsert(manager, input, params, received);
    if (await tryInsertAllNew(manager, insertSorted(input), params)) return { received, stored: received, known: 0, conflicting: 0 };
    const [{ stored }] = await manager.query(
      `WITH ins AS (
         ${insertSorted(input)}
         ON CONFLICT DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS stored FROM ins`,
      params,
    );
    if (stored === received) return { received, stored, known: 0, conflicting: 0 };
    const [{ conflicting }] = await manager.query(
      `SELECT count(*)::int AS conflicting FROM ${input.sql}
         JOIN timed_belief b ON ${KEY_MATCH}
        WHERE b.event_value IS DISTINCT FROM input.value`,
      params,
    );
    return { received, stored, known: received - stored - conflicting, conflicting };
  }

  private async upsert(manager: EntityManager, input: BeliefInput, params: unknown[], received: number): Promise<IngestCounts> {
    const [{ stored, replaced }] = await manager.query(
      `WITH input AS (
         SELECT DISTINCT ON (sensor_id, event_ms, belief_ms, probability) * FROM ${input.sql}
         ORDER BY sensor_id, event_ms, belief_ms, probability, n DESC),
       ups AS (
         INSERT INTO timed_belief (sensor_id, event_start, belief_time, source_id, cumulative_probability, event_value)
         SELECT sensor_id, ${EPOCH_PLUS_MS('event_ms')}, ${EPOCH_PLUS_MS('belief_ms')}, ${SOURCE}, probability, value FROM input
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
    const params: unknown[] = [query.sensorId, iso(query.startMs), iso(query.endMs), query.startMs, query.binMs, query.cumulativeProbability ?? 0.5];
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
                               AND cumulative_probability = $6::float8 ${filters.map((f) => `AND ${f}`).join(' ')}
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

import type { LatestBelief } from '@flexmeasures/contracts';
import type { DataSource, EntityManager } from 'typeorm';

export interface LatestBeliefQuery {
  readonly sensorId: number;
  /** The sensor's event resolution: an event ends this long after it starts. */
  readonly resolutionMs: number;
  /** Only events that have ended by this moment (epoch ms); undefined: any event, also future ones. */
  readonly endedByMs?: number;
}

/**
 * The newest event first, and of its beliefs the most recent (ties on belief
 * time: the highest source id), medians only. The primary key (sensor_id,
 * event_start, belief_time, source_id, cumulative_probability) INCLUDE
 * (event_value) answers this as a backward index-only scan that stops at the
 * first row, however long the sensor's history; the source is joined after
 * the LIMIT, for that one row.
 */
const LATEST_BELIEF = `
  SELECT extract(epoch FROM b.event_start) * 1000 AS event_ms, extract(epoch FROM b.belief_time) * 1000 AS belief_ms,
         b.event_value, ds.id AS source_id, ds.name AS source_name, ds.type AS source_type
    FROM (SELECT event_start, belief_time, source_id, event_value
            FROM timed_belief
           WHERE sensor_id = $1 AND cumulative_probability = 0.5 AND event_start <= $2::timestamptz
           ORDER BY event_start DESC, belief_time DESC, source_id DESC
           LIMIT 1) b
    JOIN data_source ds ON ds.id = b.source_id`;

/** The latest state of a sensor, for the dashboard's map and asset pages. */
export class LatestStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  async latestBelief(query: LatestBeliefQuery, manager?: EntityManager): Promise<LatestBelief | null> {
    const [row] = await (manager ?? this.dataSource.manager).query(LATEST_BELIEF, latestBeliefParameters(query));
    if (!row) return null;
    const eventMs = Number(row.event_ms);
    return {
      value: Number(row.event_value),
      event_start: new Date(eventMs).toISOString(),
      event_end: new Date(eventMs + query.resolutionMs).toISOString(),
      belief_time: new Date(Number(row.belief_ms)).toISOString(),
      source: { id: Number(row.source_id), name: String(row.source_name), type: String(row.source_type) },
    };
  }

  /** The plan PostgreSQL chooses (for tests and benchmarks). */
  async explain(query: LatestBeliefQuery): Promise<string> {
    const rows: Record<string, string>[] = await this.dataSource.query(`EXPLAIN ${LATEST_BELIEF}`, latestBeliefParameters(query));
    return rows.map((row) => Object.values(row)[0]).join('\n');
  }
}

function latestBeliefParameters(query: LatestBeliefQuery): [number, string] {
  // An event that has ended by the moment started at least one resolution before it.
  const latestStart = query.endedByMs === undefined ? 'infinity' : new Date(query.endedByMs - query.resolutionMs).toISOString();
  return [query.sensorId, latestStart];
}

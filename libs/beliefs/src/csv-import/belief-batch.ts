import type { EntityManager } from 'typeorm';
import { BeliefsRepository, IngestCounts } from '../beliefs.repository';

/** Beliefs of one sensor and source gathered for one insert, each with the file line it came from. */
export class BeliefBatch {
  eventStarts: number[] = [];
  beliefTimes: number[] = [];
  values: number[] = [];
  lines: number[] = [];

  get size(): number {
    return this.values.length;
  }

  add(eventStart: number, beliefTime: number, value: number, line: number): void {
    this.eventStarts.push(eventStart);
    this.beliefTimes.push(beliefTime);
    this.values.push(value);
    this.lines.push(line);
  }

  clear(): void {
    this.eventStarts = [];
    this.beliefTimes = [];
    this.values = [];
    this.lines = [];
  }
}

export interface BatchOutcome extends IngestCounts {
  /** Lines with a belief that was already stored with another value. */
  readonly conflictingLines: readonly number[];
}

const EPOCH_PLUS_MS = (column: string) => `timestamptz 'epoch' + ${column} * interval '1 millisecond'`;

/**
 * Inserts a batch (never replacing a stored belief) and, only when some
 * beliefs were already stored with other values, finds their lines.
 */
export async function storeBatch(
  manager: EntityManager,
  repository: BeliefsRepository,
  target: { sensorId: number; sourceId: number },
  batch: BeliefBatch,
  values: readonly number[],
): Promise<BatchOutcome> {
  const counts = await repository.insert(manager, target.sourceId, {
    sensorIds: new Array<number>(batch.size).fill(target.sensorId),
    eventStarts: batch.eventStarts,
    beliefTimes: batch.beliefTimes,
    values,
  });
  if (counts.conflicting === 0) return { ...counts, conflictingLines: [] };
  const rows: { line: number }[] = await manager.query(
    `SELECT DISTINCT input.line FROM unnest($1::float8[], $2::float8[], $3::float8[], $4::int[]) AS input(event_ms, belief_ms, value, line)
       JOIN timed_belief b ON b.sensor_id = $5 AND b.source_id = $6 AND b.cumulative_probability = 0.5
        AND b.event_start = ${EPOCH_PLUS_MS('input.event_ms')} AND b.belief_time = ${EPOCH_PLUS_MS('input.belief_ms')}
      WHERE b.event_value IS DISTINCT FROM input.value
      ORDER BY 1`,
    [batch.eventStarts, batch.beliefTimes, values, batch.lines, target.sensorId, target.sourceId],
  );
  return { ...counts, conflictingLines: rows.map((row) => Number(row.line)) };
}

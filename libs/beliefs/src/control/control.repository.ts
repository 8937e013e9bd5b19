import type { EntityManager } from 'typeorm';

/** What scheduling needs to know about an asset (storage fields may be null on other types). */
export interface StorageAsset {
  readonly id: number;
  readonly name: string;
  readonly ownerId: number;
  readonly assetType: string;
  /** The unit its power beliefs are stored in (MW, kW or W). */
  readonly unit: string;
  readonly resolutionMs: number;
  readonly capacityMw: number;
  readonly socMinMwh: number | null;
  readonly socMaxMwh: number | null;
  readonly socMwh: number | null;
  readonly socDatetimeMs: number | null;
  readonly socUdiEventId: number | null;
  readonly marketId: number | null;
  readonly chargingEfficiency: number;
  readonly dischargingEfficiency: number;
}

export interface MarketInfo {
  readonly id: number;
  readonly name: string;
  readonly unit: string;
  readonly resolutionMs: number;
}

/** A UDI event that queued a scheduling job (table udi_event_job). */
export interface UdiEventJob {
  readonly assetId: number;
  readonly eventId: number;
  readonly eventType: string;
  readonly jobId: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly resolutionMs: number;
  readonly beliefTimeMs: number;
  readonly createdAtMs: number;
  readonly failureStatus: string | null;
  readonly failureMessage: string | null;
}

/** What a failed job records: the event's job, with the failure's status and message. */
export type ScheduleFailure = Omit<UdiEventJob, 'createdAtMs' | 'failureStatus' | 'failureMessage'> & {
  readonly status: string;
  readonly message: string;
};

export interface ScheduleSlice {
  readonly assetId: number;
  readonly sourceId: number;
  readonly beliefTimeMs: number;
  readonly startMs: number;
  readonly endMs: number;
}

const MINUTE = 60_000;
const ms = (value: unknown): number | null => (value === null || value === undefined ? null : new Date(value as string | Date).getTime());
const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const iso = (epochMs: number): string => new Date(epochMs).toISOString();

/** SQL of device control: assets' state of charge, UDI events and their jobs, stored schedules. */
export class ControlRepository {
  /** An asset with its storage fields; `lock` holds its row until the transaction ends (concurrent UDI events queue up). */
  async asset(manager: EntityManager, id: number, options: { lock?: boolean } = {}): Promise<StorageAsset | undefined> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT a.id, a.name, a.owner_id, a.asset_type_name, s.unit, s.event_resolution_minutes, a.capacity_in_mw, a.min_soc_in_mwh,
              a.max_soc_in_mwh, a.soc_in_mwh, a.soc_datetime, a.soc_udi_event_id, a.market_id, a.charging_efficiency, a.discharging_efficiency
         FROM asset a JOIN sensor s ON s.id = a.id
        WHERE a.id = $1${options.lock ? ' FOR UPDATE OF a' : ''}`,
      [id],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return {
      id: Number(row.id),
      name: String(row.name),
      ownerId: Number(row.owner_id),
      assetType: String(row.asset_type_name),
      unit: String(row.unit),
      resolutionMs: Number(row.event_resolution_minutes) * MINUTE,
      capacityMw: Number(row.capacity_in_mw),
      socMinMwh: num(row.min_soc_in_mwh),
      socMaxMwh: num(row.max_soc_in_mwh),
      socMwh: num(row.soc_in_mwh),
      socDatetimeMs: ms(row.soc_datetime),
      socUdiEventId: num(row.soc_udi_event_id),
      marketId: num(row.market_id),
      chargingEfficiency: Number(row.charging_efficiency),
      dischargingEfficiency: Number(row.discharging_efficiency),
    };
  }

  async market(manager: EntityManager, id: number): Promise<MarketInfo | undefined> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT m.id, m.name, s.unit, s.event_resolution_minutes FROM market m JOIN sensor s ON s.id = m.id WHERE m.id = $1`,
      [id],
    );
    const row = rows[0];
    return row && { id: Number(row.id), name: String(row.name), unit: String(row.unit), resolutionMs: Number(row.event_resolution_minutes) * MINUTE };
  }

  /** Stores a UDI event's state of charge, its time and id on the asset. */
  async recordSoc(manager: EntityManager, assetId: number, soc: { socMwh: number; datetimeMs: number; eventId: number }): Promise<void> {
    await manager.query(`UPDATE asset SET soc_in_mwh = $2, soc_datetime = $3::timestamptz, soc_udi_event_id = $4 WHERE id = $1`, [
      assetId,
      soc.socMwh,
      iso(soc.datetimeMs),
      soc.eventId,
    ]);
  }

  /** The latest belief time of a scheduling job of the asset, so the next one can be later. */
  async lastJobBeliefTime(manager: EntityManager, assetId: number): Promise<number | undefined> {
    const [row] = await manager.query(`SELECT max(belief_time) AS latest FROM udi_event_job WHERE asset_id = $1`, [assetId]);
    return ms(row?.latest) ?? undefined;
  }

  /** Forgets the asset's UDI events older than `beforeMs` (their TTL ran out). */
  async deleteExpired(manager: EntityManager, assetId: number, beforeMs: number): Promise<void> {
    await manager.query(`DELETE FROM udi_event_job WHERE asset_id = $1 AND created_at < $2::timestamptz`, [assetId, iso(beforeMs)]);
  }

  /**
   * Records the job of a UDI event. A re-posted event (play mode) gets the
   * new job and loses the old job's failure.
   */
  async recordJob(manager: EntityManager, job: Omit<UdiEventJob, 'failureStatus' | 'failureMessage'>): Promise<void> {
    await manager.query(
      `INSERT INTO udi_event_job (asset_id, event_id, event_type, job_id, schedule_start, schedule_end, resolution_minutes, belief_time, created_at)
       VALUES ($1, $2, $3, $4, $5::timestamptz, $6::timestamptz, $7, $8::timestamptz, $9::timestamptz)
       ON CONFLICT (asset_id, event_id) DO UPDATE SET
         event_type = EXCLUDED.event_type, job_id = EXCLUDED.job_id, schedule_start = EXCLUDED.schedule_start,
         schedule_end = EXCLUDED.schedule_end, resolution_minutes = EXCLUDED.resolution_minutes, belief_time = EXCLUDED.belief_time,
         created_at = EXCLUDED.created_at, failure_status = NULL, failure_message = NULL`,
      [job.assetId, job.eventId, job.eventType, job.jobId, iso(job.startMs), iso(job.endMs), job.resolutionMs / MINUTE, iso(job.beliefTimeMs), iso(job.createdAtMs)],
    );
  }

  /**
   * Records why a UDI event's job failed for good. Written as an upsert that
   * only touches the row of this very job: should the event's row still be
   * uncommitted, PostgreSQL makes this wait for it.
   */
  async recordFailure(manager: EntityManager, failure: ScheduleFailure): Promise<void> {
    await manager.query(
      `INSERT INTO udi_event_job (asset_id, event_id, event_type, job_id, schedule_start, schedule_end, resolution_minutes, belief_time, failure_status, failure_message)
       SELECT $1, $2, $3, $4, $5::timestamptz, $6::timestamptz, $7, $8::timestamptz, $9, $10 WHERE EXISTS (SELECT 1 FROM asset WHERE id = $1)
       ON CONFLICT (asset_id, event_id) DO UPDATE SET failure_status = EXCLUDED.failure_status, failure_message = EXCLUDED.failure_message
        WHERE udi_event_job.job_id = EXCLUDED.job_id`,
      [
        failure.assetId,
        failure.eventId,
        failure.eventType,
        failure.jobId,
        iso(failure.startMs),
        iso(failure.endMs),
        failure.resolutionMs / MINUTE,
        iso(failure.beliefTimeMs),
        failure.status,
        failure.message,
      ],
    );
  }

  async udiEventJob(manager: EntityManager, assetId: number, eventId: number): Promise<UdiEventJob | undefined> {
    const rows: Record<string, unknown>[] = await manager.query(`SELECT * FROM udi_event_job WHERE asset_id = $1 AND event_id = $2`, [assetId, eventId]);
    const row = rows[0];
    if (row === undefined) return undefined;
    return {
      assetId: Number(row.asset_id),
      eventId: Number(row.event_id),
      eventType: String(row.event_type),
      jobId: String(row.job_id),
      startMs: ms(row.schedule_start) as number,
      endMs: ms(row.schedule_end) as number,
      resolutionMs: Number(row.resolution_minutes) * MINUTE,
      beliefTimeMs: ms(row.belief_time) as number,
      createdAtMs: ms(row.created_at) as number,
      failureStatus: row.failure_status === null ? null : String(row.failure_status),
      failureMessage: row.failure_message === null ? null : String(row.failure_message),
    };
  }

  /** A data source's id by its identity, without creating it (a read path). */
  async scriptSourceId(manager: EntityManager, script: { name: string; type: string; model: string; version: string }): Promise<number | undefined> {
    const [row] = await manager.query(`SELECT id FROM data_source WHERE name = $1 AND type = $2 AND model = $3 AND version = $4 AND user_id IS NULL`, [
      script.name,
      script.type,
      script.model,
      script.version,
    ]);
    return row === undefined ? undefined : Number(row.id);
  }

  /** The values of one stored schedule (one source, one belief time) in [start, end), by event start. */
  async scheduleValues(manager: EntityManager, slice: ScheduleSlice): Promise<{ startsMs: number[]; values: number[] }> {
    const [row] = await manager.query(
      `SELECT coalesce(array_agg(extract(epoch FROM event_start) * 1000 ORDER BY event_start), '{}') AS starts,
              coalesce(array_agg(event_value ORDER BY event_start), '{}') AS values
         FROM timed_belief
        WHERE sensor_id = $1 AND source_id = $2 AND belief_time = $3::timestamptz
          AND event_start >= $4::timestamptz AND event_start < $5::timestamptz AND cumulative_probability = 0.5`,
      [slice.assetId, slice.sourceId, iso(slice.beliefTimeMs), iso(slice.startMs), iso(slice.endMs)],
    );
    return { startsMs: (row?.starts ?? []).map(Number), values: (row?.values ?? []).map(Number) };
  }
}

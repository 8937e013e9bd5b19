import type { DataSource } from 'typeorm';

/** What ingest and retrieval need to know about a sensor. */
export interface SensorInfo {
  readonly id: number;
  readonly kind: 'asset' | 'market' | 'weather_sensor';
  readonly unit: string;
  readonly resolutionMs: number;
}

export interface AssetSensor extends SensorInfo {
  readonly kind: 'asset';
  readonly ownerId: number;
  readonly isConsumer: boolean;
  readonly isProducer: boolean;
}

const MINUTE = 60_000;

function sensorInfo(row: Record<string, unknown>): SensorInfo {
  return { id: Number(row.id), kind: row.kind as SensorInfo['kind'], unit: String(row.unit), resolutionMs: Number(row.event_resolution_minutes) * MINUTE };
}

/** Sensors looked up by the parts of their entity addresses. */
export class SensorsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async assets(ids: readonly number[]): Promise<Map<number, AssetSensor>> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT s.id, s.kind, s.unit, s.event_resolution_minutes, a.owner_id, t.is_consumer, t.is_producer
         FROM asset a JOIN sensor s ON s.id = a.id JOIN asset_type t ON t.name = a.asset_type_name
        WHERE a.id = ANY($1::int[])`,
      [ids],
    );
    return new Map(
      rows.map((row) => [
        Number(row.id),
        { ...sensorInfo(row), kind: 'asset', ownerId: Number(row.owner_id), isConsumer: Boolean(row.is_consumer), isProducer: Boolean(row.is_producer) },
      ]),
    );
  }

  async market(name: string): Promise<SensorInfo | undefined> {
    const rows = await this.dataSource.query(
      `SELECT s.id, s.kind, s.unit, s.event_resolution_minutes FROM market m JOIN sensor s ON s.id = m.id WHERE lower(m.name) = lower($1)`,
      [name],
    );
    return rows[0] ? sensorInfo(rows[0]) : undefined;
  }

  /** The weather sensor of a type at a place (to within about a centimetre). */
  async weatherSensor(sensorType: string, latitude: number, longitude: number): Promise<SensorInfo | undefined> {
    const rows = await this.dataSource.query(
      `SELECT s.id, s.kind, s.unit, s.event_resolution_minutes FROM weather_sensor w JOIN sensor s ON s.id = w.id
        WHERE w.weather_sensor_type_name = $1 AND abs(w.latitude - $2) < 1e-7 AND abs(w.longitude - $3) < 1e-7
        ORDER BY w.id LIMIT 1`,
      [sensorType, latitude, longitude],
    );
    return rows[0] ? sensorInfo(rows[0]) : undefined;
  }
}

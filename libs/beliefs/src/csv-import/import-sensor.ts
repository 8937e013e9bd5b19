import { DomainError } from '@flexmeasures/domain';
import type { EntityManager } from 'typeorm';
import type { LandedDataKind } from '../belief-events';
import type { SensorInfo } from '../sensors.repository';

/** What an import needs to know about its sensor: the SensorInfo, plus owner and prosumer role for assets. */
export interface ImportSensor extends SensorInfo {
  readonly name: string;
  readonly ownerId?: number;
  readonly isConsumer: boolean;
  readonly isProducer: boolean;
}

type Queryable = Pick<EntityManager, 'query'>;

const MINUTE = 60_000;

export async function findImportSensor(db: Queryable, id: number): Promise<ImportSensor | undefined> {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return undefined;
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT s.id, s.kind, s.name, s.unit, s.event_resolution_minutes, a.owner_id, t.is_consumer, t.is_producer
       FROM sensor s LEFT JOIN asset a ON a.id = s.id LEFT JOIN asset_type t ON t.name = a.asset_type_name
      WHERE s.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: Number(row.id),
    kind: row.kind as SensorInfo['kind'],
    name: String(row.name),
    unit: String(row.unit),
    resolutionMs: Number(row.event_resolution_minutes) * MINUTE,
    ...(row.owner_id === null || row.owner_id === undefined ? {} : { ownerId: Number(row.owner_id) }),
    isConsumer: Boolean(row.is_consumer),
    isProducer: Boolean(row.is_producer),
  };
}

export async function requireImportSensor(db: Queryable, id: number): Promise<ImportSensor> {
  const sensor = await findImportSensor(db, id);
  if (!sensor) {
    throw new DomainError('UNRECOGNIZED_SENSOR', `There is no sensor ${id}; give the id of an asset, market or weather sensor.`, {
      sensor: id,
    });
  }
  return sensor;
}

/** Which stored data an import is, for BeliefEvents listeners (forecasting follows meter data and weather). */
export function landedKind(sensor: SensorInfo): LandedDataKind {
  switch (sensor.kind) {
    case 'asset':
      return 'meter';
    case 'market':
      return 'price';
    case 'weather_sensor':
      return 'weather';
  }
}

import type { AssetFields } from '@flexmeasures/domain';
import { DataSource, EntityManager } from 'typeorm';

/** An asset row as the API shows it (ids, minutes, ISO dates). */
export interface AssetRecord extends AssetFields {
  readonly id: number;
}

const SELECT_ASSET = `
  SELECT a.id, a.name, a.display_name, a.asset_type_name AS asset_type, s.unit, a.owner_id AS owner,
         a.market_id AS market, s.event_resolution_minutes AS event_resolution, a.capacity_in_mw,
         a.latitude, a.longitude, a.min_soc_in_mwh, a.max_soc_in_mwh, a.soc_in_mwh, a.soc_datetime, a.soc_udi_event_id,
         a.charging_efficiency, a.discharging_efficiency
    FROM asset a JOIN sensor s ON s.id = a.id`;

function toRecord(row: Record<string, unknown>): AssetRecord {
  const date = row.soc_datetime as Date | null;
  return { ...(row as unknown as AssetRecord), market: (row.market as number | null) ?? (null as unknown as number), soc_datetime: date ? date.toISOString() : null };
}

/** Assets and their sensors, in plain SQL: one row per asset, its sensor holds unit and resolution. */
export class AssetsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(ownerId?: number): Promise<AssetRecord[]> {
    const rows = ownerId === undefined
      ? await this.dataSource.query(`${SELECT_ASSET} ORDER BY a.id`)
      : await this.dataSource.query(`${SELECT_ASSET} WHERE a.owner_id = $1 ORDER BY a.id`, [ownerId]);
    return rows.map(toRecord);
  }

  async findById(id: number, manager?: EntityManager): Promise<AssetRecord | null> {
    const rows = await (manager ?? this.dataSource.manager).query(`${SELECT_ASSET} WHERE a.id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async nameTaken(name: string, exceptId?: number): Promise<boolean> {
    const rows = await this.dataSource.query('SELECT 1 FROM asset WHERE lower(name) = lower($1) AND id <> $2', [name, exceptId ?? 0]);
    return rows.length > 0;
  }

  async create(fields: AssetFields): Promise<AssetRecord> {
    return this.dataSource.transaction(async (m) => {
      const [{ id }] = await m.query(
        `INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('asset', $1, $2, $3) RETURNING id`,
        [fields.name, fields.unit, fields.event_resolution],
      );
      await m.query(
        `INSERT INTO asset (id, name, display_name, asset_type_name, owner_id, market_id, capacity_in_mw, latitude, longitude,
                            min_soc_in_mwh, max_soc_in_mwh, soc_in_mwh, soc_datetime, soc_udi_event_id, charging_efficiency, discharging_efficiency)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [id, fields.name, fields.display_name, fields.asset_type, fields.owner, fields.market, fields.capacity_in_mw, fields.latitude, fields.longitude,
          fields.min_soc_in_mwh ?? null, fields.max_soc_in_mwh ?? null, fields.soc_in_mwh ?? null, fields.soc_datetime ?? null, fields.soc_udi_event_id ?? null,
          fields.charging_efficiency ?? 1, fields.discharging_efficiency ?? 1],
      );
      return (await this.findById(id, m)) as AssetRecord;
    });
  }

  async update(id: number, fields: Partial<AssetFields>): Promise<AssetRecord> {
    return this.dataSource.transaction(async (m) => {
      const sensorColumns: Record<string, unknown> = {};
      if (fields.name !== undefined) sensorColumns.name = fields.name;
      if (fields.unit !== undefined) sensorColumns.unit = fields.unit;
      if (fields.event_resolution !== undefined) sensorColumns.event_resolution_minutes = fields.event_resolution;
      const assetColumns: Record<string, unknown> = {};
      const rename: Record<string, string> = { asset_type: 'asset_type_name', owner: 'owner_id', market: 'market_id' };
      for (const key of ['name', 'display_name', 'asset_type', 'owner', 'market', 'capacity_in_mw', 'latitude', 'longitude', 'min_soc_in_mwh', 'max_soc_in_mwh', 'soc_in_mwh', 'soc_datetime', 'soc_udi_event_id', 'charging_efficiency', 'discharging_efficiency'] as const) {
        if (fields[key] !== undefined) assetColumns[rename[key] ?? key] = fields[key];
      }
      await updateRow(m, 'sensor', id, sensorColumns);
      await updateRow(m, 'asset', id, assetColumns);
      return (await this.findById(id, m)) as AssetRecord;
    });
  }

  /** The asset, its sensor and all its beliefs, in one transaction (foreign keys cascade from the sensor). */
  async delete(id: number): Promise<boolean> {
    const rows = await this.dataSource.query(`DELETE FROM sensor WHERE id = $1 AND kind = 'asset' RETURNING id`, [id]);
    return rows.length > 0;
  }

  /** Connections of a user (all for admins), newest first, as the getConnection endpoint lists them. */
  async connections(ownerId?: number): Promise<{ id: number; owner: number; name: string }[]> {
    return ownerId === undefined
      ? this.dataSource.query('SELECT id, owner_id AS owner, name FROM asset ORDER BY id DESC')
      : this.dataSource.query('SELECT id, owner_id AS owner, name FROM asset WHERE owner_id = $1 ORDER BY id DESC', [ownerId]);
  }
}

async function updateRow(m: EntityManager, table: 'sensor' | 'asset', id: number, columns: Record<string, unknown>): Promise<void> {
  const names = Object.keys(columns);
  if (names.length === 0) return;
  const assignments = names.map((name, i) => `${name} = $${i + 2}`).join(', ');
  await m.query(`UPDATE ${table} SET ${assignments} WHERE id = $1`, [id, ...names.map((name) => columns[name])]);
}

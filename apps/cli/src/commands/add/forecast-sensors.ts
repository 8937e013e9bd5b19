import { resolveSensorReference, SCRIPT_SOURCE_TYPES } from '@flexmeasures/beliefs';
import { DomainError, NamingAuthoritySettings } from '@flexmeasures/domain';
import type { DataSource } from 'typeorm';

/** A sensor to forecast, as the command's summary names it. */
export interface ForecastTarget {
  readonly id: number;
  readonly name: string;
  /** asset type (e.g. solar), "market" or the weather sensor type. */
  readonly type: string;
}

export interface SensorSelection {
  readonly assetType?: string;
  readonly asset?: string;
  readonly sensor?: string;
}

/** The seed's generic asset types (§25.1.6: `--asset-type Asset`), by the table they select from. */
const GENERIC_TYPES: Readonly<Record<string, 'asset' | 'market' | 'weather_sensor'>> = { asset: 'asset', market: 'market', weathersensor: 'weather_sensor' };

const TARGETS = `
  SELECT s.id, s.kind, coalesce(a.name, m.name, w.name) AS name, coalesce(a.asset_type_name, w.weather_sensor_type_name, 'market') AS type
    FROM sensor s
    LEFT JOIN asset a ON a.id = s.id LEFT JOIN market m ON m.id = s.id LEFT JOIN weather_sensor w ON w.id = s.id`;

type Row = { id: number; kind: string; name: string; type: string };
const target = (row: Row): ForecastTarget => ({ id: Number(row.id), name: String(row.name), type: String(row.type) });

/**
 * The sensors `add forecasts` makes forecasts for: one sensor (--sensor, an
 * id or entity address), one asset, market or weather sensor by id or name
 * (--asset), every sensor of a kind (--asset-type Asset, Market or
 * WeatherSensor) or every asset of a type (--asset-type solar), or — without
 * any of these — every sensor holding data of someone other than the
 * platform's own scripts.
 */
export async function selectForecastSensors(dataSource: DataSource, selection: SensorSelection, naming: NamingAuthoritySettings): Promise<ForecastTarget[]> {
  const generic = selection.assetType === undefined ? undefined : GENERIC_TYPES[selection.assetType.toLowerCase().replace(/[\s_-]/g, '')];
  const typeFilter = (row: Row) =>
    selection.assetType === undefined || (generic !== undefined ? row.kind === generic : row.kind === 'asset' && row.type.toLowerCase() === selection.assetType.toLowerCase());

  if (selection.sensor !== undefined) {
    const id = await resolveSensorReference(dataSource, selection.sensor, naming);
    return (await dataSource.query(`${TARGETS} WHERE s.id = $1`, [id])).map(target);
  }
  if (selection.asset !== undefined) {
    const text = selection.asset.trim();
    const rows: Row[] = /^\d+$/.test(text)
      ? await dataSource.query(`${TARGETS} WHERE s.id = $1`, [Number(text)])
      : await dataSource.query(`${TARGETS} WHERE lower(coalesce(a.name, m.name, w.name)) = lower($1) ORDER BY s.id`, [text]);
    const matching = rows.filter(typeFilter);
    if (matching.length === 0) {
      throw new DomainError('UNRECOGNIZED_SENSOR', `There is no ${selection.assetType ?? 'asset, market or weather sensor'} "${text}"; give an id or a name (flexmeasures list lists them).`);
    }
    if (matching.length > 1) {
      throw new DomainError('UNRECOGNIZED_SENSOR', `"${text}" names ${matching.length} sensors (${matching.map((r) => `${r.id}: ${r.type}`).join(', ')}); give the id, or --asset-type.`);
    }
    return matching.map(target);
  }
  if (selection.assetType !== undefined) {
    const rows: Row[] = await dataSource.query(`${TARGETS} ORDER BY s.id`);
    const known = new Set((await dataSource.query('SELECT name FROM asset_type')).map((r: { name: string }) => r.name.toLowerCase()));
    if (generic === undefined && !known.has(selection.assetType.toLowerCase())) {
      throw new DomainError('UNRECOGNIZED_SENSOR', `"${selection.assetType}" is no asset type; use Asset, Market, WeatherSensor or one of: ${[...known].join(', ')}.`);
    }
    return rows.filter(typeFilter).map(target);
  }
  const rows: Row[] = await dataSource.query(
    `${TARGETS}
      WHERE EXISTS (SELECT 1 FROM sensor_source ss JOIN data_source d ON d.id = ss.source_id WHERE ss.sensor_id = s.id AND NOT (d.type = ANY($1::text[])))
      ORDER BY s.id`,
    [SCRIPT_SOURCE_TYPES],
  );
  return rows.map(target);
}

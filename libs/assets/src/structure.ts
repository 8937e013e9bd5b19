import { DataSource, EntityManager } from 'typeorm';

export interface AssetTypeSpec {
  readonly name: string;
  readonly displayName: string;
  readonly isConsumer: boolean;
  readonly isProducer: boolean;
  readonly canCurtail: boolean;
  /** Storage and flexible loads: the scheduler plans these. */
  readonly canShift: boolean;
  readonly daily: boolean;
  readonly weekly: boolean;
}

/** The asset types of the seed's structure, with what forecasting and scheduling need to know. */
export const ASSET_TYPES: readonly AssetTypeSpec[] = [
  { name: 'solar', displayName: 'solar panel', isConsumer: false, isProducer: true, canCurtail: true, canShift: false, daily: true, weekly: false },
  { name: 'wind', displayName: 'wind turbine', isConsumer: false, isProducer: true, canCurtail: true, canShift: false, daily: true, weekly: false },
  { name: 'battery', displayName: 'stationary battery', isConsumer: true, isProducer: true, canCurtail: true, canShift: true, daily: true, weekly: false },
  { name: 'one-way_evse', displayName: 'uni-directional Electric Vehicle Supply Equipment', isConsumer: true, isProducer: false, canCurtail: true, canShift: true, daily: true, weekly: true },
  { name: 'two-way_evse', displayName: 'bi-directional Electric Vehicle Supply Equipment', isConsumer: true, isProducer: true, canCurtail: true, canShift: true, daily: true, weekly: true },
  { name: 'charging_station', displayName: 'Charging station (uni-directional)', isConsumer: true, isProducer: false, canCurtail: true, canShift: true, daily: true, weekly: true },
  { name: 'bidirectional_charging_station', displayName: 'Charging station (bi-directional)', isConsumer: true, isProducer: true, canCurtail: true, canShift: true, daily: true, weekly: true },
  { name: 'building', displayName: 'building', isConsumer: true, isProducer: false, canCurtail: false, canShift: false, daily: true, weekly: true },
];

/** Types the storage scheduler handles. */
export const SCHEDULABLE_ASSET_TYPES: readonly string[] = ['battery', 'one-way_evse', 'two-way_evse'];
export { STORAGE_ASSET_TYPES } from '@flexmeasures/contracts';

export const MARKET_TYPES = [
  { name: 'day_ahead', displayName: 'day-ahead market', daily: true, weekly: true, yearly: true },
] as const;

export const WEATHER_SENSOR_TYPES = [
  { name: 'temperature', displayName: 'ambient temperature', unit: '°C' },
  { name: 'wind_speed', displayName: 'wind speed', unit: 'm/s' },
  { name: 'radiation', displayName: 'solar irradiation', unit: 'kW/m²' },
] as const;

/** The dummy market of a quick start (the seed's `add structure`). */
export const DEFAULT_MARKET = { name: 'epex_da', displayName: 'EPEX SPOT day-ahead market', marketType: 'day_ahead', unit: 'EUR/MWh', resolutionMinutes: 60 } as const;

/**
 * The platform's own data sources made up front: the scheduler's. The
 * forecaster's sources are made as forecasts are stored, one per model that
 * made them (the model used is part of what a forecast says).
 */
export const PLATFORM_SOURCES = [{ name: 'FlexMeasures', type: 'scheduling script', model: 'storage-milp', version: '1' }] as const;

export interface StructureCounts {
  readonly assetTypes: number;
  readonly marketTypes: number;
  readonly weatherSensorTypes: number;
  readonly markets: number;
  readonly dataSources: number;
}

/** Adds the standard structure; existing rows are left alone, so running it twice changes nothing. */
export async function addStructure(dataSource: DataSource): Promise<StructureCounts> {
  return dataSource.transaction(async (m) => {
    let assetTypes = 0;
    for (const t of ASSET_TYPES) {
      assetTypes += await inserted(
        m,
        `INSERT INTO asset_type (name, display_name, is_consumer, is_producer, can_curtail, can_shift, daily_seasonality, weekly_seasonality)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (name) DO NOTHING`,
        [t.name, t.displayName, t.isConsumer, t.isProducer, t.canCurtail, t.canShift, t.daily, t.weekly],
      );
    }
    let marketTypes = 0;
    for (const t of MARKET_TYPES) {
      marketTypes += await inserted(
        m,
        `INSERT INTO market_type (name, display_name, daily_seasonality, weekly_seasonality, yearly_seasonality)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING`,
        [t.name, t.displayName, t.daily, t.weekly, t.yearly],
      );
    }
    let weatherSensorTypes = 0;
    for (const t of WEATHER_SENSOR_TYPES) {
      weatherSensorTypes += await inserted(m, 'INSERT INTO weather_sensor_type (name, display_name) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [t.name, t.displayName]);
    }
    let markets = 0;
    const existing = await m.query('SELECT 1 FROM market WHERE name = $1', [DEFAULT_MARKET.name]);
    if (existing.length === 0) {
      const [{ id }] = await m.query(
        `INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('market', $1, $2, $3) RETURNING id`,
        [DEFAULT_MARKET.name, DEFAULT_MARKET.unit, DEFAULT_MARKET.resolutionMinutes],
      );
      await m.query('INSERT INTO market (id, name, display_name, market_type_name) VALUES ($1, $2, $3, $4)', [
        id,
        DEFAULT_MARKET.name,
        DEFAULT_MARKET.displayName,
        DEFAULT_MARKET.marketType,
      ]);
      markets = 1;
    }
    let dataSources = 0;
    for (const s of PLATFORM_SOURCES) {
      dataSources += await inserted(
        m,
        `INSERT INTO data_source (name, type, model, version) VALUES ($1, $2, $3, $4)
         ON CONFLICT (name, type, coalesce(user_id, 0), coalesce(model, ''), coalesce(version, '')) DO NOTHING`,
        [s.name, s.type, s.model, s.version],
      );
    }
    return { assetTypes, marketTypes, weatherSensorTypes, markets, dataSources };
  });
}

async function inserted(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const result = await m.query(`${sql} RETURNING 1`, params);
  return Array.isArray(result) ? result.length : 0;
}

/** Removes all structure and everything built on it (assets, markets, weather sensors and their data). */
export async function deleteStructure(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (m) => {
    await m.query('DELETE FROM sensor');
    await m.query('DELETE FROM data_source WHERE user_id IS NULL');
    await m.query('DELETE FROM asset_type');
    await m.query('DELETE FROM market_type');
    await m.query('DELETE FROM weather_sensor_type');
  });
}

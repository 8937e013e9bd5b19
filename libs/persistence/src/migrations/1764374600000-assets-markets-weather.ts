import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Structure: every asset, market and weather sensor is a sensor (one id
 * space for all time series), with its type, and the data sources and
 * beliefs that time series are made of. Deleting a sensor removes its beliefs.
 */
export class AssetsMarketsWeather1764374600000 implements MigrationInterface {
  name = 'AssetsMarketsWeather1764374600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`
      CREATE TABLE sensor (
        id serial PRIMARY KEY,
        kind varchar(20) NOT NULL CHECK (kind IN ('asset', 'market', 'weather_sensor')),
        name varchar(80) NOT NULL,
        unit varchar(80) NOT NULL,
        event_resolution_minutes integer NOT NULL CHECK (event_resolution_minutes > 0 AND 1440 % event_resolution_minutes = 0),
        timezone varchar(80) NOT NULL DEFAULT 'UTC'
      )`);
    await q(`
      CREATE TABLE asset_type (
        name varchar(80) PRIMARY KEY,
        display_name varchar(80) NOT NULL,
        is_consumer boolean NOT NULL DEFAULT false,
        is_producer boolean NOT NULL DEFAULT false,
        can_curtail boolean NOT NULL DEFAULT false,
        can_shift boolean NOT NULL DEFAULT false,
        daily_seasonality boolean NOT NULL DEFAULT false,
        weekly_seasonality boolean NOT NULL DEFAULT false,
        yearly_seasonality boolean NOT NULL DEFAULT false
      )`);
    await q(`
      CREATE TABLE market_type (
        name varchar(80) PRIMARY KEY,
        display_name varchar(80) NOT NULL,
        daily_seasonality boolean NOT NULL DEFAULT false,
        weekly_seasonality boolean NOT NULL DEFAULT false,
        yearly_seasonality boolean NOT NULL DEFAULT false
      )`);
    await q(`
      CREATE TABLE weather_sensor_type (
        name varchar(80) PRIMARY KEY,
        display_name varchar(80) NOT NULL
      )`);
    await q(`
      CREATE TABLE market (
        id integer PRIMARY KEY REFERENCES sensor (id) ON DELETE CASCADE,
        name varchar(80) NOT NULL UNIQUE,
        display_name varchar(80) NOT NULL,
        market_type_name varchar(80) NOT NULL REFERENCES market_type (name)
      )`);
    await q(`
      CREATE TABLE weather_sensor (
        id integer PRIMARY KEY REFERENCES sensor (id) ON DELETE CASCADE,
        name varchar(80) NOT NULL,
        display_name varchar(80) NOT NULL,
        weather_sensor_type_name varchar(80) NOT NULL REFERENCES weather_sensor_type (name),
        latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        UNIQUE (weather_sensor_type_name, latitude, longitude)
      )`);
    await q(`
      CREATE TABLE asset (
        id integer PRIMARY KEY REFERENCES sensor (id) ON DELETE CASCADE,
        name varchar(80) NOT NULL UNIQUE,
        display_name varchar(80) NOT NULL,
        asset_type_name varchar(80) NOT NULL REFERENCES asset_type (name),
        owner_id integer NOT NULL REFERENCES fm_user (id) ON DELETE CASCADE,
        market_id integer REFERENCES market (id),
        capacity_in_mw double precision NOT NULL CHECK (capacity_in_mw >= 0),
        min_soc_in_mwh double precision,
        max_soc_in_mwh double precision,
        soc_in_mwh double precision,
        soc_datetime timestamptz,
        soc_udi_event_id integer,
        latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        CHECK (min_soc_in_mwh IS NULL OR max_soc_in_mwh IS NULL OR min_soc_in_mwh <= max_soc_in_mwh)
      )`);
    await q('CREATE INDEX asset_owner_idx ON asset (owner_id)');
    await q(`
      CREATE TABLE data_source (
        id serial PRIMARY KEY,
        name varchar(80) NOT NULL,
        type varchar(80) NOT NULL,
        user_id integer REFERENCES fm_user (id) ON DELETE CASCADE,
        model varchar(80),
        version varchar(17)
      )`);
    await q(`CREATE UNIQUE INDEX data_source_identity_key ON data_source (name, type, coalesce(user_id, 0), coalesce(model, ''), coalesce(version, ''))`);
    await q(`
      CREATE TABLE timed_belief (
        sensor_id integer NOT NULL REFERENCES sensor (id) ON DELETE CASCADE,
        event_start timestamptz NOT NULL,
        belief_time timestamptz NOT NULL,
        source_id integer NOT NULL REFERENCES data_source (id) ON DELETE CASCADE,
        cumulative_probability double precision NOT NULL DEFAULT 0.5,
        event_value double precision NOT NULL,
        PRIMARY KEY (sensor_id, event_start, source_id, belief_time, cumulative_probability)
      )`);
    await q('CREATE INDEX timed_belief_source_idx ON timed_belief (source_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['timed_belief', 'data_source', 'asset', 'weather_sensor', 'market', 'weather_sensor_type', 'market_type', 'asset_type', 'sensor']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}

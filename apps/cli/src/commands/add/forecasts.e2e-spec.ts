import { addStructure } from '@flexmeasures/assets';
import { BeliefsRepository } from '@flexmeasures/beliefs';
import { synthetic } from '@flexmeasures/domain';
import { Database, migrateToLatest, openDatabase } from '@flexmeasures/persistence';
import { createTestDatabase, describeWithPostgres, makeTempDir, removeDir, startNodeProcess, TestDatabase } from '@flexmeasures/testing';
import * as fs from 'node:fs';
import * as path from 'node:path';

jest.setTimeout(180_000);

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2016, 0, 1);

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const run = startNodeProcess('apps/cli/dist/main.js', { LOGGING_LEVEL: 'warn', ...env }, ['add', 'forecasts', ...args]);
  const code = await run.exited;
  return { code, output: run.output() };
}

describe('flexmeasures add forecasts: the command line', () => {
  let dir: string;
  beforeAll(() => (dir = makeTempDir('cli-forecasts-usage')));
  afterAll(() => removeDir(dir));
  const run = (args: string[]) => cli(args, { DATA_DIR: dir });

  it('explains its options', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.output).toMatch(/--from-date <date>/);
    expect(help.output).toMatch(/--as-job/);
    expect(help.output).toMatch(/--asset-type Asset --asset my-solar-panel/);
  });

  it('refuses a bad command line before opening the database', async () => {
    expect(await run(['--to-date', '2020-01-01'])).toMatchObject({ code: 1, output: expect.stringMatching(/required option '--from-date <date>' not specified/) });
    expect(await run(['--from-date', 'yesterday', '--to-date', '2020-01-01'])).toMatchObject({ code: 1, output: expect.stringMatching(/Write a date \(2020-03-08\)/) });
    expect(await run(['--from-date', '2020-01-01', '--to-date', '2020-01-02', '--horizon', 'PT0H'])).toMatchObject({ code: 1, output: expect.stringMatching(/positive ISO 8601 duration/) });
    expect(await run(['--from-date', '2020-01-01', '--to-date', '2020-01-02', '--asset', '1', '--sensor', '2'])).toMatchObject({ code: 1, output: expect.stringMatching(/cannot be used with option '--sensor/) });
    expect(fs.existsSync(path.join(dir, 'pgdata'))).toBe(false);
  });
});

describeWithPostgres('flexmeasures add forecasts (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let database: Database;
  let dir: string;
  let env: Record<string, string>;
  let building: number;

  const forecasts = (sensor: number) =>
    database.dataSource.query(
      `SELECT (extract(epoch FROM b.event_start) * 1000)::float8 AS event, (extract(epoch FROM b.belief_time) * 1000)::float8 AS belief, b.cumulative_probability AS p, s.name, s.model
         FROM timed_belief b JOIN data_source s ON s.id = b.source_id WHERE b.sensor_id = $1 AND s.type = 'forecasting script'`,
      [sensor],
    ) as Promise<{ event: number; belief: number; p: number; name: string; model: string }[]>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    dir = makeTempDir('cli-forecasts');
    env = { DATABASE_URL: testDb.url, SECRET_KEY: 'k'.repeat(32), DATA_DIR: dir, FLEXMEASURES_TIMEZONE: 'UTC' };
    database = await openDatabase({ kind: 'postgres', url: testDb.url, poolSize: 2, migrateOnStart: false });
    await migrateToLatest(database);
    await addStructure(database.dataSource);
    const { dataSource } = database;
    const [{ id: owner }] = await dataSource.query(`INSERT INTO fm_user (email, username, password, fs_uniquifier) VALUES ('owner@example.com', 'owner', 'x', 'o') RETURNING id`);
    building = await dataSource.transaction(async (m) => {
      const [{ id }] = await m.query(`INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('asset', 'office', 'kW', 15) RETURNING id`);
      await m.query(`INSERT INTO asset (id, name, display_name, asset_type_name, owner_id, capacity_in_mw, latitude, longitude) VALUES ($1, 'office', 'office', 'building', $2, 1, 52, 5)`, [id, owner]);
      return Number(id);
    });
    // Three weeks of meter data, each value believed when its event ended.
    const data = synthetic.generateYear({ seed: 3, startMs: T0, days: 21, lat: 52, lng: 5 });
    const rows = synthetic.observationBeliefs(data.building);
    const [{ id: source }] = await dataSource.query(`INSERT INTO data_source (name, type) VALUES ('meter company', 'meter data company') RETURNING id`);
    await new BeliefsRepository().insert(dataSource.manager, Number(source), {
      sensorIds: rows.map(() => building),
      eventStarts: rows.map((r) => r.eventStartMs),
      beliefTimes: rows.map((r) => r.beliefTimeMs),
      values: rows.map((r) => r.value),
    });
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
    if (dir) removeDir(dir);
  });

  it('forecasts a day of an asset with two horizons and stores the forecasts once', async () => {
    const first = await cli(['--from-date', '2016-01-20', '--to-date', '2016-01-20', '--asset-type', 'Asset', '--asset', 'office', '--horizon', 'PT6H', '--horizon', 'PT1H'], env);
    expect(first.code).toBe(0);
    expect(first.output).toMatch(new RegExp(`${building} +office +building +PT6H +96 +288 +\\S+`));
    expect(first.output).toMatch(new RegExp(`${building} +office +building +PT1H +96 +288 +\\S+`));
    expect(first.output).toMatch(/Stored 576 forecast values \(medians and 10%\/90% quantiles\) for 1 sensor as beliefs of the forecaster/);
    const rows = await forecasts(building);
    expect(rows).toHaveLength(576);
    const day = Date.UTC(2016, 0, 20);
    for (const row of rows) {
      expect(row.event).toBeGreaterThanOrEqual(day);
      expect(row.event).toBeLessThan(day + DAY);
      expect([row.event + 15 * 60_000 - 6 * HOUR, row.event + 15 * 60_000 - HOUR]).toContain(row.belief);
      expect(row.name).toBe('forecaster');
    }
    const again = await cli(['--from-date', '2016-01-20', '--to-date', '2016-01-20', '--sensor', String(building), '--horizon', 'PT6H', '--horizon', 'PT1H'], env);
    expect(again.code).toBe(0);
    expect(again.output).toMatch(/Stored 0 forecast values/);
    expect(await forecasts(building)).toHaveLength(576);
  });

  it('selects every asset of a type, and says when there is nothing to forecast', async () => {
    const solar = await cli(['--from-date', '2016-01-20', '--to-date', '2016-01-20', '--asset-type', 'solar'], env);
    expect(solar).toMatchObject({ code: 0, output: expect.stringMatching(/No sensor to forecast/) });
    const unknown = await cli(['--from-date', '2016-01-20', '--to-date', '2016-01-20', '--asset-type', 'nuclear'], env);
    expect(unknown).toMatchObject({ code: 1, output: expect.stringMatching(/"nuclear" is no asset type; use Asset, Market, WeatherSensor or one of: .*building/) });
  });

  it('refuses --as-job without Redis', async () => {
    const run = await cli(['--from-date', '2016-01-20', '--to-date', '2016-01-20', '--asset', String(building), '--as-job'], env);
    expect(run).toMatchObject({ code: 1, output: expect.stringMatching(/--as-job needs Redis, and REDIS_URL is not set/) });
  });
});

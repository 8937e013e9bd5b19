/**
 * The latest state of a sensor on both databases: which belief it picks, and
 * that a year of quarter-hours is answered by a backward walk of the primary
 * key that stops at the first row (no sort, no scan of the year).
 */
import { DatabaseConfig } from '@flexmeasures/config';
import { Database, migrateToLatest, openDatabase } from '@flexmeasures/persistence';
import { createTestDatabase, describeWithPostgres, makeTempDir, removeDir, TestDatabase } from '@flexmeasures/testing';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { LatestStateRepository } from './latest-state.repository';

jest.setTimeout(180_000);

const QUARTER = 15 * 60_000;
const YEAR_START = Date.UTC(2021, 0, 1);
const YEAR_END = Date.UTC(2022, 0, 1);
const LAST_EVENT = YEAR_END - QUARTER;

async function newSensor(dataSource: DataSource, name: string): Promise<number> {
  const [{ id }] = await dataSource.query(`INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('market', $1, 'EUR/MWh', 15) RETURNING id`, [name]);
  return Number(id);
}

async function newSource(dataSource: DataSource, name: string, type: string): Promise<number> {
  const [{ id }] = await dataSource.query('INSERT INTO data_source (name, type) VALUES ($1, $2) RETURNING id', [name, type]);
  return Number(id);
}

/** A year of quarter-hours: a forecast a day ahead and a measurement a quarter after each event (value = minutes into the year). */
async function storeYear(dataSource: DataSource, sensor: number, forecaster: number, meter: number): Promise<void> {
  await dataSource.query(
    `INSERT INTO timed_belief (sensor_id, event_start, belief_time, source_id, event_value)
     SELECT $1::int, t, t - interval '1 day', $2::int, -1 FROM generate_series($4::timestamptz, $5::timestamptz, interval '15 minutes') t
     UNION ALL
     SELECT $1::int, t, t + interval '15 minutes', $3::int, extract(epoch FROM t - $4::timestamptz) / 60
       FROM generate_series($4::timestamptz, $5::timestamptz, interval '15 minutes') t`,
    [sensor, forecaster, meter, new Date(YEAR_START).toISOString(), new Date(LAST_EVENT).toISOString()],
  );
  await dataSource.query('ANALYZE timed_belief');
}

function behaviour(open: () => Promise<Database>): void {
  let database: Database;
  let repository: LatestStateRepository;
  let sensor: number;
  let meter: number;
  let forecaster: number;

  beforeAll(async () => {
    database = await open();
    await migrateToLatest(database);
    const { dataSource } = database;
    repository = new LatestStateRepository(dataSource);
    forecaster = await newSource(dataSource, 'forecaster', 'forecasting script');
    meter = await newSource(dataSource, 'meter', 'user');
    sensor = await newSensor(dataSource, 'a year');
    // Another sensor's later data sits right after this one's in the index.
    const neighbour = await newSensor(dataSource, 'neighbour');
    await storeYear(dataSource, sensor, forecaster, meter);
    await dataSource.query(`INSERT INTO timed_belief (sensor_id, event_start, belief_time, source_id, event_value) VALUES ($1, '2030-01-01', '2030-01-01', $2, 42)`, [neighbour, meter]);
  });
  afterAll(async () => database?.close());

  it('gives the last event of the year with its measurement (the most recent belief) and its source', async () => {
    expect(await repository.latestBelief({ sensorId: sensor, resolutionMs: QUARTER })).toEqual({
      value: (LAST_EVENT - YEAR_START) / 60_000,
      event_start: '2021-12-31T23:45:00.000Z',
      event_end: '2022-01-01T00:00:00.000Z',
      belief_time: '2022-01-01T00:00:00.000Z',
      source: { id: meter, name: 'meter', type: 'user' },
    });
  });

  it('keeps to events that have ended by a given moment', async () => {
    const noon = Date.UTC(2021, 5, 1, 12);
    const latest = await repository.latestBelief({ sensorId: sensor, resolutionMs: QUARTER, endedByMs: noon + 10 * 60_000 });
    expect(latest).toMatchObject({ event_start: '2021-06-01T11:45:00.000Z', event_end: '2021-06-01T12:00:00.000Z' });
  });

  it('breaks a tie in belief time by the highest source id, and ignores beliefs that are not medians', async () => {
    const { dataSource } = database;
    const tied = await newSensor(dataSource, 'tied');
    const insert = (source: number, value: number, cp = 0.5) =>
      dataSource.query(`INSERT INTO timed_belief (sensor_id, event_start, belief_time, source_id, cumulative_probability, event_value) VALUES ($1, '2021-01-01', '2021-01-01', $2, $3, $4)`, [
        tied, source, cp, value,
      ]);
    await insert(forecaster, 1);
    await insert(meter, 2);
    await insert(meter, 3, 0.9);
    expect((await repository.latestBelief({ sensorId: tied, resolutionMs: QUARTER }))?.value).toBe(forecaster > meter ? 1 : 2);
  });

  it('is null without data', async () => {
    expect(await repository.latestBelief({ sensorId: await newSensor(database.dataSource, 'empty'), resolutionMs: QUARTER })).toBeNull();
    expect(await repository.latestBelief({ sensorId: sensor, resolutionMs: QUARTER, endedByMs: YEAR_START })).toBeNull();
  });

  it('walks the primary key backwards and stops at the first row', async () => {
    for (const endedByMs of [undefined, Date.UTC(2021, 5, 1)]) {
      const plan = await repository.explain({ sensorId: sensor, resolutionMs: QUARTER, endedByMs });
      expect(plan).toMatch(/Limit/);
      expect(plan).toMatch(/Index (Only )?Scan Backward using timed_belief_pkey on timed_belief/);
      expect(plan).not.toMatch(/Sort|Seq Scan on timed_belief/);
    }
  });
}

describe('LatestStateRepository on the embedded database (PGlite)', () => {
  const dir = makeTempDir('latest-state');
  afterAll(() => removeDir(dir));
  const config: DatabaseConfig = { kind: 'embedded', dataDir: path.join(dir, 'pgdata'), migrateOnStart: true };
  behaviour(() => openDatabase(config));
});

describeWithPostgres('LatestStateRepository on PostgreSQL', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => testDb?.drop());
  behaviour(() => openDatabase({ kind: 'postgres', url: testDb.url, poolSize: 2, migrateOnStart: true }));
});

/**
 * The forecasting job on both databases (PGlite and PostgreSQL): what it
 * stores and as whom, that it reads only what was known at its forecast time
 * (outcomes and weather, filtered in SQL and per event in the model), that a
 * later weather forecast leaves old forecasts alone, that a second run stores
 * nothing, the naive fallback on short history, and that one failing job
 * leaves the others alone.
 */
import { addStructure } from '@flexmeasures/assets';
import { DatabaseConfig } from '@flexmeasures/config';
import { ForecastJobData, JobName, QueueName } from '@flexmeasures/contracts';
import { beliefTimeline, FORECASTING_MODEL_VERSION, synthetic, ValueBelief } from '@flexmeasures/domain';
import { InProcessJobQueue, JobHandlerRegistry } from '@flexmeasures/jobs';
import { Database, migrateToLatest, openDatabase } from '@flexmeasures/persistence';
import { createTestDatabase, describeWithPostgres, makeTempDir, removeDir, TestDatabase } from '@flexmeasures/testing';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { BeliefsRepository } from '../beliefs.repository';
import { ForecastJobHandler } from './forecast.handler';
import { ForecastingRepository } from './forecasting.repository';
import { ForecastRun, SensorForecaster } from './sensor-forecaster';

jest.setTimeout(180_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const Q = 15 * MINUTE;
const T0 = Date.UTC(2015, 2, 1);
const DAYS = 30;
/** The forecast time of the tests: day 28, 00:00. */
const F = T0 + 28 * DAY;

interface Scenario {
  readonly asset: number;
  readonly weather: number;
  readonly data: synthetic.SyntheticYear;
  readonly place: { lat: number; lng: number };
}

interface Fixture {
  readonly dataSource: DataSource;
  readonly meterSource: number;
  readonly weatherSource: number;
  readonly lateSource: number;
  scenario(options?: { days?: number }): Promise<Scenario>;
}

const beliefs = new BeliefsRepository();

async function insert(dataSource: DataSource, sensorId: number, sourceId: number, rows: readonly ValueBelief[]): Promise<void> {
  await beliefs.insert(dataSource.manager, sourceId, {
    sensorIds: rows.map(() => sensorId),
    eventStarts: rows.map((b) => b.eventStartMs),
    beliefTimes: rows.map((b) => b.beliefTimeMs),
    values: rows.map((b) => b.value),
  });
}

async function prepare(database: Database): Promise<Fixture> {
  const { dataSource } = database;
  await addStructure(dataSource);
  const [{ id: owner }] = await dataSource.query(
    `INSERT INTO fm_user (email, username, password, fs_uniquifier) VALUES ('owner@example.com', 'owner', 'x', 'owner-uniquifier') RETURNING id`,
  );
  const source = async (name: string, type: string) => Number((await dataSource.query('INSERT INTO data_source (name, type) VALUES ($1, $2) RETURNING id', [name, type]))[0].id);
  const meterSource = await source('meter company', 'meter data company');
  const weatherSource = await source('weather service', 'weather service');
  const lateSource = await source('late corrections', 'meter data company');
  let n = 0;
  return {
    dataSource,
    meterSource,
    weatherSource,
    lateSource,
    async scenario(options = {}) {
      n += 1;
      // Each scenario at its own place, with its own temperature sensor: no test sees another's weather.
      const place = { lat: -60 + 10 * n, lng: 5 + n };
      const data = synthetic.generateYear({ seed: n, startMs: T0, days: options.days ?? DAYS, ...place });
      const ids = await dataSource.transaction(async (m) => {
        const [{ id: asset }] = await m.query(`INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('asset', $1, 'kW', 15) RETURNING id`, [`building ${n}`]);
        await m.query(
          `INSERT INTO asset (id, name, display_name, asset_type_name, owner_id, capacity_in_mw, latitude, longitude) VALUES ($1, $2, $2, 'building', $3, 1, $4, $5)`,
          [asset, `building ${n}`, owner, place.lat, place.lng],
        );
        const [{ id: weather }] = await m.query(`INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('weather_sensor', $1, '°C', 15) RETURNING id`, [`temperature ${n}`]);
        await m.query(`INSERT INTO weather_sensor (id, name, display_name, weather_sensor_type_name, latitude, longitude) VALUES ($1, $2, $2, 'temperature', $3, $4)`, [
          weather,
          `temperature ${n}`,
          place.lat,
          place.lng,
        ]);
        return { asset: Number(asset), weather: Number(weather) };
      });
      // Meter data believed when each event ended; weather forecasts issued every 6 hours, 12 hours ahead.
      await insert(dataSource, ids.asset, meterSource, synthetic.observationBeliefs(data.building));
      const forecasts = synthetic.weatherForecastBeliefs(data.weather, place, 'temperature', { seed: n, fromMs: T0 - DAY, toMs: T0 + (options.days ?? DAYS) * DAY, maxLeadMs: 12 * HOUR });
      await insert(dataSource, ids.weather, weatherSource, forecasts);
      return { ...ids, data, place };
    },
  };
}

interface StoredForecast {
  readonly event: number;
  readonly belief: number;
  readonly p: number;
  readonly value: number;
  /** name / type / model / version */
  readonly source: string;
}

/** The forecaster's stored beliefs of a sensor, with their source. */
async function stored(dataSource: DataSource, sensorId: number): Promise<StoredForecast[]> {
  const rows: Record<string, unknown>[] = await dataSource.query(
    `SELECT extract(epoch FROM b.event_start) * 1000 AS event, extract(epoch FROM b.belief_time) * 1000 AS belief, b.cumulative_probability AS p,
            b.event_value AS value, s.name, s.type, s.model, s.version
       FROM timed_belief b JOIN data_source s ON s.id = b.source_id
      WHERE b.sensor_id = $1 AND s.type = 'forecasting script'
      ORDER BY b.event_start, b.cumulative_probability, s.model`,
    [sensorId],
  );
  return rows.map((r) => ({
    event: Number(r.event),
    belief: Number(r.belief),
    p: Number(r.p),
    value: Number(r.value),
    source: `${r.name} / ${r.type} / ${r.model} / ${r.version}`,
  }));
}

function forecasterBehaviour(open: () => Promise<Database>) {
  let database: Database;
  let fixture: Fixture;
  let forecaster: SensorForecaster;
  const run6h = (sensorId: number, overrides: Partial<ForecastRun> = {}): ForecastRun => ({
    sensorId,
    horizonMs: 6 * HOUR,
    startMs: F,
    endMs: F + 6 * HOUR,
    forecastTimeMs: F,
    ...overrides,
  });

  beforeAll(async () => {
    database = await open();
    await migrateToLatest(database);
    fixture = await prepare(database);
    forecaster = new SensorForecaster(database.dataSource, { timezone: 'UTC' });
  });
  afterAll(() => database?.close());

  it('stores rolling forecasts as beliefs of the forecaster: belief time = event end − horizon, median and 10%/90% quantiles', async () => {
    const { asset, weather, data } = await fixture.scenario();
    const result = await forecaster.run(run6h(asset));
    expect(result).toMatchObject({ sensorId: asset, horizon: 'PT6H', events: 24, unforecastable: 0, regressors: { temperature: weather }, stored: 72, known: 0, conflicting: 0 });
    const rows = await stored(fixture.dataSource, asset);
    expect(rows).toHaveLength(72);
    for (const row of rows) expect(row.belief).toBe(row.event + Q - 6 * HOUR);
    expect(new Set(rows.map((r) => r.p))).toEqual(new Set([0.1, 0.5, 0.9]));
    const models = Object.keys(result.eventsByModel);
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(models.map((model) => `forecaster / forecasting script / ${model} / ${FORECASTING_MODEL_VERSION}`)));
    expect(result.model).toBe('linear-regression');
    expect(result.modelSpec).toMatch(/temperature/);
    // A building is a consumer: forecasts stay within [0, capacity] (1 MW = 1000 kW).
    expect(rows.every((r) => r.value >= 0 && r.value <= 1000)).toBe(true);
    // And they are forecasts worth the name: within 25% (WAPE) of what the building used.
    const medians = rows.filter((r) => r.p === 0.5);
    const actual = (event: number) => data.building.values[(event - T0) / Q] as number;
    const wape = medians.reduce((sum, r) => sum + Math.abs(r.value - actual(r.event)), 0) / medians.reduce((sum, r) => sum + Math.abs(actual(r.event)), 0);
    expect(wape).toBeLessThan(0.25);
  });

  it('stores the same forecasts once, however often the job runs', async () => {
    const { asset } = await fixture.scenario();
    const runs = await Promise.all([forecaster.run(run6h(asset)), forecaster.run(run6h(asset))]);
    expect(runs.map((r) => r.stored).sort((a, b) => a - b)).toEqual([0, 72]);
    const again = await forecaster.run(run6h(asset));
    expect(again).toMatchObject({ stored: 0, known: 72, conflicting: 0 });
    expect(await stored(fixture.dataSource, asset)).toHaveLength(72);
  });

  it('does not use outcomes or weather believed after the forecast time, though they are in the database', async () => {
    const { asset, weather, data } = await fixture.scenario();
    const before = (await forecaster.compute(run6h(asset))).result.forecasts;
    // Corrections of past meter data, the actual values of the window, and a wildly different weather forecast: all believed just after F.
    const after = F + 1;
    const corrections = synthetic.observationBeliefs(data.building).filter((b) => b.eventStartMs < F && b.eventStartMs >= F - 14 * DAY).map((b) => ({ ...b, beliefTimeMs: after, value: b.value + 500 }));
    await insert(fixture.dataSource, asset, fixture.lateSource, corrections);
    const weatherAfter = Array.from({ length: 40 * 96 }, (_, i) => ({ eventStartMs: F - 30 * DAY + i * Q, beliefTimeMs: after, value: 45 }));
    await insert(fixture.dataSource, weather, fixture.weatherSource, weatherAfter);
    expect((await forecaster.compute(run6h(asset))).result.forecasts).toEqual(before);
    // The same window forecast a day later does see them: the comparison above could fail.
    const later = (await forecaster.compute(run6h(asset, { forecastTimeMs: F + DAY }))).result.forecasts;
    expect(later.map((f) => f.value)).not.toEqual(before.map((f) => f.value));
  });

  it('keeps an old forecast when a later, better weather forecast arrives; later forecasts use it', async () => {
    const { asset, weather, data } = await fixture.scenario();
    const first = await forecaster.run(run6h(asset));
    expect(first.stored).toBe(72);
    const storedBefore = await stored(fixture.dataSource, asset);
    // The window after it, forecast a day later, before the better weather forecast exists.
    const next = run6h(asset, { startMs: F + 6 * HOUR, endMs: F + 12 * HOUR, forecastTimeMs: F + DAY });
    const nextBefore = (await forecaster.compute(next)).result.forecasts;
    // A perfect forecast of the next day's temperature, made 30 minutes after the first job's forecast time.
    const better = synthetic
      .observationBeliefs(data.weather.temperature)
      .filter((b) => b.eventStartMs >= F && b.eventStartMs < F + DAY)
      .map((b) => ({ ...b, beliefTimeMs: F + 30 * MINUTE, value: b.value + 3 }));
    await insert(fixture.dataSource, weather, fixture.weatherSource, better);
    // Re-running the first window now stores nothing: each of its events was forecast before the better forecast was made.
    const rerun = await forecaster.run(run6h(asset, { forecastTimeMs: F + DAY }));
    expect(rerun).toMatchObject({ stored: 0, known: 72, conflicting: 0 });
    expect(await stored(fixture.dataSource, asset)).toEqual(storedBefore);
    // The next window's events were forecast after it (belief times from F + 15 min on): they change.
    const nextAfter = (await forecaster.compute(next)).result.forecasts;
    expect(nextAfter.map((f) => f.value)).not.toEqual(nextBefore.map((f) => f.value));
    expect(nextAfter.filter((f) => f.beliefTimeMs < F + 30 * MINUTE).map((f) => f.value)).toEqual(nextBefore.filter((f) => f.beliefTimeMs < F + 30 * MINUTE).map((f) => f.value));
  });

  it('reads, of the weather forecasts, exactly those a forecast with a horizon can use', async () => {
    const [{ id }] = await fixture.dataSource.query(`INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('weather_sensor', 'reduction test', '°C', 15) RETURNING id`);
    const weather = Number(id);
    // Forecasts issued every 3 hours, 24 hours ahead, by two services (the second sometimes at the same instant), and observations after the fact.
    const start = T0 + 5 * DAY;
    const made: ValueBelief[] = [];
    const late: ValueBelief[] = [];
    for (let issue = start - DAY; issue < start + 3 * DAY; issue += 3 * HOUR) {
      for (let event = Math.ceil(issue / Q) * Q; event < issue + DAY; event += Q) made.push({ eventStartMs: event, beliefTimeMs: issue, value: (event / Q) % 17 + issue / HOUR });
    }
    for (let event = start; event < start + 3 * DAY; event += Q) late.push({ eventStartMs: event, beliefTimeMs: event + Q + 5 * MINUTE, value: -1 });
    await insert(fixture.dataSource, weather, fixture.weatherSource, [...made, ...late]);
    await insert(fixture.dataSource, weather, fixture.lateSource, made.filter((b) => b.beliefTimeMs % (6 * HOUR) === 0).map((b) => ({ ...b, value: b.value + 0.5 })));
    const repository = new ForecastingRepository();
    const window = { sensorId: weather, startMs: start, endMs: start + 2 * DAY, knownAtMs: start + 2 * DAY };
    const full = beliefTimeline(await repository.beliefsKnownAt(fixture.dataSource.manager, window));
    for (const outcomeResolutionMs of [Q, HOUR]) {
      for (const horizonMs of [Q, HOUR, 6 * HOUR]) {
        const used = await repository.beliefsKnownAt(fixture.dataSource.manager, { ...window, usedFor: { horizonMs, resolutionMs: Q, outcomeResolutionMs } });
        const reduced = beliefTimeline(used);
        let checked = 0;
        for (let outcome = start; outcome + outcomeResolutionMs <= start + 2 * DAY; outcome += outcomeResolutionMs) {
          const beliefTime = outcome + outcomeResolutionMs - horizonMs;
          for (let event = outcome; event < outcome + outcomeResolutionMs; event += Q) {
            expect([event, horizonMs, reduced.valueKnownAt(event, beliefTime)]).toEqual([event, horizonMs, full.valueKnownAt(event, beliefTime)]);
            checked += 1;
          }
        }
        expect(checked).toBe(192);
        expect(used.length).toBeLessThan(made.length / 3);
      }
    }
  });

  it('falls back to the naive forecast with too little history, and its source says so', async () => {
    const { asset } = await fixture.scenario({ days: 1.5 });
    const result = await forecaster.run(run6h(asset, { startMs: T0 + DAY + 6 * HOUR, endMs: T0 + DAY + 12 * HOUR, forecastTimeMs: T0 + 2 * DAY }));
    expect(result.model).toMatch(/^naive-(daily|last)$/);
    expect(result.modelReason).toMatch(/too little history/);
    const rows = await stored(fixture.dataSource, asset);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set([`forecaster / forecasting script / ${result.model} / ${FORECASTING_MODEL_VERSION}`]));
  });

  it('fails one job (a sensor that is gone, a window off the grid) at once, and runs the others', async () => {
    const good = await fixture.scenario();
    const alsoGood = await fixture.scenario();
    const queue = new InProcessJobQueue();
    queue.startProcessing([QueueName.Forecasting], new JobHandlerRegistry([new ForecastJobHandler(forecaster)]), 1);
    const job = (sensorId: number, start = F): ForecastJobData => ({
      sensorId,
      horizon: 'PT6H',
      start: new Date(start).toISOString(),
      end: new Date(F + 6 * HOUR).toISOString(),
      forecastTime: new Date(F).toISOString(),
    });
    try {
      const jobs = [job(good.asset), job(999_999), job(alsoGood.asset, F + 7 * MINUTE), job(alsoGood.asset)];
      const states = [];
      for (const data of jobs) states.push(await queue.enqueue(QueueName.Forecasting, JobName.Forecast, data));
      const done = await Promise.all(states.map((state) => queue.waitForJob(QueueName.Forecasting, state.id, 60_000)));
      expect(done.map((d) => d.status)).toEqual(['completed', 'failed', 'failed', 'completed']);
      expect(done[1]).toMatchObject({ attemptsMade: 1, failedReason: expect.stringMatching(/Sensor 999999 does not exist/) });
      expect(done[2].failedReason).toMatch(/whole PT15M events/);
      expect(await stored(fixture.dataSource, good.asset)).toHaveLength(72);
      expect(await stored(fixture.dataSource, alsoGood.asset)).toHaveLength(72);
    } finally {
      await queue.close(1000);
    }
  });
}

describe('the forecasting job on the embedded database (PGlite)', () => {
  const dir = makeTempDir('forecaster');
  afterAll(() => removeDir(dir));
  const config: DatabaseConfig = { kind: 'embedded', dataDir: path.join(dir, 'pgdata'), migrateOnStart: true };
  forecasterBehaviour(() => openDatabase(config));
});

describeWithPostgres('the forecasting job on PostgreSQL', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(() => testDb?.drop());
  forecasterBehaviour(() => openDatabase({ kind: 'postgres', url: testDb.url, poolSize: 4, migrateOnStart: true }));
});

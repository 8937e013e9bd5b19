// Forecasting throughput: forecasting jobs per second with Bull on Redis and
// separate worker processes (the built apps/worker, FLEXMEASURES_WORKER_QUEUES=
// forecasting, concurrency 1 each) on PostgreSQL, 1 worker (baseline) and 2
// workers. 100 assets with a year of 15-minute meter data (synthetic solar
// parks, wind parks, buildings and charge points at 4 places, each place with
// temperature, wind speed and radiation sensors holding weather forecasts), 4
// horizons each: 400 jobs per run, as new data at the end of the year would
// queue them. Skipped without PostgreSQL or Redis.
//
// npm run bench -- forecasting   (every forecasting benchmark)
// npm run bench -- 'forecasting throughput'
// BENCH_FORECAST_ASSETS=20 npm run bench -- 'forecasting throughput'   (a smaller trial)

import { createRequire } from 'node:module';
import * as path from 'node:path';
import { defineBenchmark } from '../harness.mjs';
import { connectPg, median, preparePlatform, redact } from '../beliefs-support.mjs';
import { domainLibrary } from '../forecasting-support.mjs';
import { disposeWorkerBenchmark, probePostgresAndRedis, startWorker, stopWorkers, uniqueQueuePrefix, workerCountCases } from '../scheduling-support.mjs';
import { readRssMb, REPO_ROOT } from '../support.mjs';

const require = createRequire(import.meta.url);
const SERVICES = await probePostgresAndRedis();
const ASSETS = Number(process.env.BENCH_FORECAST_ASSETS || 100);
const HORIZONS = ['PT1H', 'PT6H', 'PT24H', 'PT48H'];
const JOBS = ASSETS * HORIZONS.length;
const KINDS = [
  { type: 'solar', series: 'solar', sign: -1, capacityMw: 0.5 },
  { type: 'wind', series: 'wind', sign: -1, capacityMw: 2 },
  { type: 'building', series: 'building', sign: 1, capacityMw: 0.3 },
  { type: 'charging_station', series: 'evChargers', sign: 1, capacityMw: 0.1 },
];
const PLACES = [
  { lat: 33.48, lng: 126.48 },
  { lat: 52.37, lng: 4.89 },
  { lat: 48.14, lng: 11.58 },
  { lat: 40.42, lng: -3.7 },
];
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** The year of history: 2015-01-01 to 2016-01-01 (UTC); the jobs forecast what follows it. */
const START_MS = Date.UTC(2015, 0, 1);
const END_MS = START_MS + 365 * DAY_MS;
/** Weather forecasts (every 6 h, 60 h ahead) cover the last 80 days: a job reads 70 days of history. */
const WEATHER_FROM_MS = END_MS - 80 * DAY_MS;
const POLL_MS = 100;
const RUN_TIMEOUT_MS = 30 * 60_000;

const WORKER_COUNTS = [1, 2];
const caseName = (workers) => `${workers} worker process${workers > 1 ? 'es' : ''}, ${JOBS} jobs (${ASSETS} sensors × ${HORIZONS.length} horizons)`;

function libraries() {
  return {
    beliefs: require(path.join(REPO_ROOT, 'libs/beliefs/dist/index.js')),
    jobs: require(path.join(REPO_ROOT, 'libs/jobs/dist/index.js')),
  };
}

/** Inserts the year of data: per place its weather sensors and forecasts, per asset its meter data (USEF signs, MW). */
async function insertData(db, platform) {
  const { synthetic } = domainLibrary();
  const { beliefs } = libraries();
  const repository = new beliefs.BeliefsRepository();
  const q = (sql, params) => db.dataSource.query(sql, params);
  const [{ id: meterSource }] = await q(`INSERT INTO data_source (name, type) VALUES ('bench meter company', 'meter data company') RETURNING id`);
  const [{ id: weatherSource }] = await q(`INSERT INTO data_source (name, type) VALUES ('bench weather service', 'weather service') RETURNING id`);
  const insert = (sensorId, sourceId, rows) =>
    repository.insert(db.dataSource.manager, Number(sourceId), {
      sensorIds: rows.map(() => sensorId),
      eventStarts: rows.map((r) => r.eventStartMs),
      beliefTimes: rows.map((r) => r.beliefTimeMs),
      values: rows.map((r) => r.value),
    });
  const started = performance.now();
  let rows = 0;
  const years = [];
  for (const [p, place] of PLACES.entries()) {
    const year = synthetic.generateYear({ seed: p + 1, startMs: START_MS, days: 365, ...place });
    years.push(year);
    for (const [type, unit] of [['temperature', '°C'], ['wind_speed', 'm/s'], ['radiation', 'kW/m²']]) {
      const [{ id }] = await q(`INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('weather_sensor', $1, $2, 15) RETURNING id`, [`bench ${type} ${p}`, unit]);
      await q(`INSERT INTO weather_sensor (id, name, display_name, weather_sensor_type_name, latitude, longitude) VALUES ($1, $2, $2, $3, $4, $5)`, [id, `bench ${type} ${p}`, type, place.lat, place.lng]);
      const forecasts = synthetic.weatherForecastBeliefs(year.weather, place, type, { seed: p + 1, fromMs: WEATHER_FROM_MS, toMs: END_MS });
      for (let i = 0; i < forecasts.length; i += 100_000) await insert(Number(id), weatherSource, forecasts.slice(i, i + 100_000));
      rows += forecasts.length;
    }
  }
  const sensorIds = [];
  for (let a = 0; a < ASSETS; a++) {
    const kind = KINDS[a % KINDS.length];
    const p = Math.floor(a / KINDS.length) % PLACES.length;
    const place = PLACES[p];
    const name = `bench ${kind.type} ${a}`;
    const [{ id }] = await q(`INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('asset', $1, 'MW', 15) RETURNING id`, [name]);
    await q(
      `INSERT INTO asset (id, name, display_name, asset_type_name, owner_id, market_id, capacity_in_mw, latitude, longitude) VALUES ($1, $2, $2, $3, $4, $5, $6, $7, $8)`,
      [id, name, kind.type, platform.ownerId, platform.marketId, kind.capacityMw, place.lat, place.lng],
    );
    // kW magnitudes of the synthetic assets, scaled to this asset's capacity, in MW with USEF signs; believed when each event ended.
    const series = years[p][kind.series];
    const peak = Math.max(...series.values.map((v) => Math.abs(v ?? 0))) || 1;
    const meter = synthetic.observationBeliefs(series).map((b) => ({ ...b, value: (kind.sign * kind.capacityMw * b.value) / peak }));
    await insert(Number(id), meterSource, meter);
    rows += meter.length;
    sensorIds.push(Number(id));
  }
  console.error(`  inserted ${rows.toLocaleString('en')} beliefs (${ASSETS} assets × a year of quarter-hours, weather forecasts of 12 sensors) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return sensorIds;
}

async function setup() {
  const state = { platform: undefined, workers: [], admin: undefined, bull: undefined, queue: undefined, queuePrefix: undefined, sensorIds: [], samples: new Map() };
  try {
    state.queuePrefix = uniqueQueuePrefix(SERVICES.redis.url, 'forecasting');
    state.platform = await preparePlatform({
      kind: 'postgres',
      serverUrl: SERVICES.postgres.url,
      prefix: 'fm_bench_forecast_throughput',
      label: `PostgreSQL ${SERVICES.postgres.version}, Redis ${SERVICES.redis.version}`,
      onDatabase: async (db, platform) => {
        state.sensorIds = await insertData(db, platform);
      },
    });
    const baseEnv = state.platform.env;
    state.platform.env = (port) => ({ ...baseEnv(port), REDIS_URL: SERVICES.redis.url, FLEXMEASURES_QUEUE_PREFIX: state.queuePrefix.prefix, FLEXMEASURES_TIMEZONE: 'UTC' });
    state.admin = await connectPg(state.platform.database.url);
    await state.admin.query('ANALYZE');
    const Bull = require('bull');
    state.bull = new Bull('forecasting', SERVICES.redis.url, { prefix: state.queuePrefix.prefix });
    state.bull.on('error', () => undefined);
    await state.bull.isReady();
    state.queue = new (libraries().jobs.BullJobQueue)({ redisUrl: SERVICES.redis.url, prefix: state.queuePrefix.prefix });
    console.error(`  queue prefix ${state.queuePrefix.prefix} on ${redact(SERVICES.redis.url)}`);
  } catch (error) {
    await teardown(state).catch(() => undefined);
    throw error;
  }
  return state;
}

async function useWorkers(state, count) {
  while (state.workers.length > count) await stopWorkers([state.workers.pop()]);
  while (state.workers.length < count) state.workers.push(await startWorker(state.platform, { FLEXMEASURES_WORKER_QUEUES: 'forecasting' }));
}

/** The jobs new data at the end of the year queues: per sensor and horizon, the next horizon of events, forecast from what is known then. */
function jobData(sensorId, horizon) {
  const horizonMs = Number(horizon.slice(2, -1)) * HOUR_MS;
  return { sensorId, horizon, start: new Date(END_MS).toISOString(), end: new Date(END_MS + horizonMs).toISOString(), forecastTime: new Date(END_MS).toISOString() };
}

/**
 * One run: the forecaster's beliefs are deleted (so every run stores the
 * same), the Bull queue is paused, the jobs are queued, the queue is resumed
 * and the clock runs until every job has finished. jobsPerS = jobs / (resume
 * → last job finished); jobMs = the median of the jobs' own times (Bull's
 * processedOn → finishedOn).
 */
async function measure(state, workers, name, warmup) {
  await useWorkers(state, workers);
  const { admin, bull, queue } = state;
  await admin.query(`DELETE FROM timed_belief WHERE source_id IN (SELECT id FROM data_source WHERE type = 'forecasting script')`);
  await bull.clean(0, 'completed');
  await bull.clean(0, 'failed');
  await bull.pause();
  try {
    for (const sensorId of state.sensorIds) for (const horizon of HORIZONS) await queue.enqueue('forecasting', 'forecast', jobData(sensorId, horizon));
  } finally {
    await bull.resume();
  }
  const resumed = performance.now();
  const peakRss = state.workers.map(() => 0);
  for (;;) {
    const counts = await bull.getJobCounts();
    state.workers.forEach((worker, i) => (peakRss[i] = Math.max(peakRss[i], readRssMb(worker.pid))));
    if (counts.failed > 0) {
      const [failed] = await bull.getFailed(0, 0);
      throw new Error(`${counts.failed} forecasting job(s) failed, e.g. ${JSON.stringify(failed?.data)}: ${failed?.failedReason}`);
    }
    if (counts.completed >= JOBS) break;
    if (performance.now() - resumed > RUN_TIMEOUT_MS) throw new Error(`${counts.completed} of ${JOBS} jobs done after ${RUN_TIMEOUT_MS / 60_000} minutes`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const elapsedMs = performance.now() - resumed;
  const completed = await bull.getCompleted(0, JOBS);
  const jobMs = median(completed.map((job) => job.finishedOn - job.processedOn));
  const stored = completed.reduce((sum, job) => sum + (job.returnvalue?.stored ?? 0), 0);
  const expected = ASSETS * (4 + 24 + 96 + 192) * 3;
  if (stored !== expected) console.error(`  note: ${stored} forecast values stored, ${expected} expected (events nothing was known for are skipped)`);
  const values = { jobsPerS: JOBS / (elapsedMs / 1000), jobMs, workerRssMb: Math.max(...peakRss) };
  if (!warmup) (state.samples.get(name) ?? state.samples.set(name, []).get(name)).push(values);
  return values;
}

async function teardown(state) {
  if (!state) return;
  if (state.samples.size > 0) {
    console.error('  forecasting throughput summary (medians):');
    for (const [name, runs] of state.samples) {
      console.error(`    ${name}: ${median(runs.map((r) => r.jobsPerS)).toFixed(2)} jobs/s, ${median(runs.map((r) => r.jobMs)).toFixed(0)} ms per job, peak worker RSS ${median(runs.map((r) => r.workerRssMb)).toFixed(0)} MB`);
    }
  }
  await disposeWorkerBenchmark({
    workers: state.workers,
    closers: [() => state.queue?.close(0), () => state.bull?.close(), () => state.admin?.end()],
    platforms: [state.platform].filter(Boolean),
    queuePrefix: state.queuePrefix,
  });
}

export default defineBenchmark({
  name: 'forecasting throughput (Bull workers)',
  description:
    `${ASSETS} assets (solar parks, wind parks, buildings and charge points in turn, at 4 places) with a year of synthetic 15-minute meter data ` +
    '(2015, believed as each event ended) and, per place, temperature, wind speed and radiation sensors with weather forecasts (issued every 6 h, ' +
    '60 h ahead) for the last 80 days, on PostgreSQL (own database, dropped afterwards). Each run queues one forecasting job per asset and horizon ' +
    `(${HORIZONS.join(', ')}: ${JOBS} jobs) for the events following the year, forecast time = its end, as new data would; the Bull queue is paused while ` +
    'they are queued and resumed to start the clock. Workers are separate processes (apps/worker/dist, FLEXMEASURES_WORKER_QUEUES=forecasting, ' +
    'concurrency 1 each); each job reads 70 days of history and the weather forecasts as known then, selects and fits the model and stores the median ' +
    'and 10%/90% quantiles. jobsPerS = jobs / (resume → last job finished); jobMs = median of the jobs\' own durations (Bull processedOn → ' +
    'finishedOn); workerRssMb = the largest worker RSS seen. The forecaster\'s beliefs are deleted before each run. The 1-worker case is the baseline.',
  metrics: { jobsPerS: 'jobs/s', jobMs: 'ms', workerRssMb: 'MB' },
  runs: 3,
  warmup: 0,
  setup: SERVICES.skipped ? undefined : setup,
  teardown: SERVICES.skipped ? undefined : teardown,
  cases: workerCountCases({ skipped: SERVICES.skipped, label: 'forecasting throughput', emptyMetric: 'jobsPerS', workerCounts: WORKER_COUNTS, caseName, measure }),
});

// Reading beliefs: GET /api/v2_0/getMeterData of one sensor with a year of
// 15-minute data, three beliefs per event, end to end over HTTP (authenticated,
// warm api), next to the database's own execution time of the very statement
// the repository sends (EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) for the plan,
// with TIMING OFF for the execution time), and the repository call without HTTP. The plan's top nodes are printed, so the index
// choice is visible. On PostgreSQL (when reachable) and on the embedded default
// (PGlite, three months).
//
// npm run bench -- 'belief store'   (both belief-store benchmarks)
// npm run bench -- query (this one)

import { defineBenchmark } from '../harness.mjs';
import { p95 } from '../api-with-user.mjs';
import {
  connectionAddress,
  connectPg,
  createBatteryAsset,
  createBatteryAssetWithLibrary,
  disposePlatform,
  latestBeliefsStatement,
  libraries,
  median,
  openLibDatabase,
  planNodes,
  planPath,
  preparePlatform,
  probePostgres,
  serverTimingMs,
  startPlatformApi,
} from '../beliefs-support.mjs';

const POSTGRES = await probePostgres();

const QUARTER_HOUR_MS = 15 * 60_000;
const HOUR_MS = 4 * QUARTER_HOUR_MS;
const DAY_MS = 24 * HOUR_MS;
const YEAR_START_MS = Date.UTC(2023, 0, 1);
const YEAR_EVENTS = 365 * 96; // 35,040
const QUARTER_EVENTS = 90 * 96; // 2023-01-01 to 2023-04-01: 8,640
/** Three beliefs per event: formed 24 h and 1 h before the event ended, and 5 minutes after it. */
const HORIZONS = [
  { k: 0, label: 'PT24H', ms: DAY_MS },
  { k: 1, label: 'PT1H', ms: HOUR_MS },
  { k: 2, label: '-PT5M', ms: -5 * 60_000 },
];
/** The value of belief k about event i: k + a pseudo-random fraction with 3 decimals. */
const valueOf = (k, i) => k + ((i * 7919) % 1000) / 1000;
/** In the middle of the year's beliefs: events before it have all three, events after it none. */
const PRIOR_MS = Date.UTC(2023, 6, 2, 12);

/** Sequential GETs per run; 1 warm-up run, 4 measured. */
const REQUESTS = 20;
/** EXPLAIN ANALYZE and repository calls per run (their median is the run's value). */
const SQL_REPEATS = 3;

const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const isoHours = (ms) => `PT${ms / HOUR_MS}H`;

/** The query of each case, as GetBeliefsService builds it for BeliefsRepository.latest. */
const QUERIES = {
  day: { startMs: YEAR_START_MS + 180 * DAY_MS, durationMs: DAY_MS, binMs: QUARTER_HOUR_MS },
  year: { startMs: YEAR_START_MS, durationMs: YEAR_EVENTS * QUARTER_HOUR_MS, binMs: QUARTER_HOUR_MS },
  yearPrior: { startMs: YEAR_START_MS, durationMs: YEAR_EVENTS * QUARTER_HOUR_MS, binMs: QUARTER_HOUR_MS, priorMs: PRIOR_MS },
  yearHourly: { startMs: YEAR_START_MS, durationMs: YEAR_EVENTS * QUARTER_HOUR_MS, binMs: HOUR_MS, resolution: 'PT1H' },
  quarter: { startMs: YEAR_START_MS, durationMs: QUARTER_EVENTS * QUARTER_HOUR_MS, binMs: QUARTER_HOUR_MS },
};

/** The values getMeterData must answer for query (null: no belief passed the prior). */
function expectedValues(query) {
  const slots = query.durationMs / query.binMs;
  const perBin = query.binMs / QUARTER_HOUR_MS;
  const first = (query.startMs - YEAR_START_MS) / QUARTER_HOUR_MS;
  const values = [];
  for (let bin = 0; bin < slots; bin++) {
    const found = [];
    for (let j = 0; j < perBin; j++) {
      const i = first + bin * perBin + j;
      const eventEnd = YEAR_START_MS + (i + 1) * QUARTER_HOUR_MS;
      const passing = HORIZONS.filter((h) => query.priorMs === undefined || eventEnd - h.ms < query.priorMs);
      if (passing.length > 0) found.push(valueOf(passing[passing.length - 1].k, i));
    }
    values.push(found.length === 0 ? null : found.reduce((a, b) => a + b, 0) / found.length);
  }
  return values;
}

function getUrl(platform, query) {
  const params = new URLSearchParams({
    type: 'GetMeterDataRequest',
    connection: connectionAddress(platform.ownerId, platform.assetId),
    start: iso(query.startMs),
    duration: isoHours(query.durationMs),
    unit: 'MW',
  });
  if (query.priorMs !== undefined) params.set('prior', iso(query.priorMs));
  if (query.resolution) params.set('resolution', query.resolution);
  return `${platform.baseUrl}/api/v2_0/getMeterData?${params}`;
}

/** One GET; resolves with its client latency, the api's Server-Timing and the body (read in full). */
async function getMeterData(platform, query) {
  const started = performance.now();
  const response = await fetch(getUrl(platform, query), { headers: { Authorization: platform.token } });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`getMeterData answered ${response.status}: ${body.slice(0, 500)}`);
  return { ms, serverMs: serverTimingMs(response), body };
}

/** Throws unless getMeterData answers exactly the expected values. */
async function verify(platform, name, query) {
  const { body } = await getMeterData(platform, query);
  const values = JSON.parse(body).values;
  const expected = expectedValues(query);
  if (!Array.isArray(values) || values.length !== expected.length) {
    throw new Error(`${name}: getMeterData answered ${Array.isArray(values) ? values.length : 'no'} values, expected ${expected.length}`);
  }
  const wrong = expected.findIndex((value, i) => (value === null ? values[i] !== null : !(Math.abs(values[i] - value) < 1e-9)));
  if (wrong >= 0) throw new Error(`${name}: value ${wrong} is ${values[wrong]}, expected ${expected[wrong]}`);
  return { count: values.length, nulls: values.filter((v) => v === null).length, bytes: Buffer.byteLength(body) };
}

/** The repository's query object, as GetBeliefsService builds it for getMeterData (no horizon, no sources). */
function repositoryQuery(platform, query) {
  return {
    sensorId: platform.assetId,
    startMs: query.startMs,
    endMs: query.startMs + query.durationMs,
    resolutionMs: QUARTER_HOUR_MS,
    binMs: query.binMs,
    ...(query.priorMs === undefined ? {} : { priorMs: query.priorMs }),
  };
}

/**
 * EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of the statement BeliefsRepository.latest
 * sends, with its parameters; run is (sql, params) => rows. With timing false,
 * TIMING OFF: the execution time without the clock reads around every row of
 * every node (on PGlite those reads cost more than the query itself).
 */
async function explain(run, statement, { timing = false } = {}) {
  const rows = await run(`EXPLAIN (ANALYZE, BUFFERS, ${timing ? '' : 'TIMING OFF, '}FORMAT JSON) ${statement.sql}`, statement.params);
  let json = rows[0]['QUERY PLAN'];
  if (typeof json === 'string') json = JSON.parse(json);
  const [{ Plan: plan, 'Execution Time': executionMs, 'Planning Time': planningMs }] = json;
  return { plan, executionMs, planningMs };
}

function describePlan(plan) {
  const nodes = planNodes(plan);
  const scans = nodes.filter((n) => /Scan/.test(n['Node Type']));
  const sorts = nodes.filter((n) => n['Node Type'] === 'Sort' || n['Sort Method']);
  const disk = nodes.filter((n) => n['Sort Space Type'] === 'Disk' || (n['Temp Written Blocks'] ?? 0) > 0);
  return {
    path: planPath(plan),
    scans: scans.map((n) => `${n['Node Type']}${n['Scan Direction'] === 'Backward' ? ' Backward' : ''}${n['Index Name'] ? ` using ${n['Index Name']}` : ''}`),
    spills: disk.length > 0,
    sorts: sorts.length,
  };
}

/** Loads the sensor's beliefs with one INSERT … SELECT FROM generate_series, then VACUUM ANALYZE. */
async function loadBeliefs(db, platform, events, label) {
  const { beliefs } = libraries();
  const q = (sql, params) => db.dataSource.query(sql, params);
  const sourceId = await new beliefs.DataSourcesRepository(db.dataSource).forUser(db.dataSource.manager, platform.ownerId);
  let started = performance.now();
  await q(
    `INSERT INTO timed_belief (sensor_id, event_start, belief_time, source_id, cumulative_probability, event_value)
     SELECT $1, $2::timestamptz + i * interval '15 minutes', $2::timestamptz + (i + 1) * interval '15 minutes' - h.horizon, $3, 0.5,
            h.k + ((i * 7919) % 1000) / 1000.0
       FROM generate_series(0, $4::int - 1) AS i
      CROSS JOIN (VALUES ${HORIZONS.map((h) => `(${h.k}, interval '${h.ms} milliseconds')`).join(', ')}) AS h(k, horizon)`,
    [platform.assetId, iso(YEAR_START_MS), sourceId, events],
  );
  const loadS = (performance.now() - started) / 1000;
  started = performance.now();
  await q('VACUUM ANALYZE timed_belief');
  console.error(
    `  ${label}: ${(events * HORIZONS.length).toLocaleString('en')} beliefs (${events.toLocaleString('en')} events × ${HORIZONS.map((h) => h.label).join(', ')}) ` +
      `for asset ${platform.assetId} in ${loadS.toFixed(1)} s; VACUUM ANALYZE in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** Median of repeats of work() in ms. */
async function medianMs(repeats, work) {
  const times = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return median(times);
}

// ---------------------------------------------------------------------------
// The cases.

const TARGETS = { year: 100, yearPrior: 100, yearHourly: 60 };

const PG_CASES = POSTGRES.skipped
  ? []
  : [
      { key: 'day', name: 'PostgreSQL: 1 day at 15 min (96 values; the fixed cost)' },
      { key: 'year', name: `PostgreSQL: (a) year at 15 min, latest belief (target ≤ ${TARGETS.year} ms)` },
      { key: 'yearPrior', name: `PostgreSQL: (b) year at 15 min, prior mid-year (target ≤ ${TARGETS.yearPrior} ms)` },
      { key: 'yearHourly', name: `PostgreSQL: (c) year downsampled to PT1H (target ≤ ${TARGETS.yearHourly} ms)` },
      { key: 'quarter', name: 'PostgreSQL: 3 months at 15 min, latest belief' },
    ].map((c) => ({ ...c, platform: 'postgres' }));
const EMBEDDED_CASE = { key: 'quarter', name: 'embedded (PGlite): (a) 3 months at 15 min, latest belief', platform: 'embedded' };
const CASES = [...PG_CASES, EMBEDDED_CASE];

async function setupPostgres(state) {
  const label = `PostgreSQL ${POSTGRES.version}`;
  const platform = await preparePlatform({ kind: 'postgres', serverUrl: POSTGRES.url, prefix: 'fm_bench_beliefs_query', label });
  state.postgres = platform;
  await startPlatformApi(platform);
  platform.assetId = await createBatteryAsset(platform, 'bench-query-year');
  platform.db = await openLibDatabase(platform.libConfig);
  await loadBeliefs(platform.db, platform, YEAR_EVENTS, label);
  platform.pg = await connectPg(platform.database.url);
  platform.run = async (sql, params) => (await platform.pg.query(sql, params)).rows;
  const settings = await platform.run(`SELECT current_setting('work_mem') AS work_mem, current_setting('shared_buffers') AS shared_buffers, current_setting('jit') AS jit`);
  console.error(`  ${label}: work_mem ${settings[0].work_mem}, shared_buffers ${settings[0].shared_buffers}, jit ${settings[0].jit}`);
}

/** Repeats work until at least ms have passed (and at least `times` times): PGlite's WebAssembly runs slower until V8 has optimised it. */
async function warmUp(ms, times, work) {
  const until = performance.now() + ms;
  for (let i = 0; i < times || performance.now() < until; i++) await work();
}

async function setupEmbedded(state) {
  const label = 'embedded (PGlite)';
  const query = QUERIES.quarter;
  // One library session (the api is not running): asset, data, and the database-side numbers.
  const platform = await preparePlatform({
    kind: 'embedded',
    prefix: 'fm_bench_beliefs_query_embedded',
    label,
    onDatabase: async (db, p) => {
      p.assetId = await createBatteryAssetWithLibrary(db, p, 'bench-query-quarter');
      await loadBeliefs(db, p, QUARTER_EVENTS, label);
      const statement = await latestBeliefsStatement(repositoryQuery(p, query));
      const run = (sql, params) => db.dataSource.query(sql, params);
      const repository = new (libraries().beliefs.BeliefsRepository)();
      const latest = () => repository.latest(db.dataSource.manager, repositoryQuery(p, query));
      const started = performance.now();
      await warmUp(3000, 10, latest);
      console.error(`  ${label}: warmed up in ${((performance.now() - started) / 1000).toFixed(1)} s (the repository call, repeatedly)`);
      const explained = [];
      for (let i = 0; i < 5; i++) explained.push(await explain(run, statement));
      const timed = await explain(run, statement, { timing: true });
      const repoMs = await medianMs(5, latest);
      p.fixed = { dbExecMs: median(explained.map((e) => e.executionMs)), timedExecMs: timed.executionMs, repoMs, plan: describePlan(timed.plan) };
    },
  });
  state.embedded = platform;
  await startPlatformApi(platform);
}

async function teardown(state) {
  if (!state) return;
  printSummary(state);
  const errors = [];
  for (const platform of [state.postgres, state.embedded]) {
    if (!platform) continue;
    await platform.pg?.end().catch(() => undefined);
    try {
      await platform.db?.close();
    } catch (error) {
      errors.push(error);
    }
    try {
      await disposePlatform(platform);
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
}

/** After the runs (stderr): each case's medians against its target, the plan, and where the time goes. */
function printSummary(state) {
  if (!state.samples || state.samples.size === 0) return;
  const f = (ms) => (Math.abs(ms) >= 100 ? ms.toFixed(0) : ms.toFixed(1));
  const plus = (ms) => `${ms < 0 ? '−' : '+'}${f(Math.abs(ms))}`;
  console.error('  beliefs query summary (medians over the measured runs):');
  for (const c of CASES) {
    const runs = state.samples.get(c.name);
    if (!runs || runs.length === 0) continue;
    const m = (metric) => median(runs.map((r) => r[metric]));
    const target = c.platform === 'postgres' ? TARGETS[c.key] : undefined;
    const verdict = target === undefined ? '' : m('p50Ms') <= target ? `  ✓ ≤ ${target} ms` : `  ✗ misses ${target} ms by ${f(m('p50Ms') - target)} ms`;
    console.error(
      `    ${c.name}: end to end p50 ${f(m('p50Ms'))} ms, p95 ${f(m('p95Ms'))} ms; api (Server-Timing) ${f(m('serverMs'))} ms; ` +
        `repository call ${f(m('repoMs'))} ms; database execution ${f(m('dbExecMs'))} ms${verdict}`,
    );
    console.error(
      `      where the time goes: database ${f(m('dbExecMs'))} ms; transfer and decoding into JS ${plus(m('repoMs') - m('dbExecMs'))} ms; ` +
        `the rest of the api (token, asset lookup, building and serialising the answer) ${plus(m('serverMs') - m('repoMs'))} ms; ` +
        `sending and reading the body ${plus(m('p50Ms') - m('serverMs'))} ms (differences of medians: noise can make one negative)`,
    );
    const info = state.info?.get(c.name);
    if (info) console.error(`      ${info}`);
  }
}

async function measure(c, state, warmup) {
  const platform = state[c.platform];
  const query = QUERIES[c.key];
  const latencies = [];
  const serverTimes = [];
  for (let i = 0; i < REQUESTS; i++) {
    const { ms, serverMs } = await getMeterData(platform, query);
    latencies.push(ms);
    serverTimes.push(serverMs);
  }
  let dbExecMs;
  let repoMs;
  if (c.platform === 'postgres') {
    const statement = await latestBeliefsStatement(repositoryQuery(platform, query));
    const explained = [];
    for (let i = 0; i < SQL_REPEATS; i++) explained.push(await explain(platform.run, statement));
    dbExecMs = median(explained.map((e) => e.executionMs));
    const repository = new (libraries().beliefs.BeliefsRepository)();
    repoMs = await medianMs(SQL_REPEATS, () => repository.latest(platform.db.dataSource.manager, repositoryQuery(platform, query)));
  } else {
    ({ dbExecMs, repoMs } = platform.fixed);
  }
  const values = { p50Ms: median(latencies), p95Ms: p95(latencies), serverMs: median(serverTimes), repoMs, dbExecMs };
  if (!Object.values(values).every(Number.isFinite)) throw new Error(`a metric is not a number (no Server-Timing header?): ${JSON.stringify(values)}`);
  if (!warmup) {
    if (!state.samples.has(c.name)) state.samples.set(c.name, []);
    state.samples.get(c.name).push(values);
  }
  return values;
}

export default defineBenchmark({
  name: 'belief store query (getMeterData)',
  description:
    `GET /api/v2_0/getMeterData of one 15-minute battery asset holding a year (2023, ${YEAR_EVENTS.toLocaleString('en')} events) × 3 beliefs ` +
    `(horizons ${HORIZONS.map((h) => h.label).join(', ')}; loaded with INSERT … SELECT FROM generate_series, then VACUUM ANALYZE), on a warm api ` +
    `(admin token, FLEXMEASURES_PROFILE_REQUESTS=true, LOGGING_LEVEL=warn). Each run: ${REQUESTS} sequential keep-alive GETs, the body read in full: ` +
    'their median (p50Ms) and 95th percentile (p95Ms) client-side latency and the median Server-Timing total of the api (serverMs, until the ' +
    `headers: includes JSON serialisation, not the transfer); then ${SQL_REPEATS}× the statement BeliefsRepository.latest sends (captured from the ` +
    'built library, same parameters) under EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, FORMAT JSON): median Execution Time (dbExecMs; setup prints ' +
    'the plan from EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) and its per-node-timed execution time next to it), and ' +
    `${SQL_REPEATS}× BeliefsRepository.latest itself through TypeORM from the bench process (repoMs: execution, transfer and decoding, no HTTP). ` +
    `Every case is checked once against the expected values first. (b) uses prior=${iso(PRIOR_MS)}; (c) resolution=PT1H. ` +
    'PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; its own database fm_bench_beliefs_query_<random>, ' +
    'dropped afterwards) and the embedded default (PGlite, a fresh DATA_DIR, 3 months, the asset made by AssetsService.create as the api would; ' +
    'its dbExecMs and repoMs are measured once in setup, with the api stopped as PGlite is one process, after ≥ 3 s of warm-up, so they repeat in ' +
    'every run). Targets (p50, PostgreSQL): ≤ 100 ms for a year at 15 min, ≤ 60 ms hourly.',
  metrics: { p50Ms: 'ms', p95Ms: 'ms', serverMs: 'ms', repoMs: 'ms', dbExecMs: 'ms' },
  runs: 4,
  warmup: 1,
  async setup() {
    libraries(); // fail early when the build is missing
    if (POSTGRES.skipped) console.error(`  PostgreSQL cases skipped: ${POSTGRES.skipped}`);
    const state = { samples: new Map(), info: new Map() };
    try {
      if (!POSTGRES.skipped) await setupPostgres(state);
      await setupEmbedded(state);
      for (const c of CASES) {
        const platform = state[c.platform];
        const query = QUERIES[c.key];
        const answer = await verify(platform, c.name, query);
        let plan;
        let exec;
        if (c.platform === 'postgres') {
          const statement = await latestBeliefsStatement(repositoryQuery(platform, query));
          const timed = await explain(platform.run, statement, { timing: true });
          plan = describePlan(timed.plan);
          exec = `${(await explain(platform.run, statement)).executionMs.toFixed(1)} ms (with per-node timing ${timed.executionMs.toFixed(1)} ms)`;
        } else {
          plan = platform.fixed.plan;
          exec = `${platform.fixed.dbExecMs.toFixed(1)} ms (with per-node timing ${platform.fixed.timedExecMs.toFixed(1)} ms)`;
        }
        const info =
          `${answer.count.toLocaleString('en')} values (${answer.nulls.toLocaleString('en')} null), ${(answer.bytes / 1024).toFixed(0)} kB JSON; ` +
          `plan: ${plan.path}${plan.spills ? ' — SPILLS TO DISK' : ''}`;
        state.info.set(c.name, info);
        console.error(`  ${c.name}: checked ${info}; execution ${exec}`);
      }
    } catch (error) {
      await teardown(state).catch(() => undefined);
      throw error;
    }
    return state;
  },
  teardown,
  cases: CASES.map((c) => ({
    name: c.name,
    ...(c.platform === 'postgres' && c.key === 'quarter' ? { baselineOf: [EMBEDDED_CASE.name] } : {}),
    measure: ({ state, warmup }) => measure(c, state, warmup),
  })),
});

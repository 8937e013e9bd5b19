// Storing beliefs: POST /api/v2_0/postMeterData end to end over HTTP (JSON,
// 10,000 values per request, all beliefs new), one client and four concurrent
// clients (each its own asset), in beliefs per second, next to what PostgreSQL
// itself takes in: COPY FROM STDIN (pg-copy-streams) of the same rows into a
// scratch table with the same columns and primary key. In between, so the gap
// can be attributed: the repository's INSERT … SELECT FROM unnest statement
// into the scratch table, COPY into timed_belief itself, and
// BeliefsRepository.insert into timed_belief without HTTP.
// PostgreSQL only (skipped when no server is reachable).
//
// npm run bench -- 'belief store'   (both belief-store benchmarks)
// npm run bench -- ingest (this one)

import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { defineBenchmark } from '../harness.mjs';
import {
  connectionAddress,
  connectPg,
  createBatteryAsset,
  disposePlatform,
  libraries,
  median,
  openLibDatabase,
  preparePlatform,
  probePostgres,
  serverTimingMs,
  startPlatformApi,
} from '../beliefs-support.mjs';

const require = createRequire(import.meta.url);
const POSTGRES = await probePostgres();

const BATCH = 10_000;
const QUARTER_HOUR_MS = 15 * 60_000;
const BASE_MS = Date.UTC(2015, 0, 1);
/** Batches per run: one client sends BATCHES_ONE in a row; each of CLIENTS concurrent clients sends BATCHES_EACH. */
const BATCHES_ONE = 10;
const CLIENTS = 4;
const BATCHES_EACH = 3;
const SCRATCH = 'bench_copy_belief';
const TARGET_RATIO = 0.5;

const iso = (ms) => new Date(ms).toISOString();

/**
 * The rows of batch b of an asset: 10,000 consecutive quarter-hours (batch b
 * starts where b − 1 ended), belief time = event end (horizon PT0H), values of
 * both signs with 3 decimals. Every run truncates the target table first, so
 * every run stores the same rows and all of them are new.
 */
function batchRows(b) {
  const startMs = BASE_MS + b * BATCH * QUARTER_HOUR_MS;
  const values = new Array(BATCH);
  for (let i = 0; i < BATCH; i++) values[i] = (((i * 7919 + b * 104_729) % 2001) - 1000) / 1000;
  return { startMs, values };
}

/** The JSON body of postMeterData for a batch. */
function postBody(connection, rows) {
  return JSON.stringify({
    type: 'PostMeterDataRequest',
    connection,
    values: rows.values,
    start: iso(rows.startMs).replace('.000Z', 'Z'),
    duration: `PT${(BATCH * QUARTER_HOUR_MS) / 3_600_000}H`,
    horizon: 'PT0H',
    unit: 'MW',
  });
}

/** The repository's columns for a batch (what PostBeliefsService hands to BeliefsRepository.insert). */
function columns(sensorId, rows) {
  const eventStarts = new Array(BATCH);
  const beliefTimes = new Array(BATCH);
  for (let i = 0; i < BATCH; i++) {
    eventStarts[i] = rows.startMs + i * QUARTER_HOUR_MS;
    beliefTimes[i] = eventStarts[i] + QUARTER_HOUR_MS;
  }
  return { sensorIds: new Array(BATCH).fill(sensorId), eventStarts, beliefTimes, values: rows.values };
}

/** COPY text format: sensor_id, event_start, belief_time, source_id, cumulative_probability, event_value. */
function copyText(sensorId, sourceId, rows) {
  const lines = new Array(BATCH);
  for (let i = 0; i < BATCH; i++) {
    const start = rows.startMs + i * QUARTER_HOUR_MS;
    lines[i] = `${sensorId}\t${iso(start)}\t${iso(start + QUARTER_HOUR_MS)}\t${sourceId}\t0.5\t${rows.values[i]}\n`;
  }
  return Buffer.from(lines.join(''));
}

// ---------------------------------------------------------------------------
// The ways in. Each takes the prepared batches of one client and stores them
// one after the other; payloads are built before the clock starts.

async function copyBatches(table, client, payloads) {
  const { from: copyFrom } = require('pg-copy-streams');
  for (const payload of payloads) {
    const stream = client.query(copyFrom(`COPY ${table} (sensor_id, event_start, belief_time, source_id, cumulative_probability, event_value) FROM STDIN`));
    await pipeline(Readable.from([payload]), stream);
    if (stream.rowCount !== BATCH) throw new Error(`COPY stored ${stream.rowCount} rows, expected ${BATCH}`);
  }
}

async function repositoryBatches(state, _client, payloads) {
  const repository = new (libraries().beliefs.BeliefsRepository)();
  for (const cols of payloads) {
    const counts = await state.db.dataSource.transaction((manager) => repository.insert(manager, state.sourceId, cols));
    if (counts.stored !== BATCH) throw new Error(`BeliefsRepository.insert stored ${counts.stored} of ${BATCH}: ${JSON.stringify(counts)}`);
  }
}

/** The repository's own INSERT … SELECT FROM unnest statement (captured from the built library), aimed at the scratch table. */
async function scratchUnnestBatches(state, client, payloads) {
  for (const cols of payloads) {
    const statement = await insertStatement(state, cols);
    await client.query('BEGIN');
    const { rowCount } = await client.query(statement.sql, statement.params);
    await client.query('COMMIT');
    if (rowCount !== BATCH) throw new Error(`the unnest insert stored ${rowCount} of ${BATCH}`);
  }
}

/** Runs BeliefsRepository.insert against a recorder posing as a transaction, and keeps the first INSERT into timed_belief it sends. */
async function insertStatement(state, cols) {
  let captured;
  const recorder = {
    queryRunner: { isTransactionActive: true },
    query: async (sql, params) => {
      if (captured === undefined && /^\s*(\/\*.*?\*\/\s*)?INSERT INTO timed_belief\b/.test(sql)) captured = { sql: sql.replace(/\btimed_belief\b/g, SCRATCH), params };
      return [{ sensors: 1, sources: 1, stored: cols.values.length }];
    },
  };
  await new (libraries().beliefs.BeliefsRepository)().insert(recorder, state.sourceId, cols);
  if (captured === undefined) throw new Error('BeliefsRepository.insert sent no INSERT INTO timed_belief');
  return captured;
}

async function httpBatches(state, _client, payloads, serverTimes) {
  for (const body of payloads) {
    const response = await fetch(`${state.platform.baseUrl}/api/v2_0/postMeterData`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', Authorization: state.platform.token },
      body,
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`postMeterData answered ${response.status}: ${text.slice(0, 500)}`);
    const answer = JSON.parse(text);
    if (answer.status !== 'PROCESSED' || answer.message !== 'Request has been processed.') {
      throw new Error(`postMeterData did not store all values as new: ${text.slice(0, 500)}`);
    }
    serverTimes.push(serverTimingMs(response));
  }
}

const WAYS = {
  copy: {
    label: 'COPY FROM STDIN into the scratch table',
    table: SCRATCH,
    prepare: (state, asset, rows) => copyText(asset, state.sourceId, rows),
    store: (_state, client, payloads) => copyBatches(SCRATCH, client, payloads),
  },
  copyTimedBelief: {
    label: 'COPY FROM STDIN into timed_belief',
    table: 'timed_belief',
    prepare: (state, asset, rows) => copyText(asset, state.sourceId, rows),
    store: (_state, client, payloads) => copyBatches('timed_belief', client, payloads),
  },
  scratchUnnest: { label: 'repository INSERT … unnest SQL into the scratch table', table: SCRATCH, prepare: (_state, asset, rows) => columns(asset, rows), store: scratchUnnestBatches },
  repository: { label: 'BeliefsRepository.insert into timed_belief (no HTTP)', table: 'timed_belief', prepare: (_state, asset, rows) => columns(asset, rows), store: repositoryBatches },
  http: {
    label: 'postMeterData over HTTP',
    table: 'timed_belief',
    prepare: (state, asset, rows) => postBody(connectionAddress(state.platform.ownerId, asset), rows),
    store: httpBatches,
  },
};

/**
 * One run: truncate the way's table; build every client's payloads; then, on
 * the clock, every client stores its batches (one after the other), the clients
 * concurrently. beliefs/s = all beliefs / wall time.
 */
async function measure(state, wayKey, clients, batchesEach, warmup, caseName) {
  const way = WAYS[wayKey];
  await state.admin.query(`TRUNCATE ${way.table}`);
  const assets = state.assets.slice(0, clients);
  const payloads = assets.map((asset) => Array.from({ length: batchesEach }, (_, b) => way.prepare(state, asset, batchRows(b))));
  const serverTimes = [];
  const batchTimes = [];
  const started = performance.now();
  await Promise.all(
    assets.map(async (_asset, c) => {
      const client = state.clients[c];
      for (const payload of payloads[c]) {
        const batchStarted = performance.now();
        await way.store(state, client, [payload], serverTimes);
        batchTimes.push(performance.now() - batchStarted);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const [{ count }] = (await state.admin.query(`SELECT count(*)::int AS count FROM ${way.table}`)).rows;
  const beliefs = clients * batchesEach * BATCH;
  if (count !== beliefs) throw new Error(`${way.table} holds ${count} rows after the run, expected ${beliefs}`);
  const values = { beliefsPerS: beliefs / seconds, batchMs: median(batchTimes) };
  if (wayKey === 'http') values.serverMs = median(serverTimes);
  if (!Object.values(values).every(Number.isFinite)) throw new Error(`a metric is not a number (no Server-Timing header?): ${JSON.stringify(values)}`);
  if (!warmup) {
    if (!state.samples.has(caseName)) state.samples.set(caseName, []);
    state.samples.get(caseName).push(values);
  }
  return values;
}

// ---------------------------------------------------------------------------
// The cases.

const ONE = `1 client, ${BATCHES_ONE} × ${BATCH.toLocaleString('en')}`;
const MANY = `${CLIENTS} clients, ${BATCHES_EACH} × ${BATCH.toLocaleString('en')} each`;
const CASES = POSTGRES.skipped
  ? []
  : [
      { name: `${ONE}: ${WAYS.copy.label}`, way: 'copy', clients: 1, batches: BATCHES_ONE, key: 'copy1' },
      { name: `${ONE}: ${WAYS.scratchUnnest.label}`, way: 'scratchUnnest', clients: 1, batches: BATCHES_ONE, key: 'scratch1' },
      { name: `${ONE}: ${WAYS.copyTimedBelief.label}`, way: 'copyTimedBelief', clients: 1, batches: BATCHES_ONE, key: 'copyReal1' },
      { name: `${ONE}: ${WAYS.repository.label}`, way: 'repository', clients: 1, batches: BATCHES_ONE, key: 'repo1' },
      { name: `${ONE}: ${WAYS.http.label} (target ≥ ${TARGET_RATIO.toFixed(2)}x COPY)`, way: 'http', clients: 1, batches: BATCHES_ONE, key: 'http1' },
      { name: `${MANY}: ${WAYS.copy.label}`, way: 'copy', clients: CLIENTS, batches: BATCHES_EACH, key: 'copyN' },
      { name: `${MANY}: ${WAYS.repository.label}`, way: 'repository', clients: CLIENTS, batches: BATCHES_EACH, key: 'repoN' },
      { name: `${MANY}: ${WAYS.http.label} (target ≥ ${TARGET_RATIO.toFixed(2)}x COPY)`, way: 'http', clients: CLIENTS, batches: BATCHES_EACH, key: 'httpN' },
    ];
const byKey = (key) => CASES.find((c) => c.key === key);

async function setup() {
  libraries(); // fail early when the build is missing
  console.error(`  PostgreSQL ${POSTGRES.version}; node ${process.version}; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const state = { samples: new Map(), clients: [] };
  try {
    const label = `PostgreSQL ${POSTGRES.version}`;
    state.platform = await preparePlatform({ kind: 'postgres', serverUrl: POSTGRES.url, prefix: 'fm_bench_beliefs_ingest', label });
    await startPlatformApi(state.platform);
    state.assets = [];
    for (let i = 1; i <= CLIENTS; i++) state.assets.push(await createBatteryAsset(state.platform, `bench-ingest-${i}`));
    state.db = await openLibDatabase({ ...state.platform.libConfig, poolSize: CLIENTS });
    state.sourceId = await new (libraries().beliefs.DataSourcesRepository)(state.db.dataSource).forUser(state.db.dataSource.manager, state.platform.ownerId);
    state.admin = await connectPg(state.platform.database.url);
    for (let i = 0; i < CLIENTS; i++) state.clients.push(await connectPg(state.platform.database.url));
    // The scratch table: timed_belief's columns and defaults, and its primary key (with INCLUDE); no foreign keys, no other index.
    await state.admin.query(`CREATE TABLE ${SCRATCH} (LIKE timed_belief INCLUDING DEFAULTS)`);
    await state.admin.query(
      `ALTER TABLE ${SCRATCH} ADD CONSTRAINT ${SCRATCH}_pkey PRIMARY KEY (sensor_id, event_start, belief_time, source_id, cumulative_probability) INCLUDE (event_value)`,
    );
    const { rows: indexes } = await state.admin.query(
      `SELECT tablename, indexname, regexp_replace(indexdef, '^.* USING ', 'USING ') AS def FROM pg_indexes WHERE tablename IN ('timed_belief', $1) ORDER BY 1, 2`,
      [SCRATCH],
    );
    for (const index of indexes) console.error(`  ${index.tablename}: ${index.indexname} ${index.def}`);
    const { rows: fks } = await state.admin.query(
      `SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'timed_belief'::regclass AND contype = 'f'`,
    );
    console.error(`  timed_belief has ${fks[0].n} foreign keys (integrity is kept per insert: migration BeliefIngest1764375100000); ${SCRATCH} has none`);
    const settings = (await state.admin.query(`SELECT current_setting('synchronous_commit') AS sc, current_setting('wal_level') AS wl, current_setting('max_wal_size') AS mws`)).rows[0];
    console.error(`  synchronous_commit ${settings.sc}, wal_level ${settings.wl}, max_wal_size ${settings.mws}`);
  } catch (error) {
    await teardown(state).catch(() => undefined);
    throw error;
  }
  return state;
}

async function teardown(state) {
  if (!state) return;
  printSummary(state);
  const errors = [];
  try {
    await state.admin?.query(`DROP TABLE IF EXISTS ${SCRATCH}`);
  } catch (error) {
    errors.push(error);
  }
  for (const client of [state.admin, ...state.clients]) await client?.end().catch(() => undefined);
  try {
    await state.db?.close();
  } catch (error) {
    errors.push(error);
  }
  try {
    await disposePlatform(state.platform);
  } catch (error) {
    errors.push(error);
  }
  if (errors.length > 0) throw errors[0];
}

/** After the runs (stderr): end to end / COPY against the target, and the steps in between. */
function printSummary(state) {
  if (state.samples.size === 0) return;
  const m = (key, metric = 'beliefsPerS') => {
    const runs = state.samples.get(byKey(key)?.name);
    return runs && runs.length > 0 ? median(runs.map((r) => r[metric])) : undefined;
  };
  const k = (rate) => (rate === undefined ? '—' : `${(rate / 1000).toFixed(0)}k/s`);
  const pct = (a, b) => (a === undefined || b === undefined ? '—' : `${((100 * a) / b).toFixed(0)}%`);
  console.error('  beliefs ingest summary (medians over the measured runs, beliefs per second):');
  const line = (title, copy, scratch, copyReal, repo, http, batchKey) => {
    if (copy === undefined) return;
    const ratio = http === undefined ? undefined : http / copy;
    const verdict = ratio === undefined ? '' : ratio >= TARGET_RATIO ? ` ✓ ≥ ${TARGET_RATIO * 100}%` : ` ✗ below the ${TARGET_RATIO * 100}% target`;
    console.error(
      `    ${title}: COPY ${k(copy)}` +
        (scratch === undefined ? '' : `; unnest SQL, scratch table ${k(scratch)} (${pct(scratch, copy)} of COPY)`) +
        (copyReal === undefined ? '' : `; COPY into timed_belief ${k(copyReal)} (${pct(copyReal, copy)})`) +
        `; repository into timed_belief ${k(repo)} (${pct(repo, copy)})` +
        `; HTTP end to end ${k(http)} = ${pct(http, copy)} of COPY${verdict}` +
        (batchKey ? `; per 10k request: client ${m(batchKey, 'batchMs')?.toFixed(0)} ms, api (Server-Timing) ${m(batchKey, 'serverMs')?.toFixed(0)} ms` : ''),
    );
  };
  line('1 client', m('copy1'), m('scratch1'), m('copyReal1'), m('repo1'), m('http1'), 'http1');
  line(`${CLIENTS} clients`, m('copyN'), undefined, undefined, m('repoN'), m('httpN'), 'httpN');
  const copy = m('copy1');
  const copyReal = m('copyReal1');
  const http = m('http1');
  if (copy && copyReal && http) {
    console.error(
      `    1 client, where the gap is: COPY into timed_belief itself ${k(copyReal)} (${pct(copyReal, copy)} of the scratch table); ` +
        `end to end is ${pct(http, copyReal)} of COPY into timed_belief`,
    );
  }
}

export default defineBenchmark({
  name: 'belief store ingest (postMeterData)',
  description:
    `POST /api/v2_0/postMeterData with ${BATCH.toLocaleString('en')} values per request (JSON, 15-minute battery assets, consecutive windows, ` +
    'horizon PT0H, admin token; every belief new: each run truncates its table first), end to end over HTTP on a warm api ' +
    `(PostgreSQL, pool of 10, LOGGING_LEVEL=warn, FLEXMEASURES_PROFILE_REQUESTS=true): one client sending ${BATCHES_ONE} requests in a row, and ` +
    `${CLIENTS} concurrent clients sending ${BATCHES_EACH} each, every client its own asset. beliefsPerS = all beliefs of the run / its wall time; ` +
    'batchMs = median time of one 10k batch (client side); serverMs = median Server-Timing total of the api. Baselines (ratio column): ' +
    `COPY FROM STDIN (pg-copy-streams, text format, one COPY per 10k batch, one connection per client) of the same rows into ${SCRATCH}, a ` +
    `scratch table with timed_belief's columns and primary key (with INCLUDE), no foreign keys and no other index. In between: COPY of the same ` +
    'rows into timed_belief itself (its two foreign keys and the source_id index; 1 client), the repository\'s ' +
    `INSERT … SELECT FROM unnest … ON CONFLICT DO NOTHING statement (captured from the built library) into ${SCRATCH}, and ` +
    'BeliefsRepository.insert into timed_belief through TypeORM in a transaction (the api path without HTTP and JSON). Target: end to end ≥ 50% ' +
    'of COPY. PostgreSQL from BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); its own database ' +
    'fm_bench_beliefs_ingest_<random>, dropped afterwards (also on a failure and on Ctrl-C).',
  metrics: { beliefsPerS: 'beliefs/s', batchMs: 'ms', serverMs: 'ms' },
  runs: 4,
  warmup: 1,
  setup: POSTGRES.skipped ? undefined : setup,
  teardown: POSTGRES.skipped ? undefined : teardown,
  cases: POSTGRES.skipped
    ? [
        {
          name: `skipped: ${POSTGRES.skipped}`,
          measure: async () => {
            console.error(`  beliefs ingest skipped: ${POSTGRES.skipped}`);
            return { beliefsPerS: 0 };
          },
        },
      ]
    : CASES.map((c) => ({
        name: c.name,
        ...(c.key === 'copy1' ? { baselineOf: [byKey('scratch1').name, byKey('copyReal1').name, byKey('repo1').name, byKey('http1').name] } : {}),
        ...(c.key === 'copyN' ? { baselineOf: [byKey('repoN').name, byKey('httpN').name] } : {}),
        measure: ({ state, warmup }) => measure(state, c.way, c.clients, c.batches, warmup, c.name),
      })),
});

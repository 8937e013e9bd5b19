// Deleting an asset with a million beliefs through the api: how long
// DELETE /api/v2_0/asset/:id takes, how long other requests wait meanwhile, and
// that it leaves no orphan rows (checked with SQL after every run; a leftover
// row makes the benchmark fail). In the embedded default (PGlite: one session,
// so the api's pool has one connection) and, when a server is reachable, on
// PostgreSQL (a pool of connections, MVCC).
//
// The data is loaded once per database in setup (1M rows take about half a
// minute on PGlite) and every run gets a fresh copy of it: a copy of the
// DATA_DIR (PGlite), or CREATE DATABASE ... TEMPLATE (PostgreSQL).

import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { defineBenchmark } from '../harness.mjs';
import {
  addUserWithCli,
  apiEnvironment,
  BENCH_ADMIN,
  get200,
  requestAuthToken,
  runCli,
  startApi,
  stopApiProcess,
} from '../api-with-user.mjs';
import { findFreePort, makeTempDir, onCleanUp, removeDir, REPO_ROOT } from '../support.mjs';

const require = createRequire(import.meta.url);

const DEFAULT_BELIEFS = 1_000_000;
const BELIEFS = beliefCount();
const SURVIVOR_BELIEFS = 10_000;
/** The other requests: one GET /api/v2_0/assets every POLL_INTERVAL_MS, one after the other. */
const POLL_INTERVAL_MS = 50;
/** How long the other requests run before the delete starts (their latencies then are idleRequestP50Ms). */
const IDLE_WINDOW_MS = 1000;
const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';
const PROBE_TIMEOUT_MS = 3000;

const DOOMED = { name: 'bench-delete-me', beliefs: BELIEFS };
const SURVIVOR = { name: 'bench-keep-me', beliefs: SURVIVOR_BELIEFS };

function beliefCount() {
  const raw = process.env.BENCH_DELETE_BELIEFS;
  if (raw === undefined || raw === '') return DEFAULT_BELIEFS;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1) throw new Error(`BENCH_DELETE_BELIEFS must be a whole number >= 1, got ${JSON.stringify(raw)}`);
  return count;
}

function countLabel(count) {
  if (count >= 1_000_000 && count % 1_000_000 === 0) return `${count / 1_000_000}M`;
  if (count >= 1000 && count % 1000 === 0) return `${count / 1000}k`;
  return String(count);
}

/** The URL without its password, for messages. */
function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return '(not a URL)';
  }
}

function withDatabaseName(url, name) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.href;
}

// ---------------------------------------------------------------------------
// PostgreSQL: reachable (and allowed to create databases)? Decided when the
// benchmark is loaded, because the cases are fixed then.

const pgLibrary = () => require('pg');

async function probePostgres() {
  const url = process.env.BENCH_DATABASE_URL || DEFAULT_POSTGRES_URL;
  const source = process.env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : 'the default URL';
  let client;
  try {
    const { Client } = pgLibrary();
    client = new Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
    client.on('error', () => undefined);
    await client.connect();
    const [row] = (
      await client.query(
        `SELECT current_setting('server_version') AS version,
                (SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user) AS can_create`,
      )
    ).rows;
    if (!row.can_create) return { url, skipped: `${redact(url)} (${source}): its user may not create databases` };
    return { url, version: row.version };
  } catch (error) {
    return { url, skipped: `${redact(url)} (${source}) is not reachable: ${error?.message || error?.code || String(error)}` };
  } finally {
    await client?.end().catch(() => undefined);
  }
}

const POSTGRES = await probePostgres();

/** Runs work with a client connected to the server's URL (the maintenance connection). */
async function withPgClient(url, work) {
  const { Client } = pgLibrary();
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`;

async function dropPgDatabase(serverUrl, name) {
  await withPgClient(serverUrl, async (client) => {
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
  });
}

/**
 * For Ctrl-C (support.mjs's cleanUpNow is synchronous): drops the databases in a
 * child node process and waits for it.
 */
function dropPgDatabasesSync(serverUrl, names) {
  if (names.length === 0) return;
  const script = `
    const { Client } = require('pg');
    const [url, ...names] = process.argv.slice(1);
    (async () => {
      const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      await client.connect();
      for (const name of names) {
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        await client.query('DROP DATABASE IF EXISTS "' + name.replace(/"/g, '""') + '"');
      }
      await client.end();
    })().catch(() => process.exit(1));`;
  spawnSync(process.execPath, ['-e', script, serverUrl, ...names], { cwd: REPO_ROOT, stdio: 'ignore', timeout: 20_000 });
}

// ---------------------------------------------------------------------------
// The data, loaded from this process with the persistence and assets libraries.

function libraries() {
  for (const lib of ['persistence', 'assets']) {
    const file = path.join(REPO_ROOT, 'libs', lib, 'dist', 'index.js');
    if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing; build with npx tsc -b tsconfig.build.json`);
  }
  return {
    persistence: require(path.join(REPO_ROOT, 'libs/persistence/dist/index.js')),
    assets: require(path.join(REPO_ROOT, 'libs/assets/dist/index.js')),
  };
}

/** Opens the database (never while an api or CLI process has it: PGlite is one process), runs work, closes it. */
async function withDatabase(config, work) {
  const { persistence } = libraries();
  const db = await persistence.openDatabase(config, { applicationName: 'flexmeasures-bench' });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/**
 * The standard structure, then two solar assets of the admin on the epex_da
 * market, one with BELIEFS beliefs (deleted by every run) and one with
 * SURVIVOR_BELIEFS (must survive), each inserted with one INSERT ... SELECT
 * FROM generate_series: 15-minute events from 2000-01-01, belief_time =
 * event_start, one data source 'bench' of type 'user'. Then VACUUM ANALYZE,
 * so every run starts from a settled database.
 */
async function loadData(config, label) {
  const { persistence, assets } = libraries();
  return withDatabase(config, async (db) => {
    const q = (sql, params) => db.dataSource.query(sql, params);
    await persistence.migrateToLatest(db); // a no-op after `db upgrade`; the database must be current
    await assets.addStructure(db.dataSource);
    const [owner] = await q('SELECT id FROM fm_user WHERE email = $1', [BENCH_ADMIN.email]);
    const [market] = await q('SELECT id FROM market WHERE name = $1', [assets.DEFAULT_MARKET.name]);
    if (!owner || !market) throw new Error(`${label}: no admin user or no ${assets.DEFAULT_MARKET.name} market after setup`);
    const [source] = await q(`INSERT INTO data_source (name, type, user_id) VALUES ('bench', 'user', $1) RETURNING id`, [owner.id]);

    const ids = {};
    for (const [key, spec] of [['doomed', DOOMED], ['survivor', SURVIVOR]]) {
      const id = await db.dataSource.transaction(async (m) => {
        const [sensor] = await m.query(
          `INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('asset', $1, 'MW', 15) RETURNING id`,
          [spec.name],
        );
        await m.query(
          `INSERT INTO asset (id, name, display_name, asset_type_name, owner_id, market_id, capacity_in_mw, latitude, longitude)
           VALUES ($1, $2, $3, 'solar', $4, $5, 1.5, 52.37, 4.89)`,
          [sensor.id, spec.name, `bench ${spec.name}`, owner.id, market.id],
        );
        return sensor.id;
      });
      const started = performance.now();
      await q(
        `INSERT INTO timed_belief (sensor_id, event_start, belief_time, source_id, event_value)
         SELECT $1, t, t, $2, random()
           FROM generate_series(timestamptz '2000-01-01 00:00+00', timestamptz '2000-01-01 00:00+00' + ($3::int - 1) * interval '15 minutes',
                                interval '15 minutes') AS t`,
        [id, source.id, spec.beliefs],
      );
      console.error(`  ${label}: ${spec.beliefs.toLocaleString('en')} beliefs for asset ${id} (${spec.name}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      ids[key] = id;
    }
    const started = performance.now();
    await q('VACUUM ANALYZE');
    console.error(`  ${label}: VACUUM ANALYZE in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return ids;
  });
}

/** Throws unless the deleted asset left nothing behind and the other asset kept all its beliefs. */
async function verify(config, ids, label) {
  const row = await withDatabase(config, async (db) => {
    const [counts] = await db.dataSource.query(
      `SELECT (SELECT count(*) FROM timed_belief WHERE sensor_id = $1) AS doomed_beliefs,
              (SELECT count(*) FROM sensor WHERE id = $1) AS doomed_sensors,
              (SELECT count(*) FROM asset WHERE id = $1) AS doomed_assets,
              (SELECT count(*) FROM timed_belief WHERE sensor_id = $2) AS survivor_beliefs,
              (SELECT count(*) FROM asset a JOIN sensor s ON s.id = a.id WHERE a.id = $2) AS survivor_assets,
              (SELECT count(*) FROM timed_belief b WHERE NOT EXISTS (SELECT 1 FROM sensor s WHERE s.id = b.sensor_id)) AS orphan_beliefs,
              (SELECT count(*) FROM asset a WHERE NOT EXISTS (SELECT 1 FROM sensor s WHERE s.id = a.id)) AS orphan_assets`,
      [ids.doomed, ids.survivor],
    );
    return Object.fromEntries(Object.entries(counts).map(([key, value]) => [key, Number(value)]));
  });
  const expected = {
    doomed_beliefs: 0,
    doomed_sensors: 0,
    doomed_assets: 0,
    survivor_beliefs: SURVIVOR_BELIEFS,
    survivor_assets: 1,
    orphan_beliefs: 0,
    orphan_assets: 0,
  };
  const wrong = Object.entries(expected).filter(([key, value]) => row[key] !== value);
  if (wrong.length > 0) {
    throw new Error(
      `${label}: after DELETE /api/v2_0/asset/${ids.doomed} the database is wrong: ` +
        wrong.map(([key, value]) => `${key} = ${row[key]} (expected ${value})`).join(', '),
    );
  }
}

// ---------------------------------------------------------------------------
// One measurement: the delete, with other requests running alongside.

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Sends GET url every POLL_INTERVAL_MS, one after the other (the next starts
 * POLL_INTERVAL_MS after the previous one started, or when it answered if that
 * took longer), until stop() is called; stop() waits for the last one and
 * resolves with every request's start and end (performance.now()).
 */
function startPolling(url, headers) {
  /** @type {{ started: number, ended: number }[]} */
  const samples = [];
  let stopping = false;
  let failure;
  const loop = (async () => {
    while (!stopping) {
      const started = performance.now();
      await get200(url, headers);
      const ended = performance.now();
      samples.push({ started, ended });
      const pause = started + POLL_INTERVAL_MS - ended;
      if (pause > 0 && !stopping) await sleep(pause);
    }
  })().catch((error) => {
    failure = error;
  });
  return {
    failed: () => failure,
    async stop() {
      stopping = true;
      await loop;
      if (failure) throw new Error(`${url.replace(/^http:\/\/[^/]+/, 'GET ')} alongside the delete: ${failure.message}`, { cause: failure });
      return samples;
    },
  };
}

/**
 * Two loops of requests, from IDLE_WINDOW_MS before the delete until it answered:
 * GET /api/v2_0/assets (authenticated, reads the database) and GET /api/health
 * (no database: shows whether the whole api process stalls); times
 * DELETE /api/v2_0/asset/:id, which must answer 204.
 */
async function deleteWhileRequesting(baseUrl, token, assetId, label) {
  const headers = { Authorization: token };
  const listUrl = `${baseUrl}/api/v2_0/assets`;
  for (let i = 0; i < 5; i++) await get200(listUrl, headers); // warm up the route

  const listing = startPolling(listUrl, headers);
  const health = startPolling(`${baseUrl}/api/health`);
  let deleteStarted;
  let deleteEnded;
  let deleteError;
  try {
    await sleep(IDLE_WINDOW_MS);
    const early = listing.failed() ?? health.failed();
    if (early) throw early;
    deleteStarted = performance.now();
    const response = await fetch(`${baseUrl}/api/v2_0/asset/${assetId}`, { method: 'DELETE', headers });
    const body = await response.text();
    deleteEnded = performance.now();
    if (response.status !== 204) throw new Error(`DELETE /api/v2_0/asset/${assetId} answered ${response.status}: ${body.slice(0, 500)}`);
  } catch (error) {
    deleteError = error;
  }
  // Always wait for both loops; a failed delete is the more telling error, then a failed request alongside it.
  const stopped = await Promise.allSettled([listing.stop(), health.stop()]);
  if (deleteError) throw deleteError;
  const failed = stopped.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  const [listSamples, healthSamples] = stopped.map((outcome) => outcome.value);

  const latency = ({ started, ended }) => ended - started;
  const overlaps = ({ started, ended }) => started < deleteEnded && ended > deleteStarted;
  const idle = listSamples.filter((s) => s.ended <= deleteStarted).map(latency);
  const overlapping = listSamples.filter(overlaps).map(latency);
  const healthOverlapping = healthSamples.filter(overlaps).map(latency);
  const deleteMs = deleteEnded - deleteStarted;
  if (overlapping.length === 0 || healthOverlapping.length === 0) {
    throw new Error(`the delete took ${deleteMs.toFixed(1)} ms and no GET overlapped it (one every ${POLL_INTERVAL_MS} ms per loop)`);
  }
  if (idle.length === 0) throw new Error(`no GET /api/v2_0/assets answered in the ${IDLE_WINDOW_MS} ms before the delete`);
  const list = (values) => values.map((ms) => ms.toFixed(0)).join(', ').slice(0, 200);
  console.error(
    `  ${label}: during the ${deleteMs.toFixed(0)} ms delete: ${overlapping.length} GET /api/v2_0/assets (${list(overlapping)} ms), ` +
      `${healthOverlapping.length} GET /api/health (${list(healthOverlapping)} ms)`,
  );
  return {
    deleteMs,
    otherRequestMaxMs: Math.max(...overlapping),
    otherRequestP50Ms: median(overlapping),
    idleRequestP50Ms: median(idle),
    healthMaxMs: Math.max(...healthOverlapping),
  };
}

// ---------------------------------------------------------------------------
// The two databases: how to prepare the data once, and a fresh copy per run.

/** Embedded default: PGlite in DATA_DIR/pgdata; the api is the only process on it while it runs. */
function embeddedTarget() {
  const label = 'embedded';
  return {
    label,
    async prepare(state) {
      const dir = makeTempDir('fm-bench-delete-embedded-');
      state.templateDir = dir;
      const env = apiEnvironment(dir, await findFreePort());
      const started = performance.now();
      await runCli(['db', 'upgrade'], env);
      await addUserWithCli(env, BENCH_ADMIN);
      console.error(`  ${label}: database, schema and admin by the CLI in ${((performance.now() - started) / 1000).toFixed(1)} s (DATA_DIR ${dir})`);
      state.ids = await loadData({ kind: 'embedded', dataDir: path.join(dir, 'pgdata'), migrateOnStart: true }, label);
    },
    async freshRun(state) {
      const dir = makeTempDir('fm-bench-delete-embedded-run-');
      try {
        fs.cpSync(state.templateDir, dir, { recursive: true });
      } catch (error) {
        removeDir(dir);
        throw error;
      }
      const port = await findFreePort();
      return {
        env: apiEnvironment(dir, port),
        port,
        database: { kind: 'embedded', dataDir: path.join(dir, 'pgdata'), migrateOnStart: true },
        dispose: async () => removeDir(dir),
      };
    },
    async dispose(state) {
      if (state.templateDir) removeDir(state.templateDir);
    },
  };
}

/** PostgreSQL: a fresh database fm_bench_<random> on the server, dropped afterwards; the api gets DATABASE_URL and SECRET_KEY. */
function postgresTarget(serverUrl) {
  const label = 'postgres';
  const prefix = `fm_bench_${randomBytes(4).toString('hex')}`;
  const secretKey = randomBytes(32).toString('base64url');
  /** @type {Set<string>} the databases that exist now, for the clean-up on Ctrl-C */
  const databases = new Set();
  let runs = 0;
  let unregister = () => undefined;
  const createDatabase = async (name, template) => {
    databases.add(name);
    await withPgClient(serverUrl, (client) =>
      client.query(`CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ''}`),
    );
  };
  const dropDatabase = async (name) => {
    await dropPgDatabase(serverUrl, name);
    databases.delete(name);
  };
  return {
    label,
    async prepare(state) {
      unregister = onCleanUp(() => dropPgDatabasesSync(serverUrl, [...databases]));
      state.dataDir = makeTempDir('fm-bench-delete-postgres-'); // DATA_DIR: the api and CLI keep their mail outbox there
      state.template = prefix;
      const url = withDatabaseName(serverUrl, prefix);
      await createDatabase(prefix);
      const env = apiEnvironment(state.dataDir, await findFreePort(), { DATABASE_URL: url, SECRET_KEY: secretKey });
      const started = performance.now();
      await runCli(['db', 'upgrade'], env);
      await addUserWithCli(env, BENCH_ADMIN);
      console.error(`  ${label}: database ${prefix} on ${redact(serverUrl)}, schema and admin by the CLI in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      state.ids = await loadData({ kind: 'postgres', url, poolSize: 2, migrateOnStart: true }, label);
    },
    async freshRun(state) {
      runs += 1;
      const name = `${prefix}_run${runs}`;
      await createDatabase(name, state.template);
      const url = withDatabaseName(serverUrl, name);
      const port = await findFreePort();
      return {
        env: apiEnvironment(state.dataDir, port, { DATABASE_URL: url, SECRET_KEY: secretKey }),
        port,
        database: { kind: 'postgres', url, poolSize: 2, migrateOnStart: true },
        dispose: () => dropDatabase(name),
      };
    },
    async dispose(state) {
      try {
        for (const name of [...databases]) await dropDatabase(name);
      } finally {
        unregister();
        if (state.dataDir) removeDir(state.dataDir);
      }
    },
  };
}

const TARGETS = [
  { caseName: 'embedded (PGlite, one connection)', target: embeddedTarget() },
  ...(POSTGRES.skipped
    ? []
    : [{ caseName: `PostgreSQL ${POSTGRES.version.split(' ')[0]} (pool of 10)`, target: postgresTarget(POSTGRES.url) }]),
];

/**
 * One run: a fresh copy of the data, the api on it, a token for the admin, the
 * delete with other requests alongside; then the api stopped and the database checked.
 */
async function measureRun(target, targetState, kind) {
  const fresh = await target.freshRun(targetState);
  let measured;
  try {
    const { api, baseUrl } = await startApi(fresh.env, fresh.port);
    try {
      const { token } = await requestAuthToken(baseUrl, BENCH_ADMIN);
      measured = await deleteWhileRequesting(baseUrl, token, targetState.ids.doomed, target.label);
    } finally {
      if (measured) await stopApiProcess(api);
      else await api.stop();
    }
    await verify(fresh.database, targetState.ids, kind);
  } finally {
    await fresh.dispose();
  }
  return measured;
}

async function teardown(state) {
  if (!state) return;
  const errors = [];
  for (const { target } of TARGETS) {
    try {
      await target.dispose(state[target.label] ?? {});
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
}

export default defineBenchmark({
  name: `asset deletion with ${countLabel(BELIEFS)} beliefs (API DELETE)`,
  description:
    `DELETE /api/v2_0/asset/:id of a solar asset with ${BELIEFS.toLocaleString('en')} beliefs (one sensor row; asset and beliefs ` +
    'go by ON DELETE CASCADE in the same statement), timed client side (deleteMs; must answer 204), while another loop sends an ' +
    `authenticated GET /api/v2_0/assets every ${POLL_INTERVAL_MS} ms, one after the other: the largest and the median latency of the ` +
    'GETs that overlapped the delete (otherRequestMaxMs, otherRequestP50Ms) and the median of those in the second before it ' +
    `(idleRequestP50Ms); a second loop does the same with GET /api/health (no database): the largest latency of those overlapping ` +
    'the delete (healthMaxMs) shows whether the whole api process stalls. ' +
    `Every run starts from a fresh copy of the same data (and a second asset with ${SURVIVOR_BELIEFS.toLocaleString('en')} ` +
    'beliefs); after it, with the api stopped, SQL checks that no belief, asset or sensor row of the deleted asset remains, no ' +
    'orphans at all, and that the other asset kept all its beliefs; the run fails otherwise. Embedded default (PGlite) and, when ' +
    'reachable, PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test).',
  metrics: { deleteMs: 'ms', otherRequestMaxMs: 'ms', otherRequestP50Ms: 'ms', idleRequestP50Ms: 'ms', healthMaxMs: 'ms' },
  runs: 3,
  warmup: 0,
  async setup() {
    libraries(); // fail early when the build is missing
    if (POSTGRES.skipped) console.error(`  PostgreSQL case skipped: ${POSTGRES.skipped}`);
    const state = {};
    try {
      for (const { target } of TARGETS) {
        state[target.label] = {};
        await target.prepare(state[target.label]);
      }
    } catch (error) {
      await teardown(state).catch(() => undefined);
      throw error;
    }
    return state;
  },
  teardown,
  cases: TARGETS.map(({ caseName, target }) => ({
    name: caseName,
    measure: ({ state }) => measureRun(target, state[target.label], caseName),
  })),
});

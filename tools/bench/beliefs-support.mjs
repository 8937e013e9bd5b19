// Shared by the belief-store benchmarks (benchmarks/beliefs-ingest.bench.mjs and
// benchmarks/beliefs-query.bench.mjs): a PostgreSQL server probe, a scratch
// database per benchmark (dropped at the end, after a failure and on Ctrl-C),
// the platform on it (schema, admin and structure, then the built api with
// FLEXMEASURES_PROFILE_REQUESTS for Server-Timing), assets through the api, and
// the built libraries (persistence, assets, beliefs) for what the bench does
// without HTTP.

import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  addUserWithCli,
  apiEnvironment,
  BENCH_ADMIN,
  requestAuthToken,
  runCli,
  startApi,
  stopApiProcess,
} from './api-with-user.mjs';
import { findFreePort, makeTempDir, onCleanUp, removeDir, REPO_ROOT } from './support.mjs';

const require = createRequire(import.meta.url);

/** The maintenance connection: databases are created and dropped from here. */
export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const PROBE_TIMEOUT_MS = 3000;

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The URL without its password, for messages. */
export function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return '(not a URL)';
  }
}

export function withDatabaseName(url, name) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.href;
}

export const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`;

export const pg = () => require('pg');

/**
 * Is the server reachable and may its user create databases? BENCH_DATABASE_URL
 * (a maintenance connection), else DEFAULT_SERVER_URL. Never throws.
 * @returns {Promise<{ url: string, version?: string, skipped?: string }>}
 */
export async function probePostgres() {
  const url = process.env.BENCH_DATABASE_URL || DEFAULT_SERVER_URL;
  const source = process.env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : 'the default URL';
  let client;
  try {
    const { Client } = pg();
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
    return { url, version: row.version.split(' ')[0] };
  } catch (error) {
    return { url, skipped: `${redact(url)} (${source}) is not reachable: ${error?.message || error?.code || String(error)}` };
  } finally {
    await client?.end().catch(() => undefined);
  }
}

/** A connected pg Client (session in UTC, as the api's); the caller ends it. */
export async function connectPg(url) {
  const { Client } = pg();
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000, options: '-c TimeZone=UTC' });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function withPgClient(url, work) {
  const client = await connectPg(url);
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dropPgDatabase(serverUrl, name) {
  await withPgClient(serverUrl, async (client) => {
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
  });
}

/** For Ctrl-C (cleanUpNow is synchronous): drops the database from a child node process. */
function dropPgDatabaseSync(serverUrl, name) {
  const script = `
    const { Client } = require('pg');
    const [url, name] = process.argv.slice(1);
    (async () => {
      const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      await client.connect();
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      await client.query('DROP DATABASE IF EXISTS "' + name.replace(/"/g, '""') + '"');
      await client.end();
    })().catch(() => process.exit(1));`;
  spawnSync(process.execPath, ['-e', script, serverUrl, name], { cwd: REPO_ROOT, stdio: 'ignore', timeout: 20_000 });
}

/**
 * CREATE DATABASE <prefix>_<random> on the server; drop() removes it (also run on Ctrl-C).
 * @returns {Promise<{ name: string, url: string, drop: () => Promise<void> }>}
 */
export async function createPgDatabase(serverUrl, prefix) {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const unregister = onCleanUp(() => dropPgDatabaseSync(serverUrl, name));
  try {
    await withPgClient(serverUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  } catch (error) {
    unregister();
    throw error;
  }
  return {
    name,
    url: withDatabaseName(serverUrl, name),
    drop: async () => {
      await dropPgDatabase(serverUrl, name);
      unregister();
    },
  };
}

// ---------------------------------------------------------------------------
// The built libraries.

export function libraries() {
  for (const lib of ['persistence', 'assets', 'beliefs']) {
    const file = path.join(REPO_ROOT, 'libs', lib, 'dist', 'index.js');
    if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing; build with npx tsc -b tsconfig.build.json`);
  }
  return {
    persistence: require(path.join(REPO_ROOT, 'libs/persistence/dist/index.js')),
    assets: require(path.join(REPO_ROOT, 'libs/assets/dist/index.js')),
    beliefs: require(path.join(REPO_ROOT, 'libs/beliefs/dist/index.js')),
  };
}

/** Opens the database with the persistence library (TypeORM, as the api does); the caller closes it. */
export async function openLibDatabase(config) {
  return libraries().persistence.openDatabase(config, { applicationName: 'flexmeasures-bench' });
}

/** Runs work on the database opened with the library, then closes it. */
export async function withLibDatabase(config, work) {
  const db = await openLibDatabase(config);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/**
 * The SQL text and parameters BeliefsRepository.latest() sends for query: the
 * repository is called with a manager that records the statement instead of
 * running it, so the benchmark explains exactly what the api runs.
 * @returns {{ sql: string, params: unknown[] }}
 */
export async function latestBeliefsStatement(query) {
  const { beliefs } = libraries();
  let captured;
  const recorder = {
    query: async (sql, params) => {
      captured = { sql, params };
      return [{ series: '{"bins": [], "values": []}' }];
    },
  };
  await new beliefs.BeliefsRepository().latest(recorder, query);
  if (!captured) throw new Error('BeliefsRepository.latest sent no query');
  return captured;
}

/**
 * The top of a JSON plan as "Node (detail) > child > …", following the first
 * child at every level, e.g. "Aggregate > Subquery Scan > … > Index Only Scan
 * Backward using timed_belief_pkey".
 */
export function planPath(plan) {
  const parts = [];
  for (let node = plan; node; node = node.Plans?.[0]) {
    let label = node['Node Type'];
    if (node.Strategy && node.Strategy !== 'Plain') label = `${node.Strategy} ${label}`;
    if (node['Scan Direction'] === 'Backward') label += ' Backward';
    if (node['Index Name']) label += ` using ${node['Index Name']}`;
    else if (node['Relation Name']) label += ` on ${node['Relation Name']}`;
    if (node['Sort Method']) label += ` (${node['Sort Method']}${node['Sort Space Type'] ? `, ${node['Sort Space Type']} ${node['Sort Space Used']} kB` : ''})`;
    if (node['Heap Fetches'] !== undefined) label += ` (heap fetches ${node['Heap Fetches']})`;
    if ((node.Plans?.length ?? 0) > 1) label += ` [+${node.Plans.length - 1} more]`;
    parts.push(label);
  }
  return parts.join(' > ');
}

/** Every node of a JSON plan, depth first. */
export function planNodes(plan) {
  const nodes = [];
  const walk = (node) => {
    nodes.push(node);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan);
  return nodes;
}

// ---------------------------------------------------------------------------
// The platform: schema, admin and structure, then the api.

/**
 * A database for the platform with the schema (`db upgrade`), the admin
 * (`add user`, both by the CLI) and the standard structure (`addStructure`
 * from the assets library, as asset-delete.bench.mjs does); the api is not
 * started. kind 'postgres' needs serverUrl and makes a database named
 * <prefix>_<random> there; kind 'embedded' uses a fresh DATA_DIR (PGlite).
 * onDatabase(db, platform), when given, runs in the same library session after
 * the structure (the embedded database can be opened by one process at a time,
 * and each opening costs seconds).
 * @param {{ kind: 'postgres' | 'embedded', serverUrl?: string, prefix: string, label: string, poolSize?: number,
 *           onDatabase?: (db: unknown, platform: object) => Promise<void> }} options
 */
export async function preparePlatform({ kind, serverUrl, prefix, label, poolSize = 10, onDatabase }) {
  const dataDir = makeTempDir(`${prefix.replace(/_/g, '-')}-`);
  let database;
  try {
    const secretKey = randomBytes(32).toString('base64url');
    let extraEnv = {};
    let libConfig;
    if (kind === 'postgres') {
      database = await createPgDatabase(serverUrl, prefix);
      extraEnv = { DATABASE_URL: database.url, SECRET_KEY: secretKey, DATABASE_POOL_SIZE: String(poolSize) };
      libConfig = { kind: 'postgres', url: database.url, poolSize: 4, migrateOnStart: false };
    } else {
      libConfig = { kind: 'embedded', dataDir: path.join(dataDir, 'pgdata'), migrateOnStart: false };
    }
    // Server-Timing: total;dur=… on every response (the api's time from request to headers).
    extraEnv.FLEXMEASURES_PROFILE_REQUESTS = 'true';
    // Forecasts of the posted data would be made in the api's own process while the next requests are timed,
    // and would add rows the belief-store benchmarks count (the forecasting benchmarks measure them).
    extraEnv.FLEXMEASURES_FORECASTING_ON_NEW_DATA = 'false';
    const env = (port) => apiEnvironment(dataDir, port, extraEnv);
    const started = performance.now();
    await runCli(['db', 'upgrade'], env(0));
    await addUserWithCli(env(0), BENCH_ADMIN);
    const platform = { kind, label, dataDir, database, env, libConfig, marketId: 0, ownerId: 0, api: null, baseUrl: null, token: null };
    await withLibDatabase(libConfig, async (db) => {
      const { assets } = libraries();
      await assets.addStructure(db.dataSource);
      const [market] = await db.dataSource.query('SELECT id FROM market WHERE name = $1', [assets.DEFAULT_MARKET.name]);
      const [owner] = await db.dataSource.query('SELECT id FROM fm_user WHERE email = $1', [BENCH_ADMIN.email]);
      if (!market || !owner) throw new Error(`${label}: no ${assets.DEFAULT_MARKET.name} market or no admin after setup`);
      platform.marketId = Number(market.id);
      platform.ownerId = Number(owner.id);
      const where = kind === 'postgres' ? `database ${database.name} on ${redact(serverUrl)}` : `DATA_DIR ${dataDir}`;
      console.error(`  ${label}: schema, admin and structure in ${((performance.now() - started) / 1000).toFixed(1)} s (${where})`);
      if (onDatabase) await onDatabase(db, platform);
    });
    return platform;
  } catch (error) {
    await database?.drop().catch(() => undefined);
    removeDir(dataDir);
    throw error;
  }
}

/** Starts the api on the platform and gets a token for the admin. */
export async function startPlatformApi(platform) {
  if (platform.api) throw new Error(`${platform.label}: the api is already running`);
  const port = await findFreePort();
  const { api, baseUrl } = await startApi(platform.env(port), port);
  platform.api = api;
  platform.baseUrl = baseUrl;
  const { token } = await requestAuthToken(baseUrl, BENCH_ADMIN);
  platform.token = token;
}

/** Stops the api (SIGTERM, exit code 0). */
export async function stopPlatformApi(platform) {
  const api = platform.api;
  if (!api) return;
  platform.api = null;
  await stopApiProcess(api);
}

/** Stops the api, drops the database (PostgreSQL) and removes DATA_DIR. */
export async function disposePlatform(platform) {
  if (!platform) return;
  const errors = [];
  try {
    await stopPlatformApi(platform);
  } catch (error) {
    errors.push(error);
  }
  try {
    await platform.database?.drop();
  } catch (error) {
    errors.push(error);
  }
  removeDir(platform.dataDir);
  if (errors.length > 0) throw errors[0];
}

/** `ea1.2021-01.io.flexmeasures:<owner>:<asset>` (the default naming authority, valid for any Host). */
export const connectionAddress = (ownerId, assetId) => `ea1.2021-01.io.flexmeasures:${ownerId}:${assetId}`;

/** The fields of a battery (both signs allowed) of the admin, in MW, as POST /api/v2_0/assets takes them. */
function batteryFields(platform, name, resolutionMinutes) {
  return {
    name,
    asset_type: 'battery',
    unit: 'MW',
    owner: platform.ownerId,
    market: platform.marketId,
    event_resolution: resolutionMinutes,
    capacity_in_mw: 2,
    latitude: 52.37,
    longitude: 4.89,
    min_soc_in_mwh: 0,
    max_soc_in_mwh: 4,
  };
}

/** POST /api/v2_0/assets as the admin: a battery with the given resolution; resolves with its id. */
export async function createBatteryAsset(platform, name, resolutionMinutes = 15) {
  const body = batteryFields(platform, name, resolutionMinutes);
  const response = await fetch(`${platform.baseUrl}/api/v2_0/assets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', Authorization: platform.token },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 201 && response.status !== 200) throw new Error(`POST /api/v2_0/assets answered ${response.status}: ${text.slice(0, 500)}`);
  const id = JSON.parse(text)?.id;
  if (!Number.isInteger(id)) throw new Error(`POST /api/v2_0/assets answered without an id: ${text.slice(0, 500)}`);
  return id;
}

/** Milliseconds of `total;dur=…` in a Server-Timing header (NaN when absent). */
export function serverTimingMs(response) {
  const header = response.headers.get('server-timing') ?? '';
  const match = header.match(/total;dur=([\d.]+)/);
  return match ? Number(match[1]) : Number.NaN;
}

/**
 * The same battery through AssetsService.create of the built assets library
 * (what POST /api/v2_0/assets calls), for when the api cannot run (PGlite is
 * opened by one process at a time); resolves with its id.
 */
export async function createBatteryAssetWithLibrary(db, platform, name, resolutionMinutes = 15) {
  const { assets } = libraries();
  const record = await new assets.AssetsService(db.dataSource).create(batteryFields(platform, name, resolutionMinutes));
  if (!Number.isInteger(record?.id)) throw new Error(`AssetsService.create gave no id: ${JSON.stringify(record)}`);
  return record.id;
}

// Shared by the scheduling benchmarks (benchmarks/scheduling-*.bench.mjs): the
// storage problems of the solve benchmark, Redis (probe, a unique queue prefix,
// removing its keys), platforms with batteries and prices for the end-to-end
// benchmarks, the seed's flow over HTTP (postPriceData → postUdiEvent →
// getDeviceMessage) and separate worker processes (the built apps/worker).

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  connectPg,
  createBatteryAssetWithLibrary,
  disposePlatform,
  preparePlatform,
  probePostgres,
  startPlatformApi,
} from './beliefs-support.mjs';
import { onCleanUp, REPO_ROOT, startNodeProcess } from './support.mjs';

const require = createRequire(import.meta.url);

export const WORKER = 'apps/worker/dist/main.js';
const WORKER_READY_TIMEOUT_MS = 60_000;
const PROBE_TIMEOUT_MS = 3000;

/** The default naming authority (valid for any Host). */
export const AUTHORITY = 'ea1.2021-01.io.flexmeasures';
/** UDI datetime of every event: the start of every schedule. */
export const SCHEDULE_START = '2015-01-01T00:00:00+00:00';
const SCHEDULE_START_MS = Date.UTC(2015, 0, 1);

/** The battery of the benchmarks: 2 MW, SOC 0–4 MWh, 15-minute resolution, efficiencies 0.95 both ways. */
export const BATTERY = Object.freeze({ capacityMw: 2, socMinMwh: 0, socMaxMwh: 4, efficiency: 0.95, socStartMwh: 1, targetMwh: 3 });

// ---------------------------------------------------------------------------
// Numbers.

/** Nearest-rank percentile (p in (0, 100]): with 10 values p95 is the largest. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A small deterministic generator (LCG), so every run solves the same problems. */
function generator(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    return s / 4_294_967_296;
  };
}

/**
 * A price in EUR/MWh at hour-of-day h: a daily shape (cheap night, morning and
 * evening peaks) plus noise of ±10; dips just below zero now and then.
 */
function price(h, random) {
  const shape = 50 + 30 * Math.sin(((h - 9) / 24) * 2 * Math.PI) + 15 * Math.sin(((h - 3) / 12) * 2 * Math.PI);
  return Math.round((shape + (random() - 0.5) * 20) * 100) / 100;
}

/**
 * The storage problem of the solve benchmark: BATTERY over `days` days of
 * 15-minute slots, prices with a daily shape and noise, a SOC target of 3 MWh
 * at the end of the first day (or of the horizon when shorter).
 */
export function storageProblem(days, seed = 42) {
  const random = generator(seed);
  const slots = Math.round(days * 96);
  const prices = Array.from({ length: slots }, (_, i) => price((i % 96) / 4, random));
  return {
    deviceType: 'battery',
    slots,
    resolutionHours: 0.25,
    prices,
    capacityMw: BATTERY.capacityMw,
    socStartMwh: BATTERY.socStartMwh,
    socMinMwh: BATTERY.socMinMwh,
    socMaxMwh: BATTERY.socMaxMwh,
    targets: [{ slot: Math.min(slots, 96) - 1, socMwh: BATTERY.targetMwh }],
    chargingEfficiency: BATTERY.efficiency,
    dischargingEfficiency: BATTERY.efficiency,
    slotStartMs: SCHEDULE_START_MS,
  };
}

/** Hourly prices (the epex_da market's resolution) for `hours` hours from SCHEDULE_START. */
export function hourlyPrices(hours, seed = 7) {
  const random = generator(seed);
  return Array.from({ length: hours }, (_, h) => price(h % 24, random));
}

export function solversLibrary() {
  const file = path.join(REPO_ROOT, 'libs', 'solvers', 'dist', 'index.js');
  if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing; build with npx tsc -b tsconfig.build.json`);
  return require(file);
}

// ---------------------------------------------------------------------------
// Redis.

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379/0';

/** Is Redis reachable (BENCH_REDIS_URL, else DEFAULT_REDIS_URL)? Never throws. */
export async function probeRedis() {
  const url = process.env.BENCH_REDIS_URL || DEFAULT_REDIS_URL;
  const Redis = require('ioredis');
  const client = new Redis(url, { lazyConnect: true, connectTimeout: PROBE_TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const info = await client.info('server');
    const version = info.match(/redis_version:(\S+)/)?.[1] ?? '?';
    return { url, version };
  } catch (error) {
    return { url, skipped: `Redis at ${url} is not reachable: ${error?.message || String(error)}` };
  } finally {
    client.disconnect();
  }
}

/** PostgreSQL and Redis both, or why not: { postgres, redis, skipped? }. */
export async function probePostgresAndRedis() {
  const [postgres, redis] = await Promise.all([probePostgres(), probeRedis()]);
  const skipped = [postgres.skipped, redis.skipped].filter(Boolean).join('; ');
  return { postgres, redis, ...(skipped ? { skipped } : {}) };
}

const DELETE_KEYS_SCRIPT = `
  const Redis = require('ioredis');
  const [url, prefix] = process.argv.slice(1);
  (async () => {
    const client = new Redis(url, { maxRetriesPerRequest: 1 });
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', prefix + ':*', 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== '0');
    await client.quit();
  })().catch(() => process.exit(1));`;

/**
 * A unique FLEXMEASURES_QUEUE_PREFIX; remove() deletes every Redis key under it
 * (also run on Ctrl-C, from a child process).
 */
export function uniqueQueuePrefix(redisUrl, label) {
  const prefix = `fm-bench-${label}-${randomBytes(4).toString('hex')}`;
  const run = () => spawnSync(process.execPath, ['-e', DELETE_KEYS_SCRIPT, redisUrl, prefix], { cwd: REPO_ROOT, stdio: 'ignore', timeout: 20_000 });
  const unregister = onCleanUp(run);
  return {
    prefix,
    remove: async () => {
      const Redis = require('ioredis');
      const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
      client.on('error', () => undefined);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length > 0) await client.del(...keys);
        } while (cursor !== '0');
      } finally {
        client.disconnect();
      }
      unregister();
    },
  };
}

// ---------------------------------------------------------------------------
// Platforms.

/**
 * preparePlatform (schema, admin, structure) plus `batteries` batteries of the
 * admin on epex_da with BATTERY's limits and efficiencies (set in the same
 * library session: PGlite admits one process at a time); then starts the api
 * with extraEnv (e.g. REDIS_URL) and posts `priceHours` hourly prices.
 */
export async function prepareSchedulingPlatform({ kind, serverUrl, prefix, label, batteries, extraEnv = {}, priceHours = 72 }) {
  const assetIds = [];
  const platform = await preparePlatform({
    kind,
    serverUrl,
    prefix,
    label,
    onDatabase: async (db, p) => {
      for (let i = 1; i <= batteries; i++) {
        const id = await createBatteryAssetWithLibrary(db, p, `bench-schedule-${i}`, 15);
        await db.dataSource.query(
          'UPDATE asset SET capacity_in_mw = $2, min_soc_in_mwh = $3, max_soc_in_mwh = $4, charging_efficiency = $5, discharging_efficiency = $5 WHERE id = $1',
          [id, BATTERY.capacityMw, BATTERY.socMinMwh, BATTERY.socMaxMwh, BATTERY.efficiency],
        );
        assetIds.push(id);
      }
    },
  });
  platform.assetIds = assetIds;
  platform.nextEventId = new Map(assetIds.map((id) => [id, 1]));
  const baseEnv = platform.env;
  platform.env = (port) => ({ ...baseEnv(port), ...extraEnv });
  await startPlatformApi(platform);
  await postPrices(platform, priceHours);
  return platform;
}

async function send(platform, method, pathAndQuery, body) {
  const response = await fetch(`${platform.baseUrl}${pathAndQuery}`, {
    method,
    headers: { 'content-type': 'application/json', Authorization: platform.token },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

export async function postPrices(platform, hours) {
  const answer = await send(platform, 'POST', '/api/v2_0/postPriceData', {
    type: 'PostPriceDataRequest',
    market: `${AUTHORITY}:epex_da`,
    values: hourlyPrices(hours),
    start: SCHEDULE_START,
    duration: `PT${hours}H`,
    unit: 'EUR/MWh',
  });
  if (answer.status !== 200) throw new Error(`postPriceData answered ${answer.status}: ${answer.text.slice(0, 500)}`);
}

/**
 * POST /api/v2_0/postUdiEvent for asset (the next event id of that asset):
 * SOC 1 MWh at SCHEDULE_START, a target of 3 MWh 24 h later. Resolves with the
 * event address for getDeviceMessage (without the type).
 */
export async function postUdiEvent(platform, assetId) {
  const eventId = platform.nextEventId.get(assetId);
  platform.nextEventId.set(assetId, eventId + 1);
  const event = `${AUTHORITY}:${platform.ownerId}:${assetId}:${eventId}`;
  const answer = await send(platform, 'POST', '/api/v2_0/postUdiEvent', {
    type: 'PostUdiEventRequest',
    event: `${event}:soc-with-targets`,
    value: BATTERY.socStartMwh,
    unit: 'MWh',
    datetime: SCHEDULE_START,
    targets: [{ value: BATTERY.targetMwh, datetime: '2015-01-02T00:00:00+00:00' }],
  });
  if (answer.status !== 200) throw new Error(`postUdiEvent answered ${answer.status}: ${answer.text.slice(0, 500)}`);
  return event;
}

/** GET /api/v2_0/getDeviceMessage for the 2-day schedule; { status, json }. */
export function getDeviceMessage(platform, event, duration = 'PT48H') {
  const query = new URLSearchParams({ type: 'GetDeviceMessageRequest', event, duration });
  return send(platform, 'GET', `/api/v2_0/getDeviceMessage?${query}`);
}

/**
 * Polls getDeviceMessage every pollMs until it answers 200 (then checks the
 * 192 values) and resolves; throws on any answer other than UNKNOWN_SCHEDULE
 * (e.g. a failed job) or after timeoutMs.
 */
export async function waitForSchedule(platform, event, { pollMs = 10, timeoutMs = 60_000 } = {}) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const answer = await getDeviceMessage(platform, event);
    if (answer.status === 200) {
      const values = answer.json?.values;
      if (!Array.isArray(values) || values.length !== 192) throw new Error(`getDeviceMessage answered 200 without 192 values: ${answer.text.slice(0, 300)}`);
      return values;
    }
    if (answer.json?.status !== 'UNKNOWN_SCHEDULE') throw new Error(`getDeviceMessage for ${event} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
    if (performance.now() > deadline) throw new Error(`no schedule for ${event} within ${timeoutMs} ms; last answer: ${answer.text.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Starts a worker process (scheduling queue only) with the platform's environment and waits for "worker ready". */
export async function startWorker(platform, extraEnv = {}) {
  if (!fs.existsSync(path.join(REPO_ROOT, WORKER))) throw new Error(`${WORKER} is missing; build the server apps first`);
  const worker = startNodeProcess(WORKER, {
    ...platform.env(0),
    LOGGING_LEVEL: 'info',
    FLEXMEASURES_WORKER_QUEUES: 'scheduling',
    ...extraEnv,
  });
  try {
    await worker.waitForOutput(/worker ready/, WORKER_READY_TIMEOUT_MS);
  } catch (error) {
    await worker.stop(5000);
    throw error;
  }
  return worker;
}

/** Stops workers with SIGTERM; throws unless each exits with code 0. */
export async function stopWorkers(workers) {
  const problems = [];
  for (const worker of workers) {
    const { code, signal, killed } = await worker.stop();
    if (code !== 0 || killed) problems.push(`worker ${worker.pid}: code ${code}, signal ${signal}${killed ? ' (killed)' : ''}; output ends with:\n${worker.tail()}`);
  }
  if (problems.length > 0) throw new Error(`a worker did not stop cleanly: ${problems.join('\n')}`);
}

/**
 * How many of the platform's UDI jobs have a stored schedule (beliefs of the
 * scheduler source at the job's belief time), and the failed ones.
 */
export async function scheduleProgress(client) {
  const { rows } = await client.query(
    `SELECT count(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM timed_belief b JOIN data_source s ON s.id = b.source_id
               WHERE b.sensor_id = j.asset_id AND b.belief_time = j.belief_time AND s.type = 'scheduling script'))::int AS done,
            count(*) FILTER (WHERE j.failure_status IS NOT NULL)::int AS failed,
            min(j.failure_message) FILTER (WHERE j.failure_status IS NOT NULL) AS failure
       FROM udi_event_job j`,
  );
  return rows[0];
}

/**
 * The teardown of a benchmark with worker processes: stops the workers, closes
 * `closers` (queue and database clients; their errors are ignored), disposes
 * the platforms and deletes the queue prefix's Redis keys. Every step runs even
 * after an earlier one failed; then the first error is thrown.
 */
export async function disposeWorkerBenchmark({ workers = [], closers = [], platforms = [], queuePrefix }) {
  const errors = [];
  const attempt = async (step) => {
    try {
      await step();
    } catch (error) {
      errors.push(error);
    }
  };
  await attempt(() => stopWorkers(workers.splice(0)));
  for (const close of closers) await Promise.resolve().then(close).catch(() => undefined);
  for (const platform of platforms) await attempt(() => disposePlatform(platform));
  await attempt(async () => queuePrefix?.remove());
  if (errors.length > 0) throw errors[0];
}

/**
 * The cases of a worker-throughput benchmark: one per worker count (1 is the
 * baseline), or a single case saying why when the services are missing.
 * @param {{ skipped?: string, label: string, emptyMetric: string, workerCounts: number[], caseName: (workers: number) => string,
 *           measure: (state: object, workers: number, name: string, warmup: boolean) => Promise<object> }} options
 */
export function workerCountCases({ skipped, label, emptyMetric, workerCounts, caseName, measure }) {
  if (skipped) {
    return [
      {
        name: `skipped: ${skipped}`,
        measure: async () => {
          console.error(`  ${label} skipped: ${skipped}`);
          return { [emptyMetric]: 0 };
        },
      },
    ];
  }
  return workerCounts.map((workers) => ({
    name: caseName(workers),
    ...(workers === 1 ? { baseline: true } : {}),
    measure: ({ state, warmup }) => measure(state, workers, caseName(workers), warmup),
  }));
}

export { connectPg };

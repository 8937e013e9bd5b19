// Scheduling end-to-end latency: postUdiEvent (v2_0, soc-with-targets) → the
// 2-day schedule available (getDeviceMessage polled every 10 ms until it
// answers 200), one event at a time, over HTTP on a warm api:
//   (a) Bull on Redis + one separate worker process (the built apps/worker) on PostgreSQL;
//   (b) the embedded default: PGlite, jobs in-process in the api.
// Case (a) is skipped without PostgreSQL or Redis; (b) always runs.
//
// npm run bench -- scheduling   (every scheduling benchmark)
// npm run bench -- latency

import { defineBenchmark } from '../harness.mjs';
import { disposePlatform, median, redact } from '../beliefs-support.mjs';
import {
  percentile,
  postUdiEvent,
  prepareSchedulingPlatform,
  probePostgresAndRedis,
  startWorker,
  stopWorkers,
  uniqueQueuePrefix,
  waitForSchedule,
} from '../scheduling-support.mjs';

const SERVICES = await probePostgresAndRedis();
const EVENTS = 10;
const POLL_MS = 10;
const TARGET_P50_MS = 250;

const BULL = 'Bull + 1 worker process (PostgreSQL, Redis)';
const EMBEDDED = 'embedded default (PGlite, in-process jobs)';
const SKIPPED_BULL = `skipped: Bull + worker (${SERVICES.skipped})`;

async function setup() {
  const state = { platforms: {}, workers: [], queuePrefix: undefined, samples: new Map() };
  try {
    if (!SERVICES.skipped) {
      state.queuePrefix = uniqueQueuePrefix(SERVICES.redis.url, 'latency');
      const platform = await prepareSchedulingPlatform({
        kind: 'postgres',
        serverUrl: SERVICES.postgres.url,
        prefix: 'fm_bench_sched_latency',
        label: `PostgreSQL ${SERVICES.postgres.version}, Redis ${SERVICES.redis.version}`,
        batteries: 1,
        extraEnv: { REDIS_URL: SERVICES.redis.url, FLEXMEASURES_QUEUE_PREFIX: state.queuePrefix.prefix },
      });
      state.platforms.bull = platform;
      state.workers.push(await startWorker(platform));
      console.error(`  ${BULL}: api and worker ready; queue prefix ${state.queuePrefix.prefix} on ${redact(SERVICES.redis.url)}`);
    } else {
      console.error(`  ${SKIPPED_BULL}`);
    }
    state.platforms.embedded = await prepareSchedulingPlatform({ kind: 'embedded', prefix: 'fm_bench_sched_latency', label: EMBEDDED, batteries: 1 });
    console.error(`  ${EMBEDDED}: api ready`);
  } catch (error) {
    await teardown(state).catch(() => undefined);
    throw error;
  }
  return state;
}

/** One run: EVENTS events one after the other on the platform's battery; p50 and p95 of their latencies. */
async function measure(state, key, caseName, warmup) {
  const platform = state.platforms[key];
  const asset = platform.assetIds[0];
  const latencies = [];
  const posts = [];
  for (let i = 0; i < EVENTS; i++) {
    const started = performance.now();
    const event = await postUdiEvent(platform, asset);
    posts.push(performance.now() - started);
    await waitForSchedule(platform, event, { pollMs: POLL_MS });
    latencies.push(performance.now() - started);
  }
  if (!warmup) {
    if (!state.samples.has(caseName)) state.samples.set(caseName, []);
    state.samples.get(caseName).push(...latencies);
  }
  return { p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95), postMs: median(posts) };
}

async function teardown(state) {
  if (!state) return;
  if (state.samples.size > 0) {
    console.error(`  scheduling latency summary (postUdiEvent → getDeviceMessage 200, 2-day horizon; target p50 ≤ ${TARGET_P50_MS} ms):`);
    for (const [name, all] of state.samples) {
      const p50 = percentile(all, 50);
      const verdict = p50 <= TARGET_P50_MS ? `✓ ≤ ${TARGET_P50_MS} ms` : `✗ above the ${TARGET_P50_MS} ms target`;
      console.error(`    ${name}: ${all.length} events, p50 ${p50.toFixed(0)} ms, p95 ${percentile(all, 95).toFixed(0)} ms, max ${Math.max(...all).toFixed(0)} ms ${verdict}`);
    }
  }
  const errors = [];
  try {
    await stopWorkers(state.workers);
  } catch (error) {
    errors.push(error);
  }
  for (const platform of Object.values(state.platforms)) {
    try {
      await disposePlatform(platform);
    } catch (error) {
      errors.push(error);
    }
  }
  try {
    await state.queuePrefix?.remove();
  } catch (error) {
    errors.push(error);
  }
  if (errors.length > 0) throw errors[0];
}

const cases = [
  SERVICES.skipped
    ? { name: SKIPPED_BULL, measure: async () => ({ p50Ms: 0 }) }
    : { name: BULL, measure: ({ state, warmup }) => measure(state, 'bull', BULL, warmup) },
  { name: EMBEDDED, measure: ({ state, warmup }) => measure(state, 'embedded', EMBEDDED, warmup) },
];

export default defineBenchmark({
  name: 'scheduling end-to-end latency',
  description:
    `postUdiEvent (v2_0, soc-with-targets: SOC 1 MWh, target 3 MWh 24 h later) → getDeviceMessage (PT48H) answers 200 with the 192 values of ` +
    `the 2-day schedule, polled every ${POLL_MS} ms; one battery (2 MW, 0–4 MWh, 15-minute resolution, efficiencies 0.95) with hourly epex_da ` +
    `prices; ${EVENTS} events one after the other per run. p50Ms / p95Ms = nearest-rank percentiles of the run's ${EVENTS} latencies (p95 of 10 ` +
    'is the largest); postMs = median time of postUdiEvent alone. Cases: Bull on Redis (unique FLEXMEASURES_QUEUE_PREFIX, its keys removed ' +
    'afterwards) with one separate worker process (apps/worker/dist, FLEXMEASURES_WORKER_QUEUES=scheduling, concurrency 1) on PostgreSQL ' +
    '(BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; its own database, dropped afterwards; Redis from BENCH_REDIS_URL, ' +
    `default redis://127.0.0.1:6379/0), and the embedded default (PGlite, jobs in the api process). Target: p50 ≤ ${TARGET_P50_MS} ms.`,
  metrics: { p50Ms: 'ms', p95Ms: 'ms', postMs: 'ms' },
  runs: 2,
  warmup: 1,
  setup,
  teardown,
  cases,
});

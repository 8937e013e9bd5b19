// Scheduling throughput: schedules per second with Bull on Redis and separate
// worker processes (the built apps/worker, concurrency 1 each) on PostgreSQL,
// 1 worker (baseline) and 2 workers, plus the workers' resident memory. Each
// run queues 40 UDI events (v2_0, soc-with-targets, 2-day horizon) on 8
// batteries while the Bull queue is paused, resumes it and measures until
// every schedule is stored (the drain rate), then posts 40 more to the running
// workers and measures from the first post (posting included). getDeviceMessage
// must answer 200 for every event. Skipped without PostgreSQL or Redis.
//
// npm run bench -- scheduling   (every scheduling benchmark)
// npm run bench -- throughput

import { createRequire } from 'node:module';
import { defineBenchmark } from '../harness.mjs';
import { median, redact } from '../beliefs-support.mjs';
import { readRssMb } from '../support.mjs';
import {
  connectPg,
  disposeWorkerBenchmark,
  getDeviceMessage,
  postUdiEvent,
  prepareSchedulingPlatform,
  probePostgresAndRedis,
  scheduleProgress,
  startWorker,
  stopWorkers,
  uniqueQueuePrefix,
  workerCountCases,
} from '../scheduling-support.mjs';

const require = createRequire(import.meta.url);
const SERVICES = await probePostgresAndRedis();
const EVENTS = 40;
const BATTERIES = 8;
const CLIENTS = 4;
const POLL_MS = 20;
const RUN_TIMEOUT_MS = 90_000;
const TARGET_PER_S = 8;

const WORKER_COUNTS = [1, 2];
const caseName = (workers) => `${workers} worker process${workers > 1 ? 'es' : ''}, ${EVENTS} events on ${BATTERIES} batteries`;

async function setup() {
  const state = { platform: undefined, workers: [], admin: undefined, bull: undefined, queuePrefix: undefined, samples: new Map(), rss: new Map() };
  try {
    state.queuePrefix = uniqueQueuePrefix(SERVICES.redis.url, 'throughput');
    state.platform = await prepareSchedulingPlatform({
      kind: 'postgres',
      serverUrl: SERVICES.postgres.url,
      prefix: 'fm_bench_sched_throughput',
      label: `PostgreSQL ${SERVICES.postgres.version}, Redis ${SERVICES.redis.version}`,
      batteries: BATTERIES,
      extraEnv: { REDIS_URL: SERVICES.redis.url, FLEXMEASURES_QUEUE_PREFIX: state.queuePrefix.prefix },
    });
    state.admin = await connectPg(state.platform.database.url);
    // The api's and workers' queue (libs/jobs BullJobQueue: queue 'scheduling' under the prefix), to pause and resume it.
    const Bull = require('bull');
    state.bull = new Bull('scheduling', SERVICES.redis.url, { prefix: state.queuePrefix.prefix });
    state.bull.on('error', () => undefined);
    await state.bull.isReady();
    console.error(`  api ready; queue prefix ${state.queuePrefix.prefix} on ${redact(SERVICES.redis.url)}`);
  } catch (error) {
    await teardown(state).catch(() => undefined);
    throw error;
  }
  return state;
}

/** Starts or stops workers until `count` run. */
async function useWorkers(state, count) {
  while (state.workers.length > count) await stopWorkers([state.workers.pop()]);
  while (state.workers.length < count) state.workers.push(await startWorker(state.platform));
}

/**
 * Posts EVENTS events spread over the batteries with CLIENTS concurrent
 * clients (client c for batteries c, c + CLIENTS, …, so a battery's events go
 * out one after the other, in event id order: an id arriving after a higher
 * one would be refused as OUTDATED_UDI_EVENT). Resolves with the event addresses.
 */
async function postEvents(platform) {
  const perClient = Array.from({ length: CLIENTS }, (_, c) => platform.assetIds.filter((_, b) => b % CLIENTS === c));
  const rounds = EVENTS / BATTERIES;
  const events = [];
  await Promise.all(
    perClient.map(async (assets) => {
      for (let round = 0; round < rounds; round++) {
        for (const asset of assets) events.push(await postUdiEvent(platform, asset));
      }
    }),
  );
  return events;
}

/** Counts stored schedules (a database query every POLL_MS) until `before + EVENTS`; samples the workers' RSS meanwhile. */
async function untilStored(state, before, events, started, peakRss) {
  for (;;) {
    const progress = await scheduleProgress(state.admin);
    state.workers.forEach((worker, i) => (peakRss[i] = Math.max(peakRss[i], readRssMb(worker.pid))));
    if (progress.done - before >= EVENTS) return performance.now();
    if (performance.now() - started > RUN_TIMEOUT_MS) {
      const answers = await Promise.all(events.slice(-3).map((event) => getDeviceMessage(state.platform, event)));
      throw new Error(
        `${progress.done - before} of ${EVENTS} schedules stored after ${RUN_TIMEOUT_MS} ms; the last events answer: ` +
          answers.map((a) => `${a.status} ${a.text.slice(0, 200)}`).join(' | '),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Every schedule is also what getDeviceMessage answers (checked outside the clock). */
async function checkAnswers(platform, events) {
  for (const event of events) {
    const answer = await getDeviceMessage(platform, event);
    if (answer.status !== 200 || answer.json?.values?.length !== 192) throw new Error(`getDeviceMessage for ${event} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  }
}

/**
 * One run, two batches of EVENTS events:
 * 1. queued: the Bull queue is paused (globally, so the workers take nothing),
 *    the events are posted, the queue is resumed; schedulesPerS = EVENTS /
 *    (resume → last schedule stored): what the workers drain.
 * 2. live: the events are posted to the running workers; endToEndPerS =
 *    EVENTS / (first post → last schedule stored), posting included.
 */
async function measure(state, workers, name, warmup) {
  await useWorkers(state, workers);
  const { platform, admin, bull } = state;
  const peakRss = state.workers.map(() => 0);

  await bull.pause();
  let before = (await scheduleProgress(admin)).done;
  let events;
  try {
    events = await postEvents(platform);
  } finally {
    await bull.resume();
  }
  const resumed = performance.now();
  const drained = await untilStored(state, before, events, resumed, peakRss);
  await checkAnswers(platform, events);

  before = (await scheduleProgress(admin)).done;
  const started = performance.now();
  events = await postEvents(platform);
  const postedMs = performance.now() - started;
  const done = await untilStored(state, before, events, started, peakRss);
  await checkAnswers(platform, events);

  const values = {
    schedulesPerS: EVENTS / ((drained - resumed) / 1000),
    endToEndPerS: EVENTS / ((done - started) / 1000),
    postMs: postedMs / EVENTS,
    workerRssMb: Math.max(...peakRss),
  };
  if (!warmup) {
    if (!state.samples.has(name)) state.samples.set(name, []);
    state.samples.get(name).push(values);
  }
  return values;
}

async function teardown(state) {
  if (!state) return;
  if (state.samples.size > 0) {
    console.error(`  scheduling throughput summary (medians; target ≥ ${TARGET_PER_S} schedules/s with 2 workers):`);
    for (const [name, runs] of state.samples) {
      const rate = median(runs.map((r) => r.schedulesPerS));
      const live = median(runs.map((r) => r.endToEndPerS));
      const verdict = name.startsWith('2 ') ? (rate >= TARGET_PER_S ? ` ✓ ≥ ${TARGET_PER_S}/s` : ` ✗ below the ${TARGET_PER_S}/s target`) : '';
      console.error(`    ${name}: queued ${rate.toFixed(2)} schedules/s, live (posting included) ${live.toFixed(2)}/s, peak worker RSS ${median(runs.map((r) => r.workerRssMb)).toFixed(0)} MB${verdict}`);
    }
  }
  await disposeWorkerBenchmark({
    workers: state.workers,
    closers: [() => state.admin?.end(), () => state.bull?.close()],
    platforms: [state.platform].filter(Boolean),
    queuePrefix: state.queuePrefix,
  });
}

export default defineBenchmark({
  name: 'scheduling throughput (Bull workers)',
  description:
    `${EVENTS} UDI events (postUdiEvent v2_0, soc-with-targets, SOC 1 MWh, target 3 MWh 24 h later, 2-day horizon), ${EVENTS / BATTERIES} on each of ` +
    `${BATTERIES} batteries (2 MW, 0–4 MWh, 15-minute resolution, efficiencies 0.95; hourly epex_da prices), posted by ${CLIENTS} concurrent ` +
    'clients (each for its own batteries, a battery\'s events in id order), processed by separate worker processes (apps/worker/dist, FLEXMEASURES_WORKER_QUEUES=scheduling, concurrency 1 each) from ' +
    'Bull on Redis (unique FLEXMEASURES_QUEUE_PREFIX, keys removed afterwards) on PostgreSQL (own database, dropped afterwards). ' +
    `Each run has two batches of ${EVENTS} events. Queued: the Bull queue is paused globally, the events are posted, the queue is resumed; ` +
    `schedulesPerS = ${EVENTS} / (resume → last schedule stored), the rate the workers drain a queue. Live: the events are posted to the running ` +
    `workers; endToEndPerS = ${EVENTS} / (first post → last schedule stored), posting included. Stored schedules are counted every ${POLL_MS} ms ` +
    '(udi_event_job rows whose scheduler beliefs exist); after each batch every event\'s getDeviceMessage must answer 200 with 192 values. ' +
    `postMs = wall time of posting the live batch / ${EVENTS} (${CLIENTS} clients in parallel); workerRssMb = the largest worker RSS seen ` +
    'during the run. The 1-worker case is the baseline. ' +
    `Target: ≥ ${TARGET_PER_S} schedules/s (queued) with 2 workers.`,
  metrics: { schedulesPerS: 'schedules/s', endToEndPerS: 'schedules/s', postMs: 'ms', workerRssMb: 'MB' },
  runs: 3,
  warmup: 1,
  setup: SERVICES.skipped ? undefined : setup,
  teardown: SERVICES.skipped ? undefined : teardown,
  cases: workerCountCases({ skipped: SERVICES.skipped, label: 'scheduling throughput', emptyMetric: 'schedulesPerS', workerCounts: WORKER_COUNTS, caseName, measure }),
});

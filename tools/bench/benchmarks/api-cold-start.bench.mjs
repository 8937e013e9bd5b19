// How long the api takes from `node apps/api/dist/main.js` to answering
// GET /api/health, and how much memory it holds then, in the embedded default
// (PGlite in DATA_DIR, in-process jobs), next to a bare Node HTTP server.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defineBenchmark } from '../harness.mjs';
import { makeTempDir, readRssMb, removeDir, REPO_ROOT, startNodeProcess, waitForHttp200 } from '../support.mjs';

const API = 'apps/api/dist/main.js';
const BARE = 'tools/bench/fixtures/bare-http-server.mjs';
// The api logs `... open http://HOST:PORT/ (API docs at /api/docs)` once listening (in a JSON line).
const LISTENING = /open (http:\/\/[^/\s"]+)\//;
const READY_TIMEOUT_MS = 60_000;

function environment(dataDir) {
  const env = { PORT: '0', LOGGING_LEVEL: 'info', PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir() };
  return dataDir ? { ...env, DATA_DIR: dataDir } : env;
}

/**
 * Starts script, times it until GET /api/health answers 200, reads its RSS,
 * then stops it with SIGTERM and insists on a clean exit (code 0).
 */
async function coldStart(script, dataDir) {
  const started = performance.now();
  const server = startNodeProcess(script, environment(dataDir));
  let measured;
  try {
    const [, baseUrl] = await server.waitForOutput(LISTENING, READY_TIMEOUT_MS);
    await waitForHttp200(`${baseUrl}/api/health`, started + READY_TIMEOUT_MS);
    const startMs = performance.now() - started;
    measured = { startMs, rssMb: readRssMb(server.pid) };
  } finally {
    // Also on failure: no process outlives its run.
    const { code, signal, killed } = await server.stop();
    if (measured && (code !== 0 || killed)) {
      throw new Error(
        `${script} did not stop cleanly after SIGTERM (code ${code}, signal ${signal}${killed ? ', killed after 30 s' : ''}); ` +
          `output ends with:\n${server.tail()}`,
      );
    }
  }
  return measured;
}

export default defineBenchmark({
  name: 'api cold start (embedded default)',
  description:
    'api cold start in the embedded default (PGlite in DATA_DIR, in-process jobs): ms from spawning ' +
    '`node apps/api/dist/main.js` until GET /api/health answers 200, and the RSS of the process then; ' +
    'compared with a bare Node HTTP server.',
  metrics: { startMs: 'ms', rssMb: 'MB' },
  runs: 5,
  warmup: 0, // a cold start is the point
  setup() {
    if (!fs.existsSync(path.join(REPO_ROOT, API))) throw new Error(`${API} is missing; build the server apps first`);
    // One start and stop leaves a DATA_DIR with an initialised, migrated database for the restarts.
    const existingDataDir = makeTempDir('fm-bench-restart-');
    return coldStart(API, existingDataDir).then(
      () => ({ existingDataDir }),
      (error) => {
        removeDir(existingDataDir);
        throw new Error(`preparing the database for the restarts: ${error.message}`, { cause: error });
      },
    );
  },
  teardown(state) {
    if (state?.existingDataDir) removeDir(state.existingDataDir);
  },
  cases: [
    {
      name: 'bare node process',
      baseline: true,
      measure: () => coldStart(BARE),
    },
    {
      name: 'first start (creates the database)',
      async measure() {
        const dataDir = makeTempDir('fm-bench-first-');
        try {
          return await coldStart(API, dataDir);
        } finally {
          removeDir(dataDir);
        }
      },
    },
    {
      name: 'restart (existing database)',
      measure: ({ state }) => coldStart(API, state.existingDataDir),
    },
  ],
});

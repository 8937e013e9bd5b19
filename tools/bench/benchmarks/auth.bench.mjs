// What authentication costs per request on a warm api (embedded default:
// PGlite in DATA_DIR, in-process jobs): GET /api/whoami with a token next to
// the public GET /api/health, both as batches of sequential keep-alive requests.
// The token request itself (bcrypt) is benchmarked in auth-token.bench.mjs.

import { defineBenchmark } from '../harness.mjs';
import { get200, mean, p95, PASSWORD_HASH_COST, startApiWithUser, stopApi, timeSequential } from '../api-with-user.mjs';

const REQUESTS = 200;

/** One run: REQUESTS sequential GETs of path; their mean and 95th percentile latency. */
async function batch(state, path, headers) {
  const durations = await timeSequential(REQUESTS, () => get200(`${state.baseUrl}${path}`, headers));
  return { perRequestMs: mean(durations), p95Ms: p95(durations) };
}

export default defineBenchmark({
  name: 'authentication',
  description:
    `authenticated vs public requests on one warm api process (embedded default; SECURITY_PASSWORD_HASH_COST=${PASSWORD_HASH_COST}, ` +
    'the production default; LOGGING_LEVEL=warn, so no request log lines): each run sends ' +
    `${REQUESTS} sequential keep-alive GETs and reports their mean (perRequestMs) and 95th percentile (p95Ms) latency ` +
    'in ms, client side; GET /api/whoami carries the token in the Authorization header (signature check and a user lookup).',
  metrics: { perRequestMs: 'ms', p95Ms: 'ms' },
  runs: 7,
  warmup: 1,
  setup: () => startApiWithUser('fm-bench-auth-'),
  teardown: stopApi,
  cases: [
    {
      name: 'public GET /api/health',
      baseline: true,
      measure: ({ state }) => batch(state, '/api/health'),
    },
    {
      name: 'authenticated GET /api/whoami',
      measure: ({ state }) => batch(state, '/api/whoami', { Authorization: state.token }),
    },
  ],
});

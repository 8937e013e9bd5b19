// How long POST /api/requestAuthToken takes on a warm api (embedded default):
// dominated by checking the password against its bcrypt hash at the production
// cost factor. A benchmark of its own, without a baseline: comparing it with a
// GET (auth.bench.mjs) would only restate the bcrypt cost.

import { defineBenchmark } from '../harness.mjs';
import { mean, PASSWORD_HASH_COST, requestAuthToken, startApiWithUser, stopApi, timeSequential } from '../api-with-user.mjs';

const REQUESTS = 10;

export default defineBenchmark({
  name: `auth token request (bcrypt cost ${PASSWORD_HASH_COST})`,
  description:
    `POST /api/requestAuthToken {email, password} on one warm api process (embedded default; ` +
    `SECURITY_PASSWORD_HASH_COST=${PASSWORD_HASH_COST}, the production default; login rate limits lifted): each run sends ` +
    `${REQUESTS} sequential requests, each must answer 200 with a token; perRequestMs is their mean latency in ms, client side. ` +
    'bcrypt.compare at that cost dominates.',
  metrics: { perRequestMs: 'ms' },
  runs: 7,
  warmup: 1,
  setup: () => startApiWithUser('fm-bench-auth-token-'),
  teardown: stopApi,
  cases: [
    {
      name: 'POST /api/requestAuthToken',
      async measure({ state }) {
        const durations = await timeSequential(REQUESTS, async () => {
          await requestAuthToken(state.baseUrl);
        });
        return { perRequestMs: mean(durations) };
      },
    },
  ],
});

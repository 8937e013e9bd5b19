import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import {
  REPO_ROOT,
  createTestDatabase,
  describeWithPostgresAndRedis,
  makeTempDir,
  removeDir,
  startApi,
  startNodeProcess,
  testRedisUrl,
  TestDatabase,
  uniquePrefix,
} from '@flexmeasures/testing';

jest.setTimeout(120_000);

const QUIET = { LOGGING_LEVEL: 'info' };

describe('starting the api process (embedded default)', () => {
  let dir: string;
  beforeAll(() => (dir = makeTempDir('api-process')));
  afterAll(() => removeDir(dir));

  it('starts on PGlite with in-process jobs, says where to go, serves the dashboard and stops on SIGTERM', async () => {
    const { process: api, baseUrl } = await startApi({ ...QUIET, DATA_DIR: dir });
    try {
      expect(api.output()).toMatch(/database: embedded PostgreSQL \(PGlite\)/);
      expect(api.output()).toMatch(/jobs: in-process job runner/);
      expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
      const home = await fetch(`${baseUrl}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toMatch(/<div id="root">/);
    } finally {
      expect(await api.stop()).toBe(0);
    }
    expect(api.output()).toMatch(/SIGTERM received/);
    expect(api.output()).toMatch(/"msg":"stopped"/);
  });

  it.each([
    [{ PORT: 'fivethousand' }, /configuration error: PORT: "fivethousand" is not a whole number/],
    [{ DATABASE_URL: 'postgres//nohost' }, /configuration error: DATABASE_URL: .* is not a URL/],
    [{ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', SECRET_KEY: 'x'.repeat(32) }, /configuration error: DATABASE_URL: cannot connect to PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/none/],
    [{ REDIS_URL: 'redis://127.0.0.1:1/0' }, /configuration error: REDIS_URL: cannot reach Redis at redis:\/\/127\.0\.0\.1:1\/0/],
    [{ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }, /configuration error: SECRET_KEY: is required in production when DATABASE_URL is set; make one with/],
    [{ FLEXMEASURES_PLANNING_HORIZON: 'soon' }, /configuration error: FLEXMEASURES_PLANNING_HORIZON: "soon" is not a duration/],
  ])('stops with one line naming the setting for %p', async (env, message) => {
    const api = startNodeProcess('apps/api/dist/main.js', { ...QUIET, DATA_DIR: makeTempDir('api-bad'), PORT: '0', ...env });
    const code = await api.exited;
    expect(code).toBe(1);
    const lines = api.output().trim().split('\n').filter((line) => line.includes('configuration error'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(api.output()).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('logs of the api process', () => {
  it('never contain a password or a token, even at debug level', async () => {
    const dir = makeTempDir('api-logs');
    const env = { PATH: process.env.PATH ?? '', HOME: dir, DATA_DIR: dir, SECURITY_PASSWORD_HASH_COST: '4', LOGGING_LEVEL: 'debug' };
    const cli = (args: string[], input = '') =>
      spawnSync(process.execPath, [path.join(REPO_ROOT, 'apps/cli/dist/main.js'), ...args], { cwd: REPO_ROOT, env, input, encoding: 'utf8' });
    try {
      expect(cli(['db', 'upgrade']).status).toBe(0);
      const added = cli(['add', 'user', '--username', 'logcheck', '--email', 'logs@example.com'], 'Secret-Horse-77\n');
      expect(added.status).toBe(0);
      expect(added.stdout + added.stderr).not.toContain('Secret-Horse-77');
      const { process: api, baseUrl } = await startApi(env);
      try {
        const post = (password: string) =>
          fetch(`${baseUrl}/api/requestAuthToken`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ email: 'logs@example.com', password }),
          });
        expect((await post('Wrong-Horse-00')).status).toBe(401);
        const { auth_token: token } = (await (await post('Secret-Horse-77')).json()) as { auth_token: string };
        expect((await fetch(`${baseUrl}/api/whoami`, { headers: { Authorization: token } })).status).toBe(200);
        await api.stop();
        const logs = api.output();
        expect(logs).toMatch(/requestAuthToken/); // the requests were logged…
        expect(logs).not.toContain('Secret-Horse-77'); // …without their secrets
        expect(logs).not.toContain('Wrong-Horse-00');
        expect(logs).not.toContain(token.split('.')[2]);
      } finally {
        await api.stop();
      }
    } finally {
      removeDir(dir);
    }
  });
});

describeWithPostgresAndRedis('api and workers on PostgreSQL and Redis', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  const TOKEN = 'ops-token-for-multi-process-tests';

  beforeAll(async () => {
    database = await createTestDatabase();
    env = {
      ...QUIET,
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      FLEXMEASURES_QUEUE_PREFIX: uniquePrefix('procs'),
      SECRET_KEY: 'a-shared-secret-key-for-these-tests',
      FLEXMEASURES_TASK_CHECK_AUTH_TOKEN: TOKEN,
      DATA_DIR: makeTempDir('procs'),
    };
  });
  afterAll(async () => database?.drop());

  const pingThrough = async (baseUrl: string, queue: string) => {
    const response = await fetch(`${baseUrl}/api/ops/ping-job?queue=${queue}&timeout=20`, {
      method: 'POST',
      headers: { Authorization: TOKEN },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { requestedBy: string; job: { status: string; result: { processedBy: string } } };
  };

  it('refuses to start a worker without Redis', async () => {
    const worker = startNodeProcess('apps/worker/dist/main.js', { ...QUIET, DATA_DIR: makeTempDir('worker-noredis') });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toMatch(/configuration error: REDIS_URL: a separate worker needs Redis/);
  });

  it('has the api enqueue and the worker process (not the api)', async () => {
    const { process: api, baseUrl } = await startApi(env);
    const worker = startNodeProcess('apps/worker/dist/main.js', env);
    try {
      expect(api.output()).toMatch(/database: PostgreSQL at postgres:/);
      expect(api.output()).toMatch(/jobs: Redis at redis:/);
      await worker.waitForOutput(/worker ready/);
      const answer = await pingThrough(baseUrl, 'scheduling');
      expect(answer.job.status).toBe('completed');
      expect(answer.job.result.processedBy).toMatch(/^worker@/);
      expect(answer.requestedBy).toMatch(/^api@/);
    } finally {
      expect(await worker.stop()).toBe(0);
      expect(await api.stop()).toBe(0);
    }
  });

  it('runs two apis and two workers together on one database and queue', async () => {
    const apis = await Promise.all([startApi(env), startApi(env)]);
    const workers = [startNodeProcess('apps/worker/dist/main.js', env), startNodeProcess('apps/worker/dist/main.js', env)];
    try {
      await Promise.all(workers.map((worker) => worker.waitForOutput(/worker ready/)));
      const answers = await Promise.all(
        Array.from({ length: 24 }, (_, i) => pingThrough(apis[i % 2].baseUrl, i % 3 === 0 ? 'forecasting' : 'scheduling')),
      );
      expect(answers.every((answer) => answer.job.status === 'completed')).toBe(true);
      const requesters = new Set(answers.map((answer) => answer.requestedBy));
      const processors = new Set(answers.map((answer) => answer.job.result.processedBy));
      expect(requesters.size).toBe(2);
      expect([...processors].every((name) => name.startsWith('worker@'))).toBe(true);
      expect(processors.size).toBe(2);
    } finally {
      const codes = await Promise.all([...workers.map((w) => w.stop()), ...apis.map((a) => a.process.stop())]);
      expect(codes).toEqual([0, 0, 0, 0]);
    }
  });
});

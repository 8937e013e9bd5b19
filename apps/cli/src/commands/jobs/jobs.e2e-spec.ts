import { JobName, QueueName } from '@flexmeasures/contracts';
import { BullJobQueue } from '@flexmeasures/jobs';
import { migrateToLatest, openDatabase } from '@flexmeasures/persistence';
import {
  createTestDatabase,
  describeWithPostgresAndRedis,
  makeTempDir,
  removeDir,
  startNodeProcess,
  testRedisUrl,
  TestDatabase,
  uniquePrefix,
} from '@flexmeasures/testing';
import Bull from 'bull';

jest.setTimeout(60_000);

/* `flexmeasures jobs run-worker` and `jobs clear-queue` (the built CLI) against Redis and PostgreSQL. */

const CLI = 'apps/cli/dist/main.js';

async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const cli = startNodeProcess(CLI, { LOGGING_LEVEL: 'warn', ...env }, args);
  const code = await cli.exited;
  return { code, output: cli.output() };
}

const ping = (by: string) => ({ requestedAt: new Date().toISOString(), requestedBy: by });

describe('flexmeasures jobs without Redis', () => {
  const dataDir = makeTempDir('cli-jobs-embedded');
  afterAll(() => removeDir(dataDir));

  it.each([
    ['run-worker', []],
    ['clear-queue', ['--force']],
  ])('jobs %s refuses in one line when REDIS_URL is not set', async (command, extra) => {
    const { code, output } = await runCli(['jobs', command, '--queue', 'scheduling', ...extra], { DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(output).toBe(
      `flexmeasures: jobs ${command} needs Redis, and REDIS_URL is not set: without it the api runs jobs in its own process and there is no queue to work on.\n`,
    );
  });

  it('accepts only the known queues', async () => {
    const { code, output } = await runCli(['jobs', 'clear-queue', '--queue', 'cooking'], { DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(output).toMatch(/option '--queue <queue>' argument 'cooking' is invalid\. Allowed choices are scheduling, forecasting/);
  });
});

describeWithPostgresAndRedis('flexmeasures jobs with Redis (PostgreSQL, Redis)', () => {
  let database: TestDatabase;
  let dataDir: string;
  const opened: { close(): Promise<unknown> }[] = [];

  function platform(label: string): { env: Record<string, string>; queue: BullJobQueue; prefix: string } {
    const prefix = uniquePrefix(label);
    const queue = new BullJobQueue({ redisUrl: testRedisUrl(), prefix });
    opened.push({ close: () => queue.close(0) });
    return {
      prefix,
      queue,
      env: { DATABASE_URL: database.url, REDIS_URL: testRedisUrl(), FLEXMEASURES_QUEUE_PREFIX: prefix, SECRET_KEY: 'a-shared-secret-key-for-the-cli-job-tests', DATA_DIR: dataDir },
    };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = makeTempDir('cli-jobs');
    const db = await openDatabase({ kind: 'postgres', url: database.url, poolSize: 2, migrateOnStart: false });
    try {
      await migrateToLatest(db);
    } finally {
      await db.close();
    }
  });
  afterAll(async () => {
    await Promise.all(opened.map((handle) => handle.close()));
    await database?.drop();
    if (dataDir) removeDir(dataDir);
  });

  it('run-worker processes jobs of its queue under the given name and stops on SIGTERM', async () => {
    const { env, queue } = platform('cli-worker');
    const other = await queue.enqueue(QueueName.Forecasting, JobName.Ping, ping('test'));
    const worker = startNodeProcess(CLI, { ...env, LOGGING_LEVEL: 'info' }, ['jobs', 'run-worker', '--queue', 'scheduling', '--name', 'cli-worker-1', '--concurrency', '2']);
    try {
      await worker.waitForOutput(/Worker cli-worker-1 is processing the scheduling queue \(concurrency 2; database: PostgreSQL at .*; jobs: Redis at redis:\/\/.*\)\. Stop it with Ctrl-C or SIGTERM\./);
      const job = await queue.enqueue(QueueName.Scheduling, JobName.Ping, ping('test'));
      const done = await queue.waitForJob(QueueName.Scheduling, job.id, 20_000);
      expect(done).toMatchObject({ status: 'completed', attemptsMade: 1, result: { pong: true, processedBy: 'cli-worker-1', queue: 'scheduling' } });
      // Only its own queue.
      expect(await queue.getJob(QueueName.Forecasting, other.id)).toMatchObject({ status: 'waiting' });
      expect(await worker.stop()).toBe(0);
      expect(worker.output()).toMatch(/SIGTERM received: letting running jobs finish/);
      expect(worker.output()).toMatch(/Worker cli-worker-1 stopped\.\n/);
    } finally {
      await worker.stop();
    }
  });

  it('clear-queue removes the waiting, delayed and failed jobs of one queue, after confirmation (--force)', async () => {
    const { env, queue, prefix } = platform('cli-clear');
    // One failed job: a raw Bull worker fails it.
    const raw = new Bull(QueueName.Forecasting, testRedisUrl(), { prefix });
    const failed = new Promise<void>((resolve) => raw.once('failed', () => resolve()));
    void raw.process('boom', async () => {
      throw new Error('boom');
    });
    await raw.add('boom', {});
    await failed;
    await raw.close();
    for (let i = 0; i < 3; i++) await queue.enqueue(QueueName.Forecasting, JobName.Ping, ping(`waiting ${i}`));
    await queue.enqueue(QueueName.Forecasting, JobName.Ping, ping('later'), { delayMs: 3600_000 });
    const untouched = await queue.enqueue(QueueName.Scheduling, JobName.Ping, ping('other queue'));
    expect(await queue.counts(QueueName.Forecasting)).toMatchObject({ waiting: 3, delayed: 1, failed: 1, active: 0 });

    // stdin is not a terminal: no prompt, no removal.
    const refused = await runCli(['jobs', 'clear-queue', '--queue', 'forecasting'], env);
    expect(refused.code).toBe(1);
    expect(refused.output).toBe(
      'flexmeasures: not clearing the forecasting queue (3 waiting jobs, 1 delayed job and 1 failed job) without confirmation; pass --force to clear it without asking.\n',
    );
    expect(await queue.counts(QueueName.Forecasting)).toMatchObject({ waiting: 3, delayed: 1, failed: 1 });

    const cleared = await runCli(['jobs', 'clear-queue', '--queue', 'forecasting', '--force'], env);
    expect(cleared.code).toBe(0);
    expect(cleared.output).toBe('Removed 3 waiting jobs, 1 delayed job and 1 failed job from the forecasting queue; 0 running jobs left alone.\n');
    expect(await queue.counts(QueueName.Forecasting)).toMatchObject({ waiting: 0, delayed: 0, failed: 0, active: 0 });
    expect(await queue.getJob(QueueName.Scheduling, untouched.id)).toMatchObject({ status: 'waiting' });

    const again = await runCli(['jobs', 'clear-queue', '--queue', 'forecasting'], env);
    expect(again.code).toBe(0);
    expect(again.output).toBe('The forecasting queue has no waiting, delayed or failed jobs; nothing to remove (0 jobs running).\n');
  });
});

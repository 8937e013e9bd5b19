import { JobName, PingJobData, PingJobResult, QueueName } from '@flexmeasures/contracts';
import { describeWithRedis, testRedisUrl, uniquePrefix } from '@flexmeasures/testing';
import { BullJobQueue } from './bull/bull-job-queue';
import { InProcessJobQueue } from './in-process/in-process-job-queue';
import { PermanentJobError } from './job-errors';
import { JobContext, JobHandler, JobHandlerRegistry } from './job-handler';
import { JobQueue } from './job-queue.port';
import { JobTypeOptions } from './job-options';

const RETRYING: Record<JobName, JobTypeOptions> = {
  [JobName.Ping]: { attempts: 3, backoffMs: 20, keepCompletedMs: 60_000, keepFailedMs: 60_000 },
  [JobName.Schedule]: { attempts: 3, backoffMs: 20, keepCompletedMs: 60_000, keepFailedMs: 60_000 },
  [JobName.Forecast]: { attempts: 3, backoffMs: 20, keepCompletedMs: 60_000, keepFailedMs: 60_000 },
};

/** A ping handler whose behaviour each test sets. */
class ScriptedPing implements JobHandler<JobName.Ping> {
  readonly name = JobName.Ping;
  calls: JobContext[] = [];
  behaviour: (context: JobContext) => Promise<void> = async () => undefined;

  parse(data: unknown): PingJobData {
    const value = data as PingJobData;
    if (typeof value?.requestedBy !== 'string') throw new Error('requestedBy missing');
    return value;
  }

  async handle(data: PingJobData, context: JobContext): Promise<PingJobResult> {
    this.calls.push(context);
    await this.behaviour(context);
    return { pong: true, processedBy: `test for ${data.requestedBy}`, processedAt: new Date(0).toISOString(), queue: context.queue };
  }
}

const ping = (by = 'spec'): PingJobData => ({ requestedAt: new Date().toISOString(), requestedBy: by });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function queueBehaviour(makeQueue: () => JobQueue) {
  let queue: JobQueue;
  let handler: ScriptedPing;

  beforeEach(() => {
    queue = makeQueue();
    handler = new ScriptedPing();
  });
  afterEach(async () => queue.close(1000));

  const process = () => queue.startProcessing([QueueName.Scheduling], new JobHandlerRegistry([handler]), 1);

  it('runs a job and returns its result', async () => {
    process();
    const job = await queue.enqueue(QueueName.Scheduling, JobName.Ping, ping('alice'));
    const done = await queue.waitForJob(QueueName.Scheduling, job.id, 5000);
    expect(done).toMatchObject({ status: 'completed', attemptsMade: 1, name: JobName.Ping });
    expect(done.result).toMatchObject({ pong: true, processedBy: 'test for alice', queue: QueueName.Scheduling });
  });

  it('keeps a job waiting while no process consumes its queue', async () => {
    const job = await queue.enqueue(QueueName.Forecasting, JobName.Ping, ping());
    process(); // consumes scheduling only
    await sleep(200);
    expect((await queue.getJob(QueueName.Forecasting, job.id))?.status).toBe('waiting');
    expect(handler.calls).toHaveLength(0);
    expect((await queue.counts(QueueName.Forecasting)).waiting).toBe(1);
  });

  it('makes one job of two enqueues with the same job id', async () => {
    const first = await queue.enqueue(QueueName.Scheduling, JobName.Ping, ping(), { jobId: 'udi-event-42' });
    const second = await queue.enqueue(QueueName.Scheduling, JobName.Ping, ping(), { jobId: 'udi-event-42' });
    expect(second.id).toBe(first.id);
    process();
    await queue.waitForJob(QueueName.Scheduling, first.id, 5000);
    await sleep(100);
    expect(handler.calls).toHaveLength(1);
  });

  it('fails a job with bad data without running the handler', async () => {
    process();
    const job = await queue.enqueue(QueueName.Scheduling, JobName.Ping, { requestedAt: 'x' } as unknown as PingJobData);
    const done = await queue.waitForJob(QueueName.Scheduling, job.id, 5000);
    expect(done.status).toBe('failed');
    expect(done.failedReason).toMatch(/invalid ping job data: requestedBy missing/);
    expect(handler.calls).toHaveLength(0);
  });

  it('reports the state of an unknown job as undefined', async () => {
    expect(await queue.getJob(QueueName.Scheduling, 'no-such-job')).toBeUndefined();
  });

  it('answers the readiness check', async () => {
    await expect(queue.check()).resolves.toBeUndefined();
  });

  it('lets a running job finish when closing within the grace period', async () => {
    let finished = false;
    handler.behaviour = async () => {
      await sleep(300);
      finished = true;
    };
    process();
    const job = await queue.enqueue(QueueName.Scheduling, JobName.Ping, ping());
    while ((await queue.getJob(QueueName.Scheduling, job.id))?.status !== 'active') await sleep(10);
    await queue.close(5000);
    expect(finished).toBe(true);
  });
}

function retryBehaviour(makeQueue: () => JobQueue) {
  let queue: JobQueue;
  let handler: ScriptedPing;
  beforeEach(() => {
    queue = makeQueue();
    handler = new ScriptedPing();
    queue.startProcessing([QueueName.Scheduling], new JobHandlerRegistry([handler]), 1);
  });
  afterEach(async () => queue.close(1000));

  it('retries a transient failure with backoff', async () => {
    handler.behaviour = async (context) => {
      if (context.attempt === 1) throw new Error('database went away');
    };
    const job = await queue.enqueue(QueueName.Scheduling, JobName.Ping, ping());
    const done = await queue.waitForJob(QueueName.Scheduling, job.id, 5000);
    expect(done).toMatchObject({ status: 'completed', attemptsMade: 2 });
    expect(handler.calls.map((c) => c.attempt)).toEqual([1, 2]);
  });

  it('does not retry a permanent failure', async () => {
    handler.behaviour = async () => {
      throw new PermanentJobError('UNKNOWN_PRICES', 'no prices for the planning window');
    };
    const job = await queue.enqueue(QueueName.Scheduling, JobName.Ping, ping());
    const done = await queue.waitForJob(QueueName.Scheduling, job.id, 5000);
    expect(done).toMatchObject({ status: 'failed', attemptsMade: 1, failedReason: 'no prices for the planning window' });
    await sleep(150);
    expect(handler.calls).toHaveLength(1);
  });

  it('gives up after the configured attempts', async () => {
    handler.behaviour = async () => {
      throw new Error('still down');
    };
    const job = await queue.enqueue(QueueName.Scheduling, JobName.Ping, ping());
    const done = await queue.waitForJob(QueueName.Scheduling, job.id, 5000);
    expect(done).toMatchObject({ status: 'failed', attemptsMade: 3, failedReason: 'still down' });
  });
}

describe('in-process job queue', () => {
  queueBehaviour(() => new InProcessJobQueue());
  describe('retries', () => retryBehaviour(() => new InProcessJobQueue(RETRYING)));
});

describeWithRedis('Bull job queue on Redis', () => {
  const make = (jobOptions?: Record<JobName, JobTypeOptions>) => () =>
    new BullJobQueue({ redisUrl: testRedisUrl(), prefix: uniquePrefix('jobs'), jobOptions });
  queueBehaviour(make());
  describe('retries', () => retryBehaviour(make(RETRYING)));
});

describeWithRedis('Bull hand-back at shutdown', () => {
  it('gives a job that outlives the grace period to another worker', async () => {
    const options = { redisUrl: testRedisUrl(), prefix: uniquePrefix('handback'), lockDurationMs: 1000, stalledIntervalMs: 300 };
    const leaving = new BullJobQueue(options);
    const staying = new BullJobQueue(options);
    const stuck = new ScriptedPing();
    stuck.behaviour = () => new Promise<void>(() => undefined); // never finishes
    const healthy = new ScriptedPing();
    try {
      leaving.startProcessing([QueueName.Scheduling], new JobHandlerRegistry([stuck]), 1);
      const job = await leaving.enqueue(QueueName.Scheduling, JobName.Ping, ping('handback'));
      while ((await leaving.getJob(QueueName.Scheduling, job.id))?.status !== 'active') await sleep(20);
      await leaving.close(200);
      staying.startProcessing([QueueName.Scheduling], new JobHandlerRegistry([healthy]), 1);
      const done = await staying.waitForJob(QueueName.Scheduling, job.id, 15_000);
      expect(done.status).toBe('completed');
      expect(stuck.calls).toHaveLength(1);
      expect(healthy.calls).toHaveLength(1);
    } finally {
      await Promise.all([leaving.close(0), staying.close(1000)]);
    }
  });
});

describe('job handler registry', () => {
  it('refuses two handlers for one job type', () => {
    expect(() => new JobHandlerRegistry([new ScriptedPing(), new ScriptedPing()])).toThrow(/two handlers/);
  });

  it('names job types that have no handler', () => {
    expect(() => new JobHandlerRegistry([]).assertHandles([JobName.Ping])).toThrow(/no handler for job type\(s\): ping/);
  });
});

import { JobName, PingJobData, PingJobResult, QueueName } from '@flexmeasures/contracts';
import { describeWithRedis, testRedisUrl, uniquePrefix, until } from '@flexmeasures/testing';
import { BullJobQueue } from './bull/bull-job-queue';
import { InProcessJobQueue } from './in-process/in-process-job-queue';
import { JobHandler, JobHandlerRegistry } from './job-handler';
import { JobQueue } from './job-queue.port';

const QUEUE = QueueName.Forecasting;

/** Records the data each run saw; a run waits until `release()` while `hold` is set. */
class RecordingPing implements JobHandler<JobName.Ping> {
  readonly name = JobName.Ping;
  readonly ran: string[] = [];
  hold = false;
  private waiting: (() => void)[] = [];

  parse(data: unknown): PingJobData {
    return data as PingJobData;
  }

  async handle(data: PingJobData): Promise<PingJobResult> {
    if (this.hold) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.ran.push(data.requestedBy);
    return { pong: true, processedBy: data.requestedBy, processedAt: data.requestedAt, queue: QUEUE };
  }

  release(): void {
    this.hold = false;
    this.waiting.splice(0).forEach((resolve) => resolve());
  }
}

/** Requests name themselves; a merged job lists every request once, in order. */
const request = (name: string): PingJobData => ({ requestedAt: '2021-01-01T00:00:00Z', requestedBy: name });
const merge = (pending: PingJobData, incoming: PingJobData): PingJobData => {
  const names = pending.requestedBy.split(',');
  return names.includes(incoming.requestedBy) ? pending : { ...pending, requestedBy: [...names, incoming.requestedBy].join(',') };
};

function coalescing(makeQueue: () => JobQueue) {
  let queue: JobQueue;
  let handler: RecordingPing;
  const enqueue = (name: string, delayMs?: number) => queue.enqueueCoalesced(QUEUE, JobName.Ping, 'sensor-1-PT1H', request(name), merge, { delayMs });
  const pending = async () => {
    const counts = await queue.counts(QUEUE);
    return counts.waiting + counts.delayed;
  };
  const process = () => queue.startProcessing([QUEUE], new JobHandlerRegistry([handler]), 1);

  beforeEach(() => {
    queue = makeQueue();
    handler = new RecordingPing();
  });
  afterEach(async () => {
    handler.release();
    await queue.close(2000);
  });

  it('merges a burst of requests into one pending job, which runs once with all of them', async () => {
    const states = [];
    for (let i = 1; i <= 20; i++) states.push(await enqueue(`post ${i}`));
    expect(new Set(states.map((state) => state.id)).size).toBe(1);
    expect(await pending()).toBe(1);
    process();
    await until('the job', async () => (handler.ran.length === 1 ? true : undefined), 10_000, 20);
    expect(handler.ran[0].split(',')).toEqual(Array.from({ length: 20 }, (_, i) => `post ${i + 1}`));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(handler.ran).toHaveLength(1);
  });

  it('keeps other keys apart', async () => {
    await enqueue('a');
    await queue.enqueueCoalesced(QUEUE, JobName.Ping, 'sensor-1-PT6H', request('b'), merge);
    expect(await pending()).toBe(2);
  });

  it('adds a new job once the pending one runs, and merges the next requests into that one', async () => {
    handler.hold = true;
    process();
    const first = await enqueue('before');
    await until('the first job to run', async () => ((await queue.getJob(QUEUE, first.id))?.status === 'active' ? true : undefined), 10_000, 20);
    const second = await enqueue('during 1');
    await enqueue('during 2');
    expect(second.id).not.toBe(first.id);
    expect(await pending()).toBe(1);
    handler.release();
    await until('both jobs', async () => (handler.ran.length === 2 ? true : undefined), 10_000, 20);
    expect(handler.ran).toEqual(['before', 'during 1,during 2']);
  });

  it('adds a new job after the last one finished', async () => {
    process();
    const first = await enqueue('one');
    await queue.waitForJob(QUEUE, first.id, 5000);
    const second = await enqueue('two');
    await queue.waitForJob(QUEUE, second.id, 5000);
    expect(handler.ran).toEqual(['one', 'two']);
  });

  it('holds a new job back for the delay, gathering the requests of that time', async () => {
    process();
    const first = await enqueue('one', 300);
    expect(first.status).toBe('delayed');
    expect((await enqueue('two', 300)).status).toBe('delayed');
    expect(handler.ran).toEqual([]);
    await queue.waitForJob(QUEUE, first.id, 5000);
    expect(handler.ran).toEqual(['one,two']);
  });
}

describe('coalesced jobs: in-process runner', () => coalescing(() => new InProcessJobQueue()));

describeWithRedis('coalesced jobs: Bull on Redis', () => coalescing(() => new BullJobQueue({ redisUrl: testRedisUrl(), prefix: uniquePrefix('coalesce') })));

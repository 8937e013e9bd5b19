import { JobData, JobName, JobState, JobStatus, QueueCounts, QueueName } from '@flexmeasures/contracts';
import { JobWaitTimeoutError, PermanentJobError, QueueUnavailableError } from '../job-errors';
import { JobHandlerRegistry } from '../job-handler';
import { JobQueue } from '../job-queue.port';
import { EnqueueOptions, JOB_OPTIONS, JobTypeOptions, MergeJobData } from '../job-options';

interface JobRecord {
  readonly id: string;
  readonly queue: QueueName;
  readonly name: JobName;
  /** Replaced while the job is pending when a coalesced request is merged into it. */
  data: unknown;
  /** The key of enqueueCoalesced, while the job is that key's pending job. */
  coalesceKey?: string;
  status: JobStatus;
  attemptsMade: number;
  result?: unknown;
  failedReason?: string;
  readonly waiters: Set<() => void>;
}

interface Processing {
  readonly queues: ReadonlySet<QueueName>;
  readonly handlers: JobHandlerRegistry;
  readonly concurrency: number;
}

/**
 * The embedded default's queue: jobs live in memory and run in this process
 * with the same handlers, retries and retention as on Redis. Jobs do not
 * survive a restart — production deployments use Redis.
 */
export class InProcessJobQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly jobs = new Map<string, JobRecord>();
  private readonly waiting = new Map<QueueName, JobRecord[]>();
  private readonly running = new Map<QueueName, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** The pending job of each coalescing key. */
  private readonly pendingByKey = new Map<string, JobRecord>();
  private processing?: Processing;
  private nextId = 1;
  private closed = false;
  private paused = false;

  constructor(private readonly jobOptions: Record<JobName, JobTypeOptions> = JOB_OPTIONS) {}

  async enqueue<N extends JobName>(
    queue: QueueName,
    name: N,
    data: JobData<N>,
    options: EnqueueOptions = {},
  ): Promise<JobState<N>> {
    if (this.closed) throw new QueueUnavailableError('the job queue is shutting down');
    const id = options.jobId ?? String(this.nextId++);
    const existing = this.jobs.get(key(queue, id));
    if (existing) return snapshot(existing) as JobState<N>;
    const record: JobRecord = { id, queue, name, data, status: 'waiting', attemptsMade: 0, waiters: new Set() };
    this.jobs.set(key(queue, id), record);
    if (options.delayMs && options.delayMs > 0) {
      record.status = 'delayed';
      this.later(options.delayMs, () => this.makeWaiting(record));
    } else {
      this.makeWaiting(record);
    }
    return snapshot(record) as JobState<N>;
  }

  async enqueueCoalesced<N extends JobName>(
    queue: QueueName,
    name: N,
    coalesceKey: string,
    data: JobData<N>,
    merge: MergeJobData<JobData<N>>,
    options: { readonly delayMs?: number } = {},
  ): Promise<JobState<N>> {
    if (this.closed) throw new QueueUnavailableError('the job queue is shutting down');
    const slot = key(queue, coalesceKey);
    const pending = this.pendingByKey.get(slot);
    if (pending && (pending.status === 'waiting' || pending.status === 'delayed')) {
      pending.data = merge(pending.data as JobData<N>, data);
      return snapshot(pending) as JobState<N>;
    }
    const state = await this.enqueue(queue, name, data, { jobId: `${coalesceKey}.${this.nextId++}`, delayMs: options.delayMs });
    const record = this.jobs.get(key(queue, state.id)) as JobRecord;
    record.coalesceKey = slot;
    this.pendingByKey.set(slot, record);
    return state;
  }

  async getJob(queue: QueueName, id: string): Promise<JobState | undefined> {
    const record = this.jobs.get(key(queue, id));
    return record && snapshot(record);
  }

  waitForJob(queue: QueueName, id: string, timeoutMs: number): Promise<JobState> {
    const record = this.jobs.get(key(queue, id));
    if (!record) return Promise.reject(new Error(`no job ${id} in queue ${queue}`));
    if (isFinished(record.status)) return Promise.resolve(snapshot(record));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        record.waiters.delete(done);
        reject(new JobWaitTimeoutError(id, timeoutMs));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(snapshot(record));
      };
      record.waiters.add(done);
    });
  }

  async counts(queue: QueueName): Promise<QueueCounts> {
    const counts = { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 };
    for (const record of this.jobs.values()) {
      if (record.queue === queue && record.status !== 'unknown') counts[record.status]++;
    }
    return counts;
  }

  async check(): Promise<void> {
    if (this.closed) throw new QueueUnavailableError('the job queue is shutting down');
  }

  startProcessing(queues: readonly QueueName[], handlers: JobHandlerRegistry, concurrency: number): void {
    this.processing = { queues: new Set(queues), handlers, concurrency };
    queues.forEach((queue) => this.pump(queue));
  }

  /**
   * Holds new and waiting jobs in 'waiting' (running ones finish) until
   * resume(): lets a test observe a job before it runs, as a busy worker would.
   */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.processing?.queues.forEach((queue) => this.pump(queue));
  }

  async close(graceMs: number): Promise<void> {
    this.closed = true;
    const deadline = Date.now() + graceMs;
    while (this.totalRunning() > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
  }

  private makeWaiting(record: JobRecord): void {
    record.status = 'waiting';
    const list = this.waiting.get(record.queue) ?? [];
    list.push(record);
    this.waiting.set(record.queue, list);
    this.pump(record.queue);
  }

  private pump(queue: QueueName): void {
    const processing = this.processing;
    if (this.closed || this.paused || !processing || !processing.queues.has(queue)) return;
    const list = this.waiting.get(queue) ?? [];
    while ((this.running.get(queue) ?? 0) < processing.concurrency && list.length > 0) {
      const record = list.shift() as JobRecord;
      void this.run(record, processing.handlers);
    }
  }

  private async run(record: JobRecord, handlers: JobHandlerRegistry): Promise<void> {
    const options = this.jobOptions[record.name];
    record.status = 'active';
    // Running: the next coalesced request makes a new job (this one has read its data).
    if (record.coalesceKey !== undefined && this.pendingByKey.get(record.coalesceKey) === record) this.pendingByKey.delete(record.coalesceKey);
    record.attemptsMade++;
    this.running.set(record.queue, (this.running.get(record.queue) ?? 0) + 1);
    try {
      record.result = await handlers.run(record.name, record.data, {
        jobId: record.id,
        queue: record.queue,
        attempt: record.attemptsMade,
      });
      record.status = 'completed';
      this.finish(record, options.keepCompletedMs);
    } catch (error) {
      record.failedReason = (error as Error).message;
      const retry = !(error instanceof PermanentJobError) && record.attemptsMade < options.attempts && !this.closed;
      if (retry) {
        record.status = 'delayed';
        this.later(options.backoffMs * 2 ** (record.attemptsMade - 1), () => this.makeWaiting(record));
      } else {
        record.status = 'failed';
        this.finish(record, options.keepFailedMs);
      }
    } finally {
      this.running.set(record.queue, (this.running.get(record.queue) ?? 1) - 1);
      this.pump(record.queue);
    }
  }

  private finish(record: JobRecord, keepMs: number): void {
    record.waiters.forEach((notify) => notify());
    record.waiters.clear();
    this.later(keepMs, () => this.jobs.delete(key(record.queue, record.id)));
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private totalRunning(): number {
    let total = 0;
    this.running.forEach((count) => (total += count));
    return total;
  }
}

const key = (queue: QueueName, id: string) => `${queue}:${id}`;

const isFinished = (status: JobStatus) => status === 'completed' || status === 'failed';

function snapshot(record: JobRecord): JobState {
  return {
    id: record.id,
    queue: record.queue,
    name: record.name,
    status: record.status,
    attemptsMade: record.attemptsMade,
    ...(record.result !== undefined ? { result: record.result as never } : {}),
    ...(record.failedReason !== undefined ? { failedReason: record.failedReason } : {}),
  };
}

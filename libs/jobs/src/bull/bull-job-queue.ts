import { JobData, JobName, JobState, JobStatus, QueueCounts, QueueName, ALL_QUEUES } from '@flexmeasures/contracts';
import Bull from 'bull';
import { JobWaitTimeoutError, PermanentJobError, QueueUnavailableError } from '../job-errors';
import { JobHandlerRegistry } from '../job-handler';
import { JobQueue } from '../job-queue.port';
import { EnqueueOptions, JOB_OPTIONS, JobTypeOptions, MergeJobData } from '../job-options';

export interface BullJobQueueOptions {
  readonly redisUrl: string;
  /** Key prefix in Redis; tests use a unique one to stay apart. */
  readonly prefix?: string;
  /** Bull's lock on a running job; a worker that dies hands its job back after this. */
  readonly lockDurationMs?: number;
  /** How often a worker looks for jobs whose lock expired (their worker died or gave up). */
  readonly stalledIntervalMs?: number;
  readonly onError?: (queue: QueueName, error: Error) => void;
  readonly jobOptions?: Record<JobName, JobTypeOptions>;
}

const COMMAND_TIMEOUT_MS = 5000;
/** Job ids `<key>.0` … `<key>.7` per coalescing key: one may be pending while the others run. */
const COALESCE_SLOTS = 8;
const PENDING_STATES = new Set(['waiting', 'delayed', 'paused']);

/** Bull on Redis: producers enqueue from the api, workers in other processes consume. */
export class BullJobQueue implements JobQueue {
  readonly kind = 'redis' as const;
  private readonly queues = new Map<QueueName, Bull.Queue>();
  private closing?: Promise<void>;

  constructor(private readonly options: BullJobQueueOptions) {}

  async enqueue<N extends JobName>(
    queue: QueueName,
    name: N,
    data: JobData<N>,
    options: EnqueueOptions = {},
  ): Promise<JobState<N>> {
    const type = (this.options.jobOptions ?? JOB_OPTIONS)[name];
    const job = await withTimeout(
      this.queue(queue).add(name, data, {
        jobId: options.jobId,
        delay: options.delayMs,
        attempts: type.attempts,
        backoff: type.backoffMs > 0 ? { type: 'exponential', delay: type.backoffMs } : undefined,
        removeOnComplete: { age: Math.ceil(type.keepCompletedMs / 1000) },
        removeOnFail: { age: Math.ceil(type.keepFailedMs / 1000) },
      }),
      `add a ${name} job to the ${queue} queue`,
    );
    return (await this.readJob(queue, String(job.id))) as JobState<N>;
  }

  /**
   * Coalescing with Bull's own guarantee that a job id exists once: the key's
   * jobs have the ids `<key>.<slot>`. A pending job in a slot gets the merged
   * data; a finished one is removed so its slot can be used again; a running
   * one is passed over. A job that starts while its data is being merged may
   * have read the old data, so the request then goes on to the next slot
   * (merging twice is harmless). Several api processes may do this at once:
   * adding an id that exists adds nothing, and the re-read merges into it.
   */
  async enqueueCoalesced<N extends JobName>(
    queue: QueueName,
    name: N,
    key: string,
    data: JobData<N>,
    merge: MergeJobData<JobData<N>>,
    options: { readonly delayMs?: number } = {},
  ): Promise<JobState<N>> {
    const bullQueue = this.queue(queue);
    for (let slot = 0; slot < COALESCE_SLOTS; slot++) {
      const id = `${key}.${slot}`;
      for (let look = 0; look < 4; look++) {
        const job = await withTimeout(bullQueue.getJob(id), `read job ${id}`);
        if (!job) {
          const added = await this.enqueue(queue, name, data, { jobId: id, delayMs: options.delayMs });
          // Ours, whatever became of it since (a fast worker may have run it already); another producer's is merged into.
          const stored = await withTimeout(bullQueue.getJob(id), `read job ${id}`);
          if (!stored || JSON.stringify(stored.data) === JSON.stringify(data)) return added;
          continue;
        }
        const state = await withTimeout(job.getState(), `read the state of job ${id}`);
        if (PENDING_STATES.has(state)) {
          const merged = await withTimeout(
            job.update(merge(job.data as JobData<N>, data)).then(() => true, () => false),
            `update job ${id}`,
          );
          if (merged && PENDING_STATES.has(await withTimeout(job.getState(), `read the state of job ${id}`))) {
            return (await this.readJob(queue, id)) as JobState<N>;
          }
          break;
        }
        if (state !== 'completed' && state !== 'failed') break;
        // Finished: free the slot (another producer may be doing the same).
        await withTimeout(job.remove().catch(() => undefined), `remove job ${id}`);
      }
    }
    // Every slot holds a running job of this key: add one more, without coalescing.
    return this.enqueue(queue, name, data, { delayMs: options.delayMs });
  }

  async getJob(queue: QueueName, id: string): Promise<JobState | undefined> {
    return withTimeout(this.readJob(queue, id), `read job ${id}`);
  }

  async waitForJob(queue: QueueName, id: string, timeoutMs: number): Promise<JobState> {
    const deadline = Date.now() + timeoutMs;
    // finished() settles on the first completion or failure event; a failed
    // attempt that will be retried is not the end, so re-read the job.
    for (;;) {
      const state = await this.readJob(queue, id);
      if (!state) throw new Error(`no job ${id} in queue ${queue}`);
      if (state.status === 'completed' || state.status === 'failed') return state;
      const left = deadline - Date.now();
      if (left <= 0) throw new JobWaitTimeoutError(id, timeoutMs);
      const job = await this.queue(queue).getJob(id);
      await Promise.race([job?.finished().catch(() => undefined), sleep(Math.min(left, 250))]);
    }
  }

  async counts(queue: QueueName): Promise<QueueCounts> {
    const counts = await withTimeout(this.queue(queue).getJobCounts(), `count jobs in ${queue}`);
    return {
      waiting: counts.waiting,
      active: counts.active,
      delayed: counts.delayed,
      completed: counts.completed,
      failed: counts.failed,
    };
  }

  async check(): Promise<void> {
    await withTimeout(this.queue(ALL_QUEUES[0]).client.ping(), 'reach Redis', 2000);
  }

  startProcessing(queues: readonly QueueName[], handlers: JobHandlerRegistry, concurrency: number): void {
    for (const name of queues) {
      void this.queue(name).process('*', concurrency, async (job) => {
        try {
          return await handlers.run(job.name, job.data, { jobId: String(job.id), queue: name, attempt: job.attemptsMade + 1 });
        } catch (error) {
          if (error instanceof PermanentJobError) await job.discard();
          throw error;
        }
      });
    }
  }

  close(graceMs: number): Promise<void> {
    this.closing ??= this.closeQueues(graceMs);
    return this.closing;
  }

  private async closeQueues(graceMs: number): Promise<void> {
    const all = [...this.queues.values()];
    // Stop taking jobs, give running ones the grace period, then close without
    // waiting: a job still running keeps no lock, so another worker takes it
    // over once the lock expires. (Bull's own close(), once started, cannot be
    // cut short.)
    await settleWithin(Promise.all(all.map((queue) => queue.pause(true, true))), 2000);
    await settleWithin(Promise.all(all.map((queue) => queue.whenCurrentJobsFinished())), graceMs);
    await settleWithin(Promise.all(all.map((queue) => queue.close(true))), 5000);
  }

  private queue(name: QueueName): Bull.Queue {
    if (this.closing) throw new QueueUnavailableError('the job queue is shutting down');
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Bull(name, this.options.redisUrl, {
        prefix: this.options.prefix ?? 'flexmeasures',
        settings: {
          lockDuration: this.options.lockDurationMs ?? 30_000,
          stalledInterval: this.options.stalledIntervalMs ?? 30_000,
        },
      });
      queue.on('error', (error: Error) => this.options.onError?.(name, error));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /**
   * The state first, then the job's fields: read the other way round, a job
   * that fails in between shows 'failed' without its reason.
   */
  private async readJob(queue: QueueName, id: string): Promise<JobState | undefined> {
    const bullQueue = this.queue(queue);
    const status = toStatus((await (await bullQueue.getJob(id))?.getState()) ?? 'unknown');
    const job = await bullQueue.getJob(id);
    if (!job) return undefined;
    // Bull counts failed runs only; we count runs started, as the in-process runner does.
    const runningOrSucceeded = status === 'active' || status === 'completed' ? 1 : 0;
    return {
      id: String(job.id),
      queue,
      name: job.name as JobName,
      status,
      attemptsMade: job.attemptsMade + runningOrSucceeded,
      ...(job.returnvalue !== null && job.returnvalue !== undefined ? { result: job.returnvalue } : {}),
      ...(job.failedReason ? { failedReason: job.failedReason } : {}),
    };
  }
}

function toStatus(bullState: string): JobStatus {
  switch (bullState) {
    case 'waiting':
    case 'paused':
      return 'waiting';
    case 'delayed':
    case 'active':
    case 'completed':
    case 'failed':
      return bullState;
    default:
      return 'unknown';
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits for the promise, at most `ms`; errors are swallowed (we are closing anyway). */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

async function withTimeout<T>(promise: Promise<T>, what: string, ms = COMMAND_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new QueueUnavailableError(`could not ${what}: Redis did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

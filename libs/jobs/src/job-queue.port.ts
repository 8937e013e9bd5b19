import { JobData, JobName, JobState, QueueCounts, QueueName } from '@flexmeasures/contracts';
import { JobHandlerRegistry } from './job-handler';
import { EnqueueOptions, MergeJobData } from './job-options';

/**
 * One port, two adapters: Bull on Redis (api produces, worker processes) and
 * an in-process runner for the embedded default (the api runs the handlers).
 */
export interface JobQueue {
  readonly kind: 'redis' | 'in-process';
  enqueue<N extends JobName>(queue: QueueName, name: N, data: JobData<N>, options?: EnqueueOptions): Promise<JobState<N>>;
  /**
   * At most one pending job per key: while a job of this key waits (or is
   * delayed), the request is merged into its data (`merge(pending, incoming)`)
   * instead of adding a job; once that job runs or has finished, the next
   * request adds a new one. `delayMs` holds a new job back so that a burst of
   * requests ends up in it. Merge must be idempotent: a request may be merged
   * twice when a job starts in the middle of it.
   */
  enqueueCoalesced<N extends JobName>(
    queue: QueueName,
    name: N,
    key: string,
    data: JobData<N>,
    merge: MergeJobData<JobData<N>>,
    options?: { readonly delayMs?: number },
  ): Promise<JobState<N>>;
  getJob(queue: QueueName, id: string): Promise<JobState | undefined>;
  /** Resolves when the job completed or failed; rejects with JobWaitTimeoutError. */
  waitForJob(queue: QueueName, id: string, timeoutMs: number): Promise<JobState>;
  counts(queue: QueueName): Promise<QueueCounts>;
  /** Rejects when the backend cannot be reached (readiness). */
  check(): Promise<void>;
  /** Starts consuming the given queues with these handlers. */
  startProcessing(queues: readonly QueueName[], handlers: JobHandlerRegistry, concurrency: number): void;
  /**
   * Stops taking jobs and waits up to `graceMs` for running ones; a job still
   * running then is handed back to the queue (Bull) or abandoned (in-process).
   */
  close(graceMs: number): Promise<void>;
}

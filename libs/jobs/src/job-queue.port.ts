import { JobData, JobName, JobState, QueueCounts, QueueName } from '@flexmeasures/contracts';
import { JobHandlerRegistry } from './job-handler';
import { EnqueueOptions } from './job-options';

/**
 * One port, two adapters: Bull on Redis (api produces, worker processes) and
 * an in-process runner for the embedded default (the api runs the handlers).
 */
export interface JobQueue {
  readonly kind: 'redis' | 'in-process';
  enqueue<N extends JobName>(queue: QueueName, name: N, data: JobData<N>, options?: EnqueueOptions): Promise<JobState<N>>;
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

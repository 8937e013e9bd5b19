import { JobName } from '@flexmeasures/contracts';

export interface JobTypeOptions {
  /** Runs in total, the first included. */
  readonly attempts: number;
  /** First retry delay; doubles with each further retry. */
  readonly backoffMs: number;
  /** How long a finished job (and its result) stays readable. */
  readonly keepCompletedMs: number;
  readonly keepFailedMs: number;
}

const HOUR = 3600_000;

/** Retry and retention per job type; next to the types so they are read together. */
export const JOB_OPTIONS: Record<JobName, JobTypeOptions> = {
  [JobName.Ping]: { attempts: 1, backoffMs: 0, keepCompletedMs: HOUR, keepFailedMs: HOUR },
};

export interface EnqueueOptions {
  /** Deterministic id: enqueueing the same id twice yields one job. */
  readonly jobId?: string;
  readonly delayMs?: number;
}

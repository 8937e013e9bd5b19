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
const DAY = 24 * HOUR;

/** Retry and retention per job type; next to the types so they are read together. */
export const JOB_OPTIONS: Record<JobName, JobTypeOptions> = {
  [JobName.Ping]: { attempts: 1, backoffMs: 0, keepCompletedMs: HOUR, keepFailedMs: HOUR },
  // Transient failures (database or Redis gone) are retried after 2 s, 4 s, 8 s and 16 s; permanent
  // ones (unknown prices, infeasible targets) fail at once. The outcome that matters lives in the
  // database (the schedule, or the failure recorded with the UDI event), so the queue keeps jobs
  // only as long as someone may still ask why a job is where it is.
  [JobName.Schedule]: { attempts: 5, backoffMs: 2000, keepCompletedMs: DAY, keepFailedMs: 7 * DAY },
  // Forecasts are made again after the next data lands, so a few quick retries of transient failures suffice.
  [JobName.Forecast]: { attempts: 3, backoffMs: 2000, keepCompletedMs: HOUR, keepFailedMs: 7 * DAY },
};

/** Combines the data of a pending job with the data of a new request for the same key. */
export type MergeJobData<T> = (pending: T, incoming: T) => T;

export interface EnqueueOptions {
  /** Deterministic id: enqueueing the same id twice yields one job. */
  readonly jobId?: string;
  readonly delayMs?: number;
}

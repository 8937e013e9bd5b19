/**
 * A failure that retrying cannot fix (bad payload, unknown prices, an
 * infeasible problem). The job fails at once with this reason; any other error
 * is treated as transient and retried with backoff.
 */
export class PermanentJobError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/** The queue backend cannot be reached (e.g. Redis is down). */
export class QueueUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueUnavailableError';
  }
}

export class JobWaitTimeoutError extends Error {
  constructor(readonly jobId: string, timeoutMs: number) {
    super(`job ${jobId} did not finish within ${timeoutMs} ms`);
    this.name = 'JobWaitTimeoutError';
  }
}

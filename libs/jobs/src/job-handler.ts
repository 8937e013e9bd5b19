import { JobData, JobName, JobResult, QueueName } from '@flexmeasures/contracts';
import { PermanentJobError } from './job-errors';

export interface JobContext {
  readonly jobId: string;
  readonly queue: QueueName;
  /** 1 for the first run. */
  readonly attempt: number;
}

/**
 * Does the work of one job type. The same handler runs in a worker process
 * (Bull on Redis) and inside the api (embedded default).
 */
export interface JobHandler<N extends JobName = JobName> {
  readonly name: N;
  /** Checks a payload read back from the queue, which carries no types. */
  parse(data: unknown): JobData<N>;
  handle(data: JobData<N>, context: JobContext): Promise<JobResult<N>>;
}

export class JobHandlerRegistry {
  private readonly handlers = new Map<string, JobHandler>();

  constructor(handlers: readonly JobHandler[]) {
    for (const handler of handlers) {
      if (this.handlers.has(handler.name)) throw new Error(`two handlers for job "${handler.name}"`);
      this.handlers.set(handler.name, handler);
    }
  }

  /** A worker refuses to start when a job type it could receive has no handler. */
  assertHandles(names: readonly JobName[]): void {
    const missing = names.filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new Error(`no handler for job type(s): ${missing.join(', ')}`);
  }

  async run(name: string, data: unknown, context: JobContext): Promise<unknown> {
    const handler = this.handlers.get(name);
    if (!handler) throw new PermanentJobError('UNKNOWN_JOB', `no handler for job type "${name}"`);
    let payload: unknown;
    try {
      payload = handler.parse(data);
    } catch (error) {
      throw new PermanentJobError('INVALID_JOB_DATA', `invalid ${name} job data: ${(error as Error).message}`);
    }
    return handler.handle(payload as never, context);
  }
}

import { JobName, PingJobData, PingJobResult } from '@flexmeasures/contracts';
import { recordTaskRun } from '@flexmeasures/persistence';
import { DataSource } from 'typeorm';
import { JobContext, JobHandler } from '../job-handler';

/** Answers with who processed it, and records the run for task checks. */
export class PingJobHandler implements JobHandler<JobName.Ping> {
  readonly name = JobName.Ping;

  constructor(
    private readonly dataSource: DataSource,
    private readonly processIdentity: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  parse(data: unknown): PingJobData {
    const value = data as Partial<PingJobData> | null;
    if (typeof value?.requestedAt !== 'string' || typeof value.requestedBy !== 'string') {
      throw new Error('expected { requestedAt: string, requestedBy: string }');
    }
    return { requestedAt: value.requestedAt, requestedBy: value.requestedBy };
  }

  async handle(_data: PingJobData, context: JobContext): Promise<PingJobResult> {
    const processedAt = this.now();
    await recordTaskRun(this.dataSource, `job:${JobName.Ping}`, true, processedAt);
    return { pong: true, processedBy: this.processIdentity, processedAt: processedAt.toISOString(), queue: context.queue };
  }
}

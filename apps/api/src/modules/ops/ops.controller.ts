import { JobName, JobState, QueueCounts, QueueName, ALL_QUEUES } from '@flexmeasures/contracts';
import type { JobQueue } from '@flexmeasures/jobs';
import { JobWaitTimeoutError } from '@flexmeasures/jobs';
import { latestTaskRuns } from '@flexmeasures/persistence';
import type { Database } from '@flexmeasures/persistence';
import { DATABASE, JOB_QUEUE, PROCESS_IDENTITY } from '@flexmeasures/server-core';
import { Controller, Get, GatewayTimeoutException, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PingJobQueryDto } from './ping-job.dto';
import { Access } from '../auth/access.decorator';

@ApiTags('operations')
@ApiHeader({ name: 'Authorization', description: 'FLEXMEASURES_TASK_CHECK_AUTH_TOKEN or an admin\'s token (bare or "Bearer <token>")' })
@Controller('api/ops')
export class OpsController {
  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(PROCESS_IDENTITY) private readonly identity: string,
  ) {}

  /** Sends a ping job through a queue and waits for a worker's answer: the queue round trip, end to end. */
  @Post('ping-job')
  @Access('ops.pingJob')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The job was processed; the result names the process that ran it.' })
  async pingJob(@Query() query: PingJobQueryDto): Promise<{ requestedBy: string; job: JobState }> {
    const job = await this.queue.enqueue(query.queue, JobName.Ping, {
      requestedAt: new Date().toISOString(),
      requestedBy: this.identity,
    });
    try {
      return { requestedBy: this.identity, job: await this.queue.waitForJob(query.queue, job.id, query.timeout * 1000) };
    } catch (error) {
      if (!(error instanceof JobWaitTimeoutError)) throw error;
      throw new GatewayTimeoutException({
        status: 'GATEWAY_TIMEOUT',
        message: `No worker finished ping job ${job.id} within ${query.timeout} s; is a worker consuming the ${query.queue} queue?`,
      });
    }
  }

  /** Job counts per queue. */
  @Get('queues')
  @Access('ops.queues')
  async queues(): Promise<Record<QueueName, QueueCounts>> {
    const counts = await Promise.all(ALL_QUEUES.map((name) => this.queue.counts(name)));
    return Object.fromEntries(ALL_QUEUES.map((name, i) => [name, counts[i]])) as Record<QueueName, QueueCounts>;
  }

  /** When each recurring task or job type last ran, and whether it succeeded. */
  @Get('task-runs')
  @Access('ops.taskRuns')
  async taskRuns(): Promise<{ name: string; datetime: string; status: boolean }[]> {
    const runs = await latestTaskRuns(this.database.dataSource);
    return runs.map((run) => ({ name: run.name, datetime: run.datetime.toISOString(), status: run.status }));
  }
}

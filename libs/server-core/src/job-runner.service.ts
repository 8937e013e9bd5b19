import { ForecastJobHandler, ScheduleJobHandler, SensorForecaster, solverSettings, StorageScheduler } from '@flexmeasures/beliefs';
import type { PlatformConfig } from '@flexmeasures/config';
import { ALL_QUEUES, JobName } from '@flexmeasures/contracts';
import { JobHandlerRegistry, PingJobHandler } from '@flexmeasures/jobs';
import type { JobQueue } from '@flexmeasures/jobs';
import type { Database } from '@flexmeasures/persistence';
import type { SolverPool } from '@flexmeasures/solvers';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { runsJobs } from './process-role';
import type { ProcessRole } from './process-role';
import { DATABASE, JOB_QUEUE, PLATFORM_CONFIG, PROCESS_IDENTITY, PROCESS_ROLE, SOLVER_POOL } from './tokens';

/** Starts consuming the queues in the processes that run jobs (see runsJobs). */
@Injectable()
export class JobRunnerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobRunnerService.name);

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
    @Inject(PROCESS_IDENTITY) private readonly identity: string,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(SOLVER_POOL) private readonly solverPool: SolverPool,
  ) {}

  onApplicationBootstrap(): void {
    if (!runsJobs(this.role, this.config)) return;
    const dataSource = this.database.dataSource;
    const scheduler = new StorageScheduler(dataSource, this.solverPool, solverSettings(this.config));
    const forecaster = new SensorForecaster(dataSource, { timezone: this.config.timing.timezone });
    const registry = new JobHandlerRegistry([
      new PingJobHandler(dataSource, this.identity),
      new ScheduleJobHandler(dataSource, scheduler),
      new ForecastJobHandler(forecaster),
    ]);
    registry.assertHandles(Object.values(JobName));
    const queues = this.role === 'worker' ? this.config.worker.queues : ALL_QUEUES;
    this.queue.startProcessing(queues as typeof ALL_QUEUES, registry, this.config.worker.concurrency);
    this.logger.log(`${this.identity} processes jobs of queue(s) ${queues.join(', ')} (${this.queue.kind})`);
  }
}

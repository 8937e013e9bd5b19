import type { PlatformConfig } from '@flexmeasures/config';
import type { JobQueue } from '@flexmeasures/jobs';
import type { Database } from '@flexmeasures/persistence';
import type { SolverPool } from '@flexmeasures/solvers';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DATABASE, JOB_QUEUE, PLATFORM_CONFIG, SOLVER_POOL } from './tokens';

/**
 * Nest calls this after the HTTP server has drained: running jobs get the
 * grace period to finish, then the queue, the solver threads and the database close.
 */
@Injectable()
export class ResourceLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(SOLVER_POOL) private readonly solverPool: SolverPool,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    const started = Date.now();
    await this.queue.close(this.config.http.shutdownTimeoutMs);
    // After the queue: a job still solving had its grace period; its solve rejects and the job goes back to the queue.
    await this.solverPool.close();
    await this.database.close();
    this.logger.log(`queue and database closed in ${Date.now() - started} ms`);
  }
}

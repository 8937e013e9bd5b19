import { PlatformConfig } from '@flexmeasures/config';
import { SolverPool } from '@flexmeasures/solvers';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { JobRunnerService } from './job-runner.service';
import { loggerParams } from './logging';
import { ProcessRole } from './process-role';
import { PlatformResources } from './platform-resources';
import { ResourceLifecycle } from './resource-lifecycle';
import { DATABASE, JOB_QUEUE, PLATFORM_CONFIG, PROCESS_IDENTITY, PROCESS_ROLE, SOLVER_POOL } from './tokens';

/**
 * What the api and the worker share: configuration, logging, the database,
 * the solver pool and the job queue (opened beforehand by openPlatformResources, closed last at
 * shutdown by ResourceLifecycle).
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: PlatformConfig, role: ProcessRole, identity: string, resources: PlatformResources): DynamicModule {
    return {
      module: CoreModule,
      imports: [LoggerModule.forRoot(loggerParams(config, identity))],
      providers: [
        { provide: PLATFORM_CONFIG, useValue: config },
        { provide: PROCESS_IDENTITY, useValue: identity },
        { provide: PROCESS_ROLE, useValue: role },
        { provide: DATABASE, useValue: resources.database },
        { provide: JOB_QUEUE, useValue: resources.queue },
        // One solver thread per job the process runs at a time; started on the first solve (idle threads keep no process alive).
        { provide: SOLVER_POOL, useFactory: () => new SolverPool({ size: config.worker.concurrency, warmUp: [config.lpSolver] }) },
        JobRunnerService,
        ResourceLifecycle,
      ],
      exports: [PLATFORM_CONFIG, PROCESS_IDENTITY, PROCESS_ROLE, DATABASE, JOB_QUEUE, SOLVER_POOL],
    };
  }
}

import { PlatformConfig } from '@flexmeasures/config';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { JobRunnerService } from './job-runner.service';
import { loggerParams } from './logging';
import { ProcessRole } from './process-role';
import { PlatformResources } from './platform-resources';
import { ResourceLifecycle } from './resource-lifecycle';
import { DATABASE, JOB_QUEUE, PLATFORM_CONFIG, PROCESS_IDENTITY, PROCESS_ROLE } from './tokens';

/**
 * What the api and the worker share: configuration, logging, the database and
 * the job queue (opened beforehand by openPlatformResources, closed last at
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
        JobRunnerService,
        ResourceLifecycle,
      ],
      exports: [PLATFORM_CONFIG, PROCESS_IDENTITY, PROCESS_ROLE, DATABASE, JOB_QUEUE],
    };
  }
}

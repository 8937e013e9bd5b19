import { DeviceMessageService, PostUdiEventService, solverSettings, StorageScheduler } from '@flexmeasures/beliefs';
import type { PlatformConfig } from '@flexmeasures/config';
import type { JobQueue } from '@flexmeasures/jobs';
import type { Database } from '@flexmeasures/persistence';
import { DATABASE, JOB_QUEUE, PLATFORM_CONFIG, SOLVER_POOL } from '@flexmeasures/server-core';
import type { SolverPool } from '@flexmeasures/solvers';
import { Provider } from '@nestjs/common';

export const storageSchedulerProvider: Provider = {
  provide: StorageScheduler,
  inject: [DATABASE, SOLVER_POOL, PLATFORM_CONFIG],
  useFactory: (database: Database, pool: SolverPool, config: PlatformConfig) => new StorageScheduler(database.dataSource, pool, solverSettings(config)),
};

export const postUdiEventProvider: Provider = {
  provide: PostUdiEventService,
  inject: [DATABASE, JOB_QUEUE],
  useFactory: (database: Database, queue: JobQueue) => new PostUdiEventService(database.dataSource, queue),
};

export const deviceMessageProvider: Provider = {
  provide: DeviceMessageService,
  inject: [DATABASE, JOB_QUEUE, StorageScheduler],
  useFactory: (database: Database, queue: JobQueue, scheduler: StorageScheduler) => new DeviceMessageService(database.dataSource, queue, scheduler),
};

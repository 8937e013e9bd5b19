import type { PlatformConfig } from '@flexmeasures/config';
import { CoreModule, PlatformResources } from '@flexmeasures/server-core';
import { DynamicModule, Module } from '@nestjs/common';

/** A worker: no HTTP, only the queues of FLEXMEASURES_WORKER_QUEUES (see JobRunnerService). */
@Module({})
export class WorkerModule {
  static forRoot(config: PlatformConfig, identity: string, resources: PlatformResources): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot(config, 'worker', identity, resources)] };
  }
}

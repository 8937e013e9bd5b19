import { BeliefEvents, ForecastAccuracyService, ForecastingTrigger } from '@flexmeasures/beliefs';
import type { PlatformConfig } from '@flexmeasures/config';
import type { JobQueue } from '@flexmeasures/jobs';
import type { Database } from '@flexmeasures/persistence';
import { DATABASE, JOB_QUEUE, PLATFORM_CONFIG } from '@flexmeasures/server-core';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Provider } from '@nestjs/common';

export const forecastAccuracyProvider: Provider = {
  provide: ForecastAccuracyService,
  inject: [DATABASE],
  useFactory: (database: Database) => new ForecastAccuracyService(database.dataSource),
};

export const forecastingTriggerProvider: Provider = {
  provide: ForecastingTrigger,
  inject: [DATABASE, JOB_QUEUE, PLATFORM_CONFIG],
  useFactory: (database: Database, queue: JobQueue, config: PlatformConfig) => new ForecastingTrigger(database.dataSource, queue, { delayMs: config.forecasting.delayMs }),
};

/**
 * Queues forecasting jobs whenever meter, price or weather data is stored
 * (FLEXMEASURES_FORECASTING_ON_NEW_DATA): on Redis for the workers, or to the
 * in-process runner of the embedded default.
 */
@Injectable()
export class ForecastingOnNewData implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ForecastingOnNewData.name);
  private detach?: () => void;

  constructor(
    private readonly events: BeliefEvents,
    private readonly trigger: ForecastingTrigger,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.forecasting.onNewData) {
      this.logger.log('forecasting on new data is off (FLEXMEASURES_FORECASTING_ON_NEW_DATA=false)');
      return;
    }
    this.detach = this.trigger.attach(this.events);
  }

  onModuleDestroy(): void {
    this.detach?.();
  }
}

import type { PlatformConfig } from '@flexmeasures/config';
import { CoreModule, PlatformResources } from '@flexmeasures/server-core';
import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { JsonBodyMiddleware } from './common/json-body.middleware';
import { AssetsModule } from './modules/assets/assets.module';
import { AuthModule } from './modules/auth/auth.module';
import { ControlModule } from './modules/control/control.module';
import { DataModule } from './modules/data/data.module';
import { ForecastingModule } from './modules/forecasting/forecasting.module';
import { HealthModule } from './modules/health/health.module';
import { OpsModule } from './modules/ops/ops.module';
import { PlatformModule } from './modules/platform/platform.module';
import { ServicesModule } from './modules/services/services.module';
import { UsersModule } from './modules/users/users.module';

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: PlatformConfig, identity: string, resources: PlatformResources): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(config, 'api', identity, resources), AuthModule, HealthModule, PlatformModule, OpsModule, UsersModule, AssetsModule, ServicesModule, DataModule, ControlModule, ForecastingModule],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JsonBodyMiddleware).forRoutes('*path');
  }
}

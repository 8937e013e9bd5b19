import { AssetsService } from '@flexmeasures/assets';
import { AssetStateService } from '@flexmeasures/beliefs';
import type { PlatformConfig } from '@flexmeasures/config';
import type { Database } from '@flexmeasures/persistence';
import { DATABASE, PLATFORM_CONFIG } from '@flexmeasures/server-core';
import { Provider } from '@nestjs/common';

export const assetsProvider: Provider = {
  provide: AssetsService,
  inject: [DATABASE],
  useFactory: (database: Database) => new AssetsService(database.dataSource),
};

export const assetStateProvider: Provider = {
  provide: AssetStateService,
  inject: [DATABASE, PLATFORM_CONFIG],
  useFactory: (database: Database, config: PlatformConfig) => new AssetStateService(database.dataSource, { playMode: config.mode === 'play' }),
};

import { AssetsService } from '@flexmeasures/assets';
import type { Database } from '@flexmeasures/persistence';
import { DATABASE } from '@flexmeasures/server-core';
import { Provider } from '@nestjs/common';

export const assetsProvider: Provider = {
  provide: AssetsService,
  inject: [DATABASE],
  useFactory: (database: Database) => new AssetsService(database.dataSource),
};

import { AccountsService, createMailer } from '@flexmeasures/accounts';
import type { PlatformConfig } from '@flexmeasures/config';
import type { Database } from '@flexmeasures/persistence';
import { DATABASE, PLATFORM_CONFIG } from '@flexmeasures/server-core';
import { Logger, Provider } from '@nestjs/common';

export const accountsProvider: Provider = {
  provide: AccountsService,
  inject: [DATABASE, PLATFORM_CONFIG],
  useFactory: (database: Database, config: PlatformConfig) => {
    const logger = new Logger('Mail');
    return new AccountsService(database.dataSource, config, createMailer(config, (line) => logger.log(line)));
  },
};

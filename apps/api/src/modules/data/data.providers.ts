import { BeliefEvents, GetBeliefsService, PostBeliefsService } from '@flexmeasures/beliefs';
import type { Database } from '@flexmeasures/persistence';
import { DATABASE } from '@flexmeasures/server-core';
import { Logger, Provider } from '@nestjs/common';

export const beliefEventsProvider: Provider = {
  provide: BeliefEvents,
  useFactory: () => {
    const logger = new Logger('BeliefEvents');
    return new BeliefEvents((error) => logger.error({ err: error }, 'a listener for stored beliefs failed'));
  },
};

export const postBeliefsProvider: Provider = {
  provide: PostBeliefsService,
  inject: [DATABASE, BeliefEvents],
  useFactory: (database: Database, events: BeliefEvents) => new PostBeliefsService(database.dataSource, events),
};

export const getBeliefsProvider: Provider = {
  provide: GetBeliefsService,
  inject: [DATABASE],
  useFactory: (database: Database) => new GetBeliefsService(database.dataSource),
};

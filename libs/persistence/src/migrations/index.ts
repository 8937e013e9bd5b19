import { LatestTaskRun1764374400000 } from './1764374400000-latest-task-run';
import { UsersAndRoles1764374500000 } from './1764374500000-users-and-roles';
import { AssetsMarketsWeather1764374600000 } from './1764374600000-assets-markets-weather';
import { BeliefIndex1764374700000 } from './1764374700000-belief-index';
import { Scheduling1764375000000 } from './1764375000000-scheduling';
import { BeliefIngest1764375100000 } from './1764375100000-belief-ingest';

/** Every migration, oldest first. Both PostgreSQL and the embedded database run these. */
export const MIGRATIONS = [LatestTaskRun1764374400000, UsersAndRoles1764374500000, AssetsMarketsWeather1764374600000, BeliefIndex1764374700000, Scheduling1764375000000, BeliefIngest1764375100000];

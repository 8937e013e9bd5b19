import { LatestTaskRun1764374400000 } from './1764374400000-latest-task-run';

/** Every migration, oldest first. Both PostgreSQL and the embedded database run these. */
export const MIGRATIONS = [LatestTaskRun1764374400000];

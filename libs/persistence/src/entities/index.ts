import { LatestTaskRunEntity } from './latest-task-run.entity';

export { LatestTaskRunEntity };

export const ENTITIES = [LatestTaskRunEntity];

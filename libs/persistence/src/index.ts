export * from './database';
export * from './entities';
export * from './migrate';
export * from './migrations';
export * from './task-runs.repository';
export * from './users.repository';
export { MAY_CONFLICT } from './query-logger';

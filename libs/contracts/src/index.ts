export * from './messages';
export * from './platform';
export * from './queues';
export * from './auth/access-table';
export * from './auth/roles';
export * from './auth/users';
export * from './api/services';

export * from './messages';
export * from './platform';
export * from './queues';

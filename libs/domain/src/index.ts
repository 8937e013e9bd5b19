export * from './errors/domain-error';
export * from './time/duration';

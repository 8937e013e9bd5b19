export * from './core.module';
export * from './logging';
export * from './process-role';
export * from './tokens';
export * from './platform-version';
export * from './run-process';
export * from './platform-resources';

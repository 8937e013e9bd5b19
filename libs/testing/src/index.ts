export * from './services';
export * from './temp-dir';
export * from './processes';
export * from './seed-examples';
export * from './until';

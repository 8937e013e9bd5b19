export * from './services';
export * from './temp-dir';

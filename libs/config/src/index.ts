export * from './config-error';
export * from './config-file';
export * from './describe-config';
export * from './load-config';
export * from './parsers';
export * from './platform-config';
export * from './settings';
export * from './settings-table';

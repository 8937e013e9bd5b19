export * from './import-beliefs';
export * from './import-options';
export * from './import-sensor';
export * from './import-source';
export * from './rejections';
export * from './sensor-reference';
export * from './zone-clock';

export * from './belief-events';
export * from './beliefs.repository';
export * from './data-endpoints';
export * from './data-sources.repository';
export * from './get-beliefs.service';
export * from './post-beliefs.service';
export * from './sensor-resolver';
export * from './sensors.repository';

export * from './storage-problem';
export * from './linear-program';
export * from './preference';
export * from './storage-model';
export * from './targets-reachable';
export * from './storage-schedule';
export * from './grid-optimum';

export * from './lp-solver';
export * from './glpk-solver';
export * from './highs-solver';
export * from './create-solver';
export * from './solver-pool';
export * from './storage-scheduling';
export * from './worker-launch';

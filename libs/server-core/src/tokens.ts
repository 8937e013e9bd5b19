/** Injection tokens of what every server process shares. */
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const DATABASE = Symbol('DATABASE');
export const JOB_QUEUE = Symbol('JOB_QUEUE');
export const PROCESS_IDENTITY = Symbol('PROCESS_IDENTITY');
export const PROCESS_ROLE = Symbol('PROCESS_ROLE');
/** The process's SolverPool: worker threads that solve scheduling programs off the main thread. */
export const SOLVER_POOL = Symbol('SOLVER_POOL');

/** Injection tokens of what every server process shares. */
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const DATABASE = Symbol('DATABASE');
export const JOB_QUEUE = Symbol('JOB_QUEUE');
export const PROCESS_IDENTITY = Symbol('PROCESS_IDENTITY');
export const PROCESS_ROLE = Symbol('PROCESS_ROLE');

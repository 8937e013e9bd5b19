export * from './bull/bull-job-queue';
export * from './create-job-queue';
export * from './handlers/ping.handler';
export * from './in-process/in-process-job-queue';
export * from './job-errors';
export * from './job-handler';
export * from './job-options';
export * from './job-queue.port';

/** The job queues; workers subscribe to these names. */
export enum QueueName {
  Scheduling = 'scheduling',
  Forecasting = 'forecasting',
}

export const ALL_QUEUES: readonly QueueName[] = [QueueName.Scheduling, QueueName.Forecasting];

export enum JobName {
  /** Proves the round trip producer → queue → worker → result. */
  Ping = 'ping',
}

export interface PingJobData {
  readonly requestedAt: string;
  /** Who asked, e.g. "api host-a:1234", for the operator reading the result. */
  readonly requestedBy: string;
}

export interface PingJobResult {
  readonly pong: true;
  readonly processedBy: string;
  readonly processedAt: string;
  readonly queue: QueueName;
}

/** Payload and result type of every job name, one place for producers and workers. */
export interface JobTypes {
  [JobName.Ping]: { data: PingJobData; result: PingJobResult };
}

export type JobData<N extends JobName> = JobTypes[N]['data'];
export type JobResult<N extends JobName> = JobTypes[N]['result'];

export type JobStatus = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed' | 'unknown';

export interface JobState<N extends JobName = JobName> {
  readonly id: string;
  readonly queue: QueueName;
  readonly name: N;
  readonly status: JobStatus;
  readonly attemptsMade: number;
  readonly result?: JobResult<N>;
  readonly failedReason?: string;
}

export interface QueueCounts {
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly completed: number;
  readonly failed: number;
}

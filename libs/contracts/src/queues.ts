/** The job queues; workers subscribe to these names. */
export enum QueueName {
  Scheduling = 'scheduling',
  Forecasting = 'forecasting',
}

export const ALL_QUEUES: readonly QueueName[] = [QueueName.Scheduling, QueueName.Forecasting];

export enum JobName {
  /** Proves the round trip producer → queue → worker → result. */
  Ping = 'ping',
  /** Computes and stores the schedule of one storage asset (after a UDI event, v1_3 on). */
  Schedule = 'schedule',
  /** Makes and stores rolling forecasts of one sensor with one horizon (after new data lands, or `add forecasts`). */
  Forecast = 'forecast',
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

/** A state-of-charge target: the SOC (MWh) the device must hold at `datetime` (the end of a slot). */
export interface ScheduleJobTarget {
  readonly datetime: string;
  readonly socMwh: number;
}

/**
 * One storage schedule to compute: the window [start, end) in slots of
 * `resolutionMinutes`, starting from `socAtStartMwh`. The schedule is stored
 * as beliefs of the scheduler's data source with belief time `beliefTime`
 * (fixed when the job is created, so a re-run hits the same keys and stores
 * nothing new); prices are those known at that time.
 */
export interface ScheduleJobData {
  readonly assetId: number;
  /** ISO 8601, on the asset's grid. */
  readonly start: string;
  readonly end: string;
  readonly resolutionMinutes: number;
  readonly socAtStartMwh: number;
  readonly targets: readonly ScheduleJobTarget[];
  /** The UDI event the schedule answers, if any, and its type. */
  readonly udiEventId?: number;
  readonly udiEventType?: string;
  readonly beliefTime: string;
}

export interface ScheduleJobResult {
  readonly assetId: number;
  readonly beliefTime: string;
  readonly slots: number;
  /** Schedule values written by this run (0 when a previous run already stored them). */
  readonly stored: number;
  /** Σ price × energy in the market's currency (negative: the schedule earns). */
  readonly costs: number;
  readonly solver: string;
  readonly solveMs: number;
}

/** The horizons the platform forecasts every sensor with (§7.1): 1, 6, 24 and 48 hours ahead. */
export const FORECAST_HORIZONS = ['PT1H', 'PT6H', 'PT24H', 'PT48H'] as const;

/**
 * Rolling forecasts of one sensor with one horizon: every event of [start,
 * end) on the sensor's grid, each believed at its own end − horizon and made
 * from what was known then, using only beliefs formed by `forecastTime` (no
 * event's belief time lies after it). Stored as beliefs of the forecaster;
 * a re-run hits the same keys and stores nothing new.
 */
export interface ForecastJobData {
  readonly sensorId: number;
  /** ISO 8601 duration, e.g. PT6H. */
  readonly horizon: string;
  /** ISO 8601, on the sensor's grid. */
  readonly start: string;
  readonly end: string;
  readonly forecastTime: string;
}

export interface ForecastJobResult {
  readonly sensorId: number;
  readonly horizon: string;
  readonly start: string;
  readonly end: string;
  readonly forecastTime: string;
  /** The model of the first event (e.g. linear-regression), its features, and why it was used when it is a fallback. */
  readonly model: string | null;
  readonly modelSpec?: string;
  readonly modelReason?: string;
  /** Events forecast, in total and per model (events may fall back to a naive model one by one). */
  readonly events: number;
  readonly eventsByModel: Readonly<Record<string, number>>;
  /** Events nothing was known for at their belief time (no forecast stored). */
  readonly unforecastable: number;
  /** Weather regressors used: type → weather sensor id. */
  readonly regressors: Readonly<Record<string, number>>;
  /** Beliefs written by this run (0 when an earlier run stored them: `known`); `conflicting` ones were stored with another value and kept. */
  readonly stored: number;
  readonly known: number;
  readonly conflicting: number;
}

/** Payload and result type of every job name, one place for producers and workers. */
export interface JobTypes {
  [JobName.Ping]: { data: PingJobData; result: PingJobResult };
  [JobName.Schedule]: { data: ScheduleJobData; result: ScheduleJobResult };
  [JobName.Forecast]: { data: ForecastJobData; result: ForecastJobResult };
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

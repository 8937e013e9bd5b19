import { ForecastJobData, ForecastJobResult, JobName } from '@flexmeasures/contracts';
import { DomainError, isoDurationToMilliseconds } from '@flexmeasures/domain';
import { JobHandler, PermanentJobError } from '@flexmeasures/jobs';
import { SensorForecaster } from './sensor-forecaster';

function instant(value: unknown, field: string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new Error(`${field} must be an ISO 8601 timestamp, got ${JSON.stringify(value)}`);
  return ms;
}

function positiveDuration(value: unknown, field: string): number {
  let ms = Number.NaN;
  try {
    if (typeof value === 'string') ms = isoDurationToMilliseconds(value);
  } catch {
    // reported below
  }
  if (!(ms > 0)) throw new Error(`${field} must be a positive ISO 8601 duration, got ${JSON.stringify(value)}`);
  return ms;
}

/**
 * The forecasting job (queue `forecasting`): rolling forecasts of one sensor
 * with one horizon for the job's window, from what was known at the job's
 * forecast time, stored as the forecaster's beliefs. Idempotent: a re-run
 * stores nothing new. Problems with the request (the sensor is gone, the
 * window is off its grid) fail the job at once; anything else (the
 * database) is thrown as it is, so the queue retries it. A job failing for
 * one sensor leaves every other job alone.
 */
export class ForecastJobHandler implements JobHandler<JobName.Forecast> {
  readonly name = JobName.Forecast;

  constructor(private readonly forecaster: SensorForecaster) {}

  parse(data: unknown): ForecastJobData {
    const value = data as Partial<ForecastJobData> | null;
    if (typeof value !== 'object' || value === null) throw new Error('expected an object');
    if (!Number.isSafeInteger(value.sensorId) || (value.sensorId as number) <= 0) throw new Error(`sensorId must be a sensor id, got ${JSON.stringify(value.sensorId)}`);
    positiveDuration(value.horizon, 'horizon');
    const startMs = instant(value.start, 'start');
    if (instant(value.end, 'end') <= startMs) throw new Error('end must lie after start');
    instant(value.forecastTime, 'forecastTime');
    return { sensorId: value.sensorId as number, horizon: value.horizon as string, start: value.start as string, end: value.end as string, forecastTime: value.forecastTime as string };
  }

  async handle(data: ForecastJobData): Promise<ForecastJobResult> {
    try {
      return await this.forecaster.run({
        sensorId: data.sensorId,
        horizonMs: positiveDuration(data.horizon, 'horizon'),
        startMs: Date.parse(data.start),
        endMs: Date.parse(data.end),
        forecastTimeMs: Date.parse(data.forecastTime),
      });
    } catch (error) {
      if (error instanceof DomainError) throw new PermanentJobError(error.code, error.message);
      throw error;
    }
  }
}

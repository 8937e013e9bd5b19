import type { Caller } from '@flexmeasures/assets';
import { FORECAST_HORIZONS, ForecastAccuracy, ForecastAccuracyResponse } from '@flexmeasures/contracts';
import { accuracyMetrics, DomainError, formatInstant, isoDurationToMilliseconds, parseInstant } from '@flexmeasures/domain';
import type { DataSource } from 'typeorm';
import { formatHorizon } from './forecast-window';
import { ForecastingRepository } from './forecasting.repository';

export interface ForecastAccuracyQuery {
  readonly start?: unknown;
  readonly end?: unknown;
  readonly horizon?: unknown;
}

/** At most a year (and a day) of events per request. */
const MAX_SPAN_MS = 366 * 24 * 3600_000;

function requiredInstant(value: unknown, field: string): number {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new DomainError('INVALID_PERIOD', `Give "${field}" as an ISO 8601 timestamp with a time zone, e.g. ${field}=2015-01-01T00:00:00Z.`, { field });
  }
  return parseInstant(value, field);
}

function horizonOf(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  let ms = Number.NaN;
  try {
    if (typeof value === 'string') ms = isoDurationToMilliseconds(value.trim());
  } catch {
    // refused below, with the field's name
  }
  if (!(ms > 0)) throw new DomainError('INVALID_HORIZON', `"horizon" must be a positive ISO 8601 duration such as PT6H, got ${JSON.stringify(value)}.`, { field: 'horizon' });
  return ms;
}

/**
 * Forecast accuracy of a sensor (§7.1, §12.3): per horizon, the forecaster's
 * median believed exactly that long before each event ended, paired with the
 * event's measurement (its latest belief of any source but the platform's
 * scripts), summarised as MAE, WAPE and 1 − WAPE. An asset's accuracy is for
 * its owner and admins; markets and weather sensors are shared.
 */
export class ForecastAccuracyService {
  private readonly repository = new ForecastingRepository();

  constructor(private readonly dataSource: DataSource) {}

  async accuracy(caller: Caller, sensorId: number, query: ForecastAccuracyQuery): Promise<ForecastAccuracyResponse> {
    const sensor = await this.repository.sensor(this.dataSource.manager, sensorId);
    if (sensor === undefined) throw new DomainError('NOT_FOUND', `There is no sensor ${sensorId}.`, { sensorId });
    if (sensor.kind === 'asset' && !caller.isAdmin && sensor.ownerId !== caller.id) {
      throw new DomainError('INVALID_SENDER', `Sensor ${sensorId} is another user's asset; only its owner and administrators may see its forecast accuracy.`);
    }
    const startMs = requiredInstant(query.start, 'start');
    const endMs = requiredInstant(query.end, 'end');
    if (endMs <= startMs) throw new DomainError('INVALID_PERIOD', '"end" must lie after "start".', { field: 'end' });
    if (endMs - startMs > MAX_SPAN_MS) throw new DomainError('INVALID_PERIOD', 'Ask for at most 366 days at once.', { field: 'end' });
    const requested = horizonOf(query.horizon);
    const horizons = requested === undefined ? FORECAST_HORIZONS.map((h) => isoDurationToMilliseconds(h)) : [requested];
    const res = sensor.resolutionMs;
    // Whole events: from the one containing the start to the one containing the end.
    const window = { startMs: Math.floor(startMs / res) * res, endMs: Math.ceil(endMs / res) * res };
    const accuracy: ForecastAccuracy[] = [];
    for (const horizonMs of horizons) {
      const pairs = await this.repository.forecastPairs(this.dataSource.manager, { sensorId, ...window, resolutionMs: res, horizonMs });
      const metrics = accuracyMetrics(pairs.forecasts.map((forecast, i) => ({ forecast, actual: pairs.actuals[i] })));
      accuracy.push({
        horizon: formatHorizon(horizonMs),
        mae: metrics.mae,
        wape: metrics.wape,
        accuracy: metrics.accuracy,
        pairs: metrics.count,
        unit: sensor.unit,
        ...(metrics.reason ? { reason: metrics.reason } : {}),
      });
    }
    return { sensor_id: sensorId, start: formatInstant(window.startMs), end: formatInstant(window.endMs), accuracy };
  }
}

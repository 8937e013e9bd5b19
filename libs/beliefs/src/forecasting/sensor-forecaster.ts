import { nearestWeatherSensor } from '@flexmeasures/assets';
import type { ForecastJobResult } from '@flexmeasures/contracts';
import {
  DomainError,
  ForecastBounds,
  ForecastResult,
  formatInstant,
  fromMegawatts,
  isPowerUnit,
  makeForecasts,
  millisecondsToIsoDuration,
  RegressorInput,
} from '@flexmeasures/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { BeliefsRepository, IngestCounts } from '../beliefs.repository';
import { ZoneClock } from '../csv-import/zone-clock';
import { DataSourcesRepository } from '../data-sources.repository';
import { forecasterSource } from './forecaster-source';
import { formatHorizon, HISTORY_MS } from './forecast-window';
import { ForecastingRepository, ForecastSensor } from './forecasting.repository';

/**
 * Weather regressors per asset type (§7.1: "regressors (e.g. wind speed
 * prediction to forecast wind power production)"): irradiation (and the
 * panels' temperature) for solar, wind speed for wind, temperature (heating
 * and cooling) for buildings. Other assets, markets (no location) and
 * weather sensors are forecast from their own history.
 */
export const WEATHER_REGRESSORS: Readonly<Record<string, readonly string[]>> = {
  solar: ['radiation', 'temperature'],
  wind: ['wind_speed'],
  building: ['temperature'],
};

/** Weather that cannot be negative. */
const NON_NEGATIVE_WEATHER = ['radiation', 'wind_speed'];

export interface ForecastRun {
  readonly sensorId: number;
  readonly horizonMs: number;
  /** Events [startMs, endMs) on the sensor's grid. */
  readonly startMs: number;
  readonly endMs: number;
  /** Nothing believed later is read; no event's belief time may lie after it. */
  readonly forecastTimeMs: number;
}

export interface ComputedForecasts {
  readonly run: ForecastRun;
  readonly sensor: ForecastSensor;
  readonly result: ForecastResult;
  /** Weather sensor type → the weather sensor whose beliefs were used. */
  readonly regressors: Readonly<Record<string, number>>;
}

export interface ForecasterSettings {
  /** FLEXMEASURES_TIMEZONE: local time for the calendar terms (hour of day, weekend). */
  readonly timezone: string;
}

/** Physical limits of a sensor's values: an asset's capacity (in its unit, USEF signs: production negative), non-negative weather. */
export function forecastBounds(sensor: ForecastSensor): ForecastBounds {
  if (sensor.kind === 'weather_sensor') return NON_NEGATIVE_WEATHER.includes(sensor.typeName) ? { min: 0 } : {};
  if (sensor.kind !== 'asset' || sensor.capacityMw === undefined || !isPowerUnit(sensor.unit)) return {};
  const [capacity] = fromMegawatts([sensor.capacityMw], sensor.unit);
  if (sensor.isConsumer && !sensor.isProducer) return { min: 0, max: capacity };
  if (sensor.isProducer && !sensor.isConsumer) return { min: -capacity, max: 0 };
  return { min: -capacity, max: capacity };
}

/**
 * Makes a sensor's rolling forecasts for a window (the forecasting job, and
 * `add forecasts`): reads its outcomes and, for assets, the weather forecasts
 * of the nearest weather sensors, both as known at the forecast time (in
 * SQL: nothing believed later leaves the database), runs the domain's model
 * and stores the forecasts as beliefs of the forecaster — one source per
 * model, so a forecast that fell back to a naive model says so.
 */
export class SensorForecaster {
  private readonly repository = new ForecastingRepository();
  private readonly beliefs = new BeliefsRepository();
  private readonly sources: DataSourcesRepository;
  private readonly clock: ZoneClock;

  constructor(
    private readonly dataSource: DataSource,
    settings: ForecasterSettings,
  ) {
    this.sources = new DataSourcesRepository(dataSource);
    this.clock = new ZoneClock(settings.timezone);
  }

  /** Problems with the request (unknown sensor, a window off the grid or beyond the forecast time) are DomainErrors. */
  async compute(run: ForecastRun): Promise<ComputedForecasts> {
    const manager = this.dataSource.manager;
    const sensor = await this.repository.sensor(manager, run.sensorId);
    if (sensor === undefined) throw new DomainError('UNRECOGNIZED_SENSOR', `Sensor ${run.sensorId} does not exist (any more); there is nothing to forecast.`, { sensorId: run.sensorId });
    const res = sensor.resolutionMs;
    if (run.startMs % res !== 0 || run.endMs % res !== 0 || run.endMs <= run.startMs) {
      throw new DomainError(
        'UNPROCESSABLE_ENTITY',
        `The forecast window ${formatInstant(run.startMs)} to ${formatInstant(run.endMs)} must be a non-empty span of whole ${millisecondsToIsoDuration(res)} events of sensor ${sensor.id}.`,
        { sensorId: sensor.id },
      );
    }
    const historyStartMs = run.startMs - HISTORY_MS;
    const known = { knownAtMs: run.forecastTimeMs };
    const outcomes = await this.repository.outcomesKnownAt(manager, { sensorId: sensor.id, startMs: historyStartMs, endMs: run.endMs, resolutionMs: res, ...known });
    const { inputs, used } = await this.regressors(manager, sensor, { fromMs: historyStartMs, toMs: run.endMs, knownAtMs: run.forecastTimeMs, horizonMs: run.horizonMs });
    const result = makeForecasts({
      outcomes,
      forecastTimeMs: run.forecastTimeMs,
      horizonMs: run.horizonMs,
      window: { fromMs: run.startMs, toMs: run.endMs },
      seasonality: sensor.seasonality,
      regressors: inputs,
      options: { bounds: forecastBounds(sensor), utcOffsetMs: this.clock.offsetAt(run.startMs) },
    });
    return { run, sensor, result, regressors: used };
  }

  /**
   * Stores the forecasts: per model, the median and the other quantiles
   * (cumulative probabilities 0.1 and 0.9) with belief time = event end −
   * horizon. A forecast already stored under the same key stays as it is
   * (the belief store counts it as known), so storing the same forecasts
   * twice stores them once — windows of consecutive jobs overlap.
   */
  async store(manager: EntityManager, computed: ComputedForecasts): Promise<IngestCounts> {
    const { sensor } = computed;
    const byModel = new Map<string, ForecastResult['forecasts'][number][]>();
    for (const forecast of computed.result.forecasts) byModel.set(forecast.model.name, [...(byModel.get(forecast.model.name) ?? []), forecast]);
    const total = { received: 0, stored: 0, known: 0, conflicting: 0 };
    for (const [model, forecasts] of byModel) {
      const sourceId = await this.sources.forScript(manager, forecasterSource(model));
      const probabilities = [...new Set(forecasts.flatMap((f) => Object.keys(f.quantiles).map(Number)))].sort((a, b) => a - b);
      for (const probability of probabilities) {
        const rows = forecasts.filter((f) => f.quantiles[probability] !== undefined);
        const counts = await this.beliefs.insert(manager, sourceId, {
          sensorIds: rows.map(() => sensor.id),
          eventStarts: rows.map((f) => f.eventStartMs),
          beliefTimes: rows.map((f) => f.beliefTimeMs),
          values: rows.map((f) => f.quantiles[probability]),
          cumulativeProbabilities: rows.map(() => probability),
        });
        total.received += counts.received;
        total.stored += counts.stored;
        total.known += counts.known;
        total.conflicting += counts.conflicting;
      }
    }
    return total;
  }

  /** Computes and stores (one transaction) and says what happened. */
  async run(run: ForecastRun): Promise<ForecastJobResult> {
    const computed = await this.compute(run);
    const counts = computed.result.forecasts.length === 0 ? { stored: 0, known: 0, conflicting: 0 } : await this.dataSource.transaction((manager) => this.store(manager, computed));
    return describeRun(computed, counts);
  }

  private async regressors(
    manager: EntityManager,
    sensor: ForecastSensor,
    { fromMs, toMs, knownAtMs, horizonMs }: { fromMs: number; toMs: number; knownAtMs: number; horizonMs: number },
  ): Promise<{ inputs: RegressorInput[]; used: Record<string, number> }> {
    const inputs: RegressorInput[] = [];
    const used: Record<string, number> = {};
    if (sensor.kind !== 'asset' || sensor.location === undefined) return { inputs, used };
    for (const type of WEATHER_REGRESSORS[sensor.typeName] ?? []) {
      const nearest = await nearestWeatherSensor(this.dataSource, sensor.location, type);
      if (nearest === null) continue;
      const [weather] = await manager.query('SELECT event_resolution_minutes AS minutes FROM sensor WHERE id = $1', [nearest.id]);
      const resolutionMs = Number(weather.minutes) * 60_000;
      const beliefs = await this.repository.beliefsKnownAt(manager, {
        sensorId: nearest.id,
        startMs: fromMs - resolutionMs,
        endMs: toMs + resolutionMs,
        knownAtMs,
        usedFor: { horizonMs, resolutionMs, outcomeResolutionMs: sensor.resolutionMs },
      });
      if (beliefs.length === 0) continue;
      inputs.push({ name: type, resolutionMs, beliefs });
      used[type] = nearest.id;
    }
    return { inputs, used };
  }
}

export function describeRun(computed: ComputedForecasts, counts: Pick<IngestCounts, 'stored' | 'known' | 'conflicting'>): ForecastJobResult {
  const { run, result } = computed;
  const eventsByModel: Record<string, number> = {};
  for (const forecast of result.forecasts) eventsByModel[forecast.model.name] = (eventsByModel[forecast.model.name] ?? 0) + 1;
  const first = result.forecasts[0]?.model ?? result.model;
  return {
    sensorId: run.sensorId,
    horizon: formatHorizon(run.horizonMs),
    start: new Date(run.startMs).toISOString(),
    end: new Date(run.endMs).toISOString(),
    forecastTime: new Date(run.forecastTimeMs).toISOString(),
    model: first?.name ?? null,
    ...(first?.spec ? { modelSpec: first.spec } : {}),
    ...(first?.reason ? { modelReason: first.reason } : {}),
    events: result.forecasts.length,
    eventsByModel,
    unforecastable: result.unforecastable.length,
    regressors: computed.regressors,
    stored: counts.stored,
    known: counts.known,
    conflicting: counts.conflicting,
  };
}

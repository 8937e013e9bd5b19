import { DomainError } from '../../errors/domain-error';
import type { RegularSeries } from '../regular-series';
import type { ValueBelief } from '../value-beliefs';
import { autoregressive, gaussian, mulberry32, seedFor } from './random';
import { cloudyIrradiance } from './sun';
import { clearSkyOfEvent, SYNTHETIC_RESOLUTION_MS, type Place, type SyntheticWeather } from './weather';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** The weather a forecasting model uses as regressors (named after the platform's weather sensor types). */
export type WeatherVariable = 'temperature' | 'wind_speed' | 'radiation';

export interface WeatherForecastOptions {
  readonly seed: number;
  /** Forecasts are issued at multiples of `issueEveryMs` (counted from the epoch) within [fromMs, toMs). */
  readonly fromMs: number;
  readonly toMs: number;
  /** Default 6 hours. */
  readonly issueEveryMs?: number;
  /** Each issue covers the events ending within this time after it. Default 60 hours. */
  readonly maxLeadMs?: number;
}

/**
 * How wrong a forecast is: the error's standard deviation grows linearly with
 * the lead time (`base` + `perDay` × lead in days), and errors of one issue
 * are correlated from one quarter-hour to the next (AR(1) with `phi`), as
 * real forecasts drift rather than jitter.
 */
const ERRORS = {
  temperature: { base: 0.4, perDay: 0.9, phi: 0.97 },
  wind_speed: { base: 0.6, perDay: 0.9, phi: 0.97 },
  // Radiation forecasts are wrong through their clouds.
  cloudiness: { base: 0.06, perDay: 0.1, phi: 0.95 },
} as const;

/**
 * Weather forecasts as beliefs: for every issue time, the true value of each
 * coming event plus an error that grows with the lead time. An event's belief
 * time is its issue time, so "the latest belief with belief time ≤ t" is
 * what a weather service had said by t. Seeded per issue: the same issue
 * always gives the same numbers, whatever window is asked for.
 */
export function weatherForecastBeliefs(weather: SyntheticWeather, place: Place, variable: WeatherVariable, options: WeatherForecastOptions): ValueBelief[] {
  const issueEveryMs = options.issueEveryMs ?? 6 * HOUR_MS;
  const maxLeadMs = options.maxLeadMs ?? 60 * HOUR_MS;
  if (!(issueEveryMs > 0) || !(maxLeadMs > 0)) throw new DomainError('UNPROCESSABLE_ENTITY', 'Forecast issues need a positive interval and lead time.');
  const truth = variable === 'temperature' ? weather.temperature : variable === 'wind_speed' ? weather.windSpeed : weather.cloudiness;
  const errors = variable === 'radiation' ? ERRORS.cloudiness : ERRORS[variable];
  const steps = Math.floor(maxLeadMs / SYNTHETIC_RESOLUTION_MS);
  const beliefs: ValueBelief[] = [];
  for (let issue = Math.ceil(options.fromMs / issueEveryMs) * issueEveryMs; issue < options.toMs; issue += issueEveryMs) {
    const first = Math.ceil((issue - truth.startMs) / SYNTHETIC_RESOLUTION_MS);
    const drift = autoregressive(gaussian(mulberry32(seedFor(options.seed, 'forecast', variable, issue))), errors.phi, steps);
    for (let k = 0; k < steps; k++) {
      const index = first + k;
      const actual = truth.values[index];
      if (index < 0 || actual === null || actual === undefined) continue;
      const eventStartMs = truth.startMs + index * SYNTHETIC_RESOLUTION_MS;
      const leadDays = (eventStartMs + SYNTHETIC_RESOLUTION_MS - issue) / DAY_MS;
      const guess = actual + (errors.base + errors.perDay * leadDays) * drift[k];
      beliefs.push({ eventStartMs, beliefTimeMs: issue, value: forecastValue(variable, guess, eventStartMs, place) });
    }
  }
  return beliefs;
}

function forecastValue(variable: WeatherVariable, guess: number, eventStartMs: number, place: Place): number {
  if (variable === 'temperature') return guess;
  if (variable === 'wind_speed') return Math.max(0, guess);
  return cloudyIrradiance(clearSkyOfEvent(eventStartMs, place), guess) / 1000;
}

/** Observations as beliefs: each value believed at the end of its event. */
export function observationBeliefs(series: RegularSeries): ValueBelief[] {
  const beliefs: ValueBelief[] = [];
  series.values.forEach((value, i) => {
    if (value === null) return;
    const eventStartMs = series.startMs + i * series.resolutionMs;
    beliefs.push({ eventStartMs, beliefTimeMs: eventStartMs + series.resolutionMs, value });
  });
  return beliefs;
}

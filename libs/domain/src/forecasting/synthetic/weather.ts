import { DomainError } from '../../errors/domain-error';
import { normalCdf } from '../normal-distribution';
import type { RegularSeries } from '../regular-series';
import { dailyCycle, localTime, seasonalCycle, solarTimeOffsetMs } from './local-time';
import { autoregressive, gaussian, mulberry32, seedFor } from './random';
import { clearSkyIrradiance, cloudyIrradiance, solarElevationDeg } from './sun';

export const SYNTHETIC_RESOLUTION_MS = 15 * 60_000;

export interface Place {
  readonly lat: number;
  readonly lng: number;
}

export interface SyntheticPeriod extends Place {
  readonly seed: number;
  /** On the 15-minute grid. */
  readonly startMs: number;
  /** Number of 15-minute steps. */
  readonly steps: number;
}

/** The true weather at 15-minute resolution. */
export interface SyntheticWeather {
  /** °C */
  readonly temperature: RegularSeries;
  /** m/s */
  readonly windSpeed: RegularSeries;
  /** 0 (clear) … 1 (overcast) */
  readonly cloudiness: RegularSeries;
  /** Global horizontal irradiance in kW/m² (the unit of the platform's radiation sensors). */
  readonly radiation: RegularSeries;
}

export function checkPeriod(period: SyntheticPeriod): void {
  if (period.startMs % SYNTHETIC_RESOLUTION_MS !== 0) throw new DomainError('UNPROCESSABLE_ENTITY', 'Synthetic data starts on a quarter-hour.');
  if (!Number.isInteger(period.steps) || period.steps < 1) throw new DomainError('UNPROCESSABLE_ENTITY', 'Synthetic data needs at least one step.');
  if (!(Math.abs(period.lat) <= 90) || !(Math.abs(period.lng) <= 180)) throw new DomainError('UNPROCESSABLE_ENTITY', 'A place needs a latitude within ±90 and a longitude within ±180.');
}

/** Weibull quantile with shape k and scale: wind speeds have (roughly) this marginal distribution. */
function weibullQuantile(u: number, shape: number, scale: number): number {
  return scale * Math.pow(-Math.log(1 - Math.min(u, 1 - 1e-12)), 1 / shape);
}

/** The clear-sky irradiance of a 15-minute event (sun position at its middle), W/m². */
export function clearSkyOfEvent(eventStartMs: number, place: Place): number {
  return clearSkyIrradiance(solarElevationDeg(eventStartMs + SYNTHETIC_RESOLUTION_MS / 2, place.lat, place.lng));
}

/** Wind speed from a standard normal latent value, by season (windier in winter). */
export function windFromLatent(latent: number, dayOfYear: number, hour: number, hemisphere: number): number {
  const scale = (7 + 1.5 * hemisphere * seasonalCycle(dayOfYear, 15)) * (1 + 0.08 * dailyCycle(hour, 14));
  return weibullQuantile(normalCdf(latent), 2, scale);
}

/** Cloudiness from a standard normal latent value, by season (cloudier in winter). */
export function cloudinessFromLatent(latent: number, dayOfYear: number, hemisphere: number): number {
  return normalCdf(1.2 * latent + 0.35 * hemisphere * seasonalCycle(dayOfYear, 15) - 0.1);
}

/**
 * Temperature (seasonal and daily cycle, damped by clouds, plus AR(1)
 * weather noise), wind speed (autocorrelated, Weibull marginal), cloudiness
 * (autocorrelated, in [0, 1]) and irradiance from the sun's position, a
 * clear-sky model and the clouds. Seeded: the same period gives the same
 * numbers, and a longer period starts with the numbers of a shorter one.
 */
export function generateWeather(period: SyntheticPeriod): SyntheticWeather {
  checkPeriod(period);
  const { seed, startMs, steps } = period;
  const hemisphere = period.lat >= 0 ? 1 : -1;
  const offset = solarTimeOffsetMs(period.lng);
  // Correlation times: temperature anomalies ~5 days, wind ~1.5 days, clouds ~16 hours.
  const temperatureNoise = autoregressive(gaussian(mulberry32(seedFor(seed, 'temperature'))), 0.998, steps);
  const windLatent = autoregressive(gaussian(mulberry32(seedFor(seed, 'wind'))), 0.993, steps);
  const cloudLatent = autoregressive(gaussian(mulberry32(seedFor(seed, 'clouds'))), 0.985, steps);
  const jitter = gaussian(mulberry32(seedFor(seed, 'temperature-jitter')));
  const temperature: number[] = [];
  const windSpeed: number[] = [];
  const cloudiness: number[] = [];
  const radiation: number[] = [];
  for (let t = 0; t < steps; t++) {
    const start = startMs + t * SYNTHETIC_RESOLUTION_MS;
    const { hour, dayOfYear } = localTime(start, offset);
    const cloud = cloudinessFromLatent(cloudLatent[t], dayOfYear, hemisphere);
    const seasonal = 15 + 9 * hemisphere * seasonalCycle(dayOfYear, 200);
    const daily = 4 * (1 - 0.6 * cloud) * dailyCycle(hour, 15);
    temperature.push(seasonal + daily + 3 * temperatureNoise[t] + 0.2 * jitter());
    windSpeed.push(windFromLatent(windLatent[t], dayOfYear, hour, hemisphere));
    cloudiness.push(cloud);
    radiation.push(cloudyIrradiance(clearSkyOfEvent(start, period), cloud) / 1000);
  }
  const series = (values: number[]): RegularSeries => ({ startMs, resolutionMs: SYNTHETIC_RESOLUTION_MS, values });
  return { temperature: series(temperature), windSpeed: series(windSpeed), cloudiness: series(cloudiness), radiation: series(radiation) };
}

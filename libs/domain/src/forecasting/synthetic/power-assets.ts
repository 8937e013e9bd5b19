import type { RegularSeries } from '../regular-series';
import { hourBump, localTime } from './local-time';
import { autoregressive, gaussian, mulberry32, seedFor } from './random';
import type { SyntheticWeather } from './weather';

/** Power in kW as a magnitude (production of producers, consumption of consumers); USEF signs are applied where data is posted. */
function valuesOf(series: RegularSeries): number[] {
  return series.values.map((v) => v ?? Number.NaN);
}

function like(series: RegularSeries, values: number[]): RegularSeries {
  return { startMs: series.startMs, resolutionMs: series.resolutionMs, values };
}

export interface SolarParkOptions {
  readonly seed: number;
  /** Peak DC power, kW. */
  readonly capacityKw: number;
  /** Inverter limit as a share of the DC capacity (a DC/AC ratio of 1.25 is 0.8). */
  readonly inverterShare?: number;
}

/**
 * A solar park: DC power proportional to irradiance with 15% system losses
 * and a temperature derating of 0.4%/K above 25 °C cell temperature, clipped
 * at the inverter limit, with a few percent of measurement/soiling noise.
 */
export function solarPark(weather: SyntheticWeather, options: SolarParkOptions): RegularSeries {
  const radiation = valuesOf(weather.radiation);
  const temperature = valuesOf(weather.temperature);
  const noise = gaussian(mulberry32(seedFor(options.seed, 'solar')));
  const limit = (options.inverterShare ?? 0.8) * options.capacityKw;
  const values = radiation.map((irradiance, t) => {
    if (irradiance <= 0) return 0;
    const cellTemperature = temperature[t] + 25 * irradiance;
    const dc = options.capacityKw * irradiance * 0.85 * (1 - 0.004 * (cellTemperature - 25)) * (1 + 0.02 * noise());
    return Math.max(0, Math.min(limit, dc));
  });
  return like(weather.radiation, values);
}

/** The share of rated power a turbine delivers at a hub wind speed: cut-in 3 m/s, rated 12 m/s, cut-out 25 m/s. */
export function powerCurve(windSpeed: number): number {
  if (windSpeed < 3 || windSpeed >= 25) return 0;
  if (windSpeed >= 12) return 1;
  return (windSpeed ** 3 - 27) / (12 ** 3 - 27);
}

export interface WindParkOptions {
  readonly seed: number;
  readonly capacityKw: number;
}

/** A wind park: the power curve at hub height (10 m wind × 1.15) with slowly varying availability and wake losses. */
export function windPark(weather: SyntheticWeather, options: WindParkOptions): RegularSeries {
  const wind = valuesOf(weather.windSpeed);
  const losses = autoregressive(gaussian(mulberry32(seedFor(options.seed, 'wind-park'))), 0.95, wind.length);
  const values = wind.map((speed, t) => options.capacityKw * powerCurve(speed * 1.15) * Math.min(1, Math.max(0, 0.95 + 0.04 * losses[t])));
  return like(weather.windSpeed, values);
}

export interface BuildingOptions {
  readonly seed: number;
  /** Always-on load, kW. */
  readonly baseKw: number;
  /** Extra load when fully occupied, kW. */
  readonly occupiedKw: number;
  /** Local time offset for the occupancy pattern. */
  readonly utcOffsetMs: number;
}

/** Occupancy of an office building at a local hour: 1 on weekday office hours, a little on weekend days. */
export function occupancy(hour: number, weekday: number): number {
  const ramp = (x: number) => Math.min(1, Math.max(0, x));
  const day = ramp((hour - 6.5) / 2) * ramp((19.5 - hour) / 2);
  return weekday === 0 || weekday === 6 ? 0.2 * day : day;
}

/**
 * An office building: base load, occupancy (daily and weekly pattern), electric
 * heating below 15 °C and cooling above 23 °C (kW per kelvin, more when
 * occupied), and autocorrelated noise.
 */
export function building(weather: SyntheticWeather, options: BuildingOptions): RegularSeries {
  const temperature = valuesOf(weather.temperature);
  const noise = autoregressive(gaussian(mulberry32(seedFor(options.seed, 'building'))), 0.9, temperature.length);
  const { startMs, resolutionMs } = weather.temperature;
  const values = temperature.map((celsius, t) => {
    const { hour, weekday } = localTime(startMs + t * resolutionMs, options.utcOffsetMs);
    const occupied = occupancy(hour, weekday);
    const heating = (3 + 4 * occupied) * Math.max(0, 15 - celsius);
    const cooling = (2 + 6 * occupied) * Math.max(0, celsius - 23);
    const lunchDip = -0.1 * options.occupiedKw * occupied * hourBump(hour, 12.5, 0.5);
    const load = options.baseKw + options.occupiedKw * occupied + heating + cooling + lunchDip;
    return Math.max(0, load * (1 + 0.04 * noise[t]));
  });
  return like(weather.temperature, values);
}

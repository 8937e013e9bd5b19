import type { RegularSeries } from '../regular-series';
import { hourBump, localTime, seasonalCycle } from './local-time';
import { powerCurve } from './power-assets';
import { autoregressive, gaussian, mulberry32, seedFor } from './random';
import type { SyntheticWeather } from './weather';

const HOUR_MS = 3600_000;

export interface DayAheadPricesOptions {
  readonly seed: number;
  readonly utcOffsetMs: number;
  /** Northern (1) or southern (−1) hemisphere, for the season. */
  readonly hemisphere: 1 | -1;
}

function hourlyMean(series: RegularSeries, hour: number): number {
  const perHour = HOUR_MS / series.resolutionMs;
  let sum = 0;
  for (let k = 0; k < perHour; k++) sum += series.values[hour * perHour + k] ?? 0;
  return sum / perHour;
}

/**
 * Hourly day-ahead prices in EUR/MWh: a seasonal level (dearer in winter),
 * a daily shape with a night trough and morning and evening peaks, a weekend
 * dip, demand for heating, the merit-order effect of wind and solar (prices
 * fall, and at sunny, windy weekend noons turn negative) and autocorrelated
 * noise. Hour h covers the four quarter-hours of the weather from its start.
 */
export function dayAheadPrices(weather: SyntheticWeather, options: DayAheadPricesOptions): RegularSeries {
  const { startMs } = weather.temperature;
  const hours = Math.floor((weather.temperature.values.length * weather.temperature.resolutionMs) / HOUR_MS);
  const noise = autoregressive(gaussian(mulberry32(seedFor(options.seed, 'prices'))), 0.9, hours);
  const values: number[] = [];
  for (let h = 0; h < hours; h++) {
    const { hour, weekday, dayOfYear } = localTime(startMs + h * HOUR_MS, options.utcOffsetMs);
    const weekend = weekday === 0 || weekday === 6;
    const wind = powerCurve(hourlyMean(weather.windSpeed, h) * 1.15);
    const sun = hourlyMean(weather.radiation, h);
    const cold = Math.max(0, 12 - hourlyMean(weather.temperature, h));
    const shape = -12 * hourBump(hour, 3.5, 2) + 16 * hourBump(hour, 8, 1.5) + 26 * hourBump(hour, 19, 2);
    const price = 52 + 10 * options.hemisphere * seasonalCycle(dayOfYear, 15) + shape - (weekend ? 12 : 0) + 1.2 * cold - 38 * wind - 60 * sun + 7 * noise[h];
    values.push(Math.round(price * 100) / 100);
  }
  return { startMs, resolutionMs: HOUR_MS, values };
}

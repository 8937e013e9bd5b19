// Shared by the forecasting benchmarks (benchmarks/forecasting-*.bench.mjs): one
// year of synthetic 15-minute history per asset type (plus the month after it
// as the actual values to score against), weather forecasts as beliefs, the
// forecast requests per asset type and horizon, and the seed's accuracy table.
// Everything comes from the built libs/domain (makeForecasts and its synthetic
// data generators); no database, no Redis.

import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './support.mjs';

const require = createRequire(import.meta.url);

export const HOUR_MS = 3600_000;
export const DAY_MS = 24 * HOUR_MS;
export const HORIZONS_H = [1, 6, 24, 48];
/** History starts 2015-05-01 (UTC); the year of history ends 2016-04-30, and the 30 days after it are forecast. */
export const HISTORY_START_MS = Date.UTC(2015, 4, 1);
export const HISTORY_DAYS = 365;
export const FORECAST_DAYS = 30;
export const SEED = 42;
/** The seed's example location (Jeju, §15.2). */
export const PLACE = { lat: 33.4843866, lng: 126.477859 };

/**
 * The seed's example accuracies (1 − WAPE) per asset type and horizon, from
 * §7.1 "Forecasting" of the FlexMeasures 0.3.0 documentation (the table
 * "Example benchmarks per asset type"), in percent.
 */
export const SEED_ACCURACY = {
  building: { column: 'Building', byHorizon: { 1: 93.4, 6: 92.6, 24: 92.4, 48: 92.1 } },
  evChargers: { column: 'Charge Points', byHorizon: { 1: 87.6, 6: 73.0, 24: 65.2, 48: 63.7 } },
  solar: { column: 'Solar', byHorizon: { 1: 95.2, 6: 83.7, 24: 46.1, 48: 43.3 } },
  wind: { column: 'Wind (offshore)', byHorizon: { 1: 81.6, 6: 73.8, 24: 60.1, 48: 56.9 } },
  prices: { column: 'Day-ahead market', byHorizon: { 1: 88.0, 6: 81.9, 24: 81.4, 48: 72.3 } },
};

/**
 * The synthetic assets with what forecasting is told about them: periodicity
 * (the platform's asset and market types), weather regressors (weather sensor
 * type names) and physical bounds.
 */
export const ASSETS = [
  { key: 'solar', label: 'solar (500 kWp)', unit: 'kW', seasonality: { daily: true, weekly: false }, regressors: ['radiation', 'temperature'], bounds: { min: 0, max: 400 } },
  { key: 'wind', label: 'wind (2 MW)', unit: 'kW', seasonality: { daily: true, weekly: false }, regressors: ['wind_speed'], bounds: { min: 0, max: 2000 } },
  { key: 'building', label: 'building', unit: 'kW', seasonality: { daily: true, weekly: true }, regressors: ['temperature'], bounds: { min: 0 } },
  { key: 'evChargers', label: 'charge points (8 × 11 kW)', unit: 'kW', seasonality: { daily: true, weekly: true }, regressors: [], bounds: { min: 0, max: 88 } },
  { key: 'prices', label: 'day-ahead prices', unit: 'EUR/MWh', seasonality: { daily: true, weekly: true }, regressors: ['temperature', 'wind_speed', 'radiation'], bounds: {} },
];

export function domainLibrary() {
  const file = path.join(REPO_ROOT, 'libs', 'domain', 'dist', 'index.js');
  if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing; build with npx tsc -b tsconfig.build.json`);
  return require(file);
}

/** The year of history and the month after it, and weather forecasts (issued every 6 h, 60 h ahead) for the whole period. */
export function generateData() {
  const { synthetic } = domainLibrary();
  const started = performance.now();
  const data = synthetic.generateYear({ seed: SEED, startMs: HISTORY_START_MS, days: HISTORY_DAYS + FORECAST_DAYS, ...PLACE });
  const to = HISTORY_START_MS + (HISTORY_DAYS + FORECAST_DAYS) * DAY_MS;
  const weatherBeliefs = Object.fromEntries(
    ['temperature', 'wind_speed', 'radiation'].map((variable) => [
      variable,
      synthetic.weatherForecastBeliefs(data.weather, PLACE, variable, { seed: SEED, fromMs: HISTORY_START_MS - 3 * DAY_MS, toMs: to }),
    ]),
  );
  const beliefs = Object.values(weatherBeliefs).reduce((n, list) => n + list.length, 0);
  console.error(`  generated ${HISTORY_DAYS} + ${FORECAST_DAYS} days of 15-minute data (seed ${SEED}) and ${beliefs.toLocaleString('en')} weather forecast beliefs in ${(performance.now() - started).toFixed(0)} ms`);
  return { data, weatherBeliefs, historyEndMs: HISTORY_START_MS + HISTORY_DAYS * DAY_MS };
}

/** The outcomes as known at `knownAtMs` (the series cut there: nothing later is even passed). */
export function outcomesUntil(series, knownAtMs) {
  return { ...series, values: series.values.slice(0, Math.max(0, Math.floor((knownAtMs - series.startMs) / series.resolutionMs))) };
}

/**
 * The request for rolling forecasts of an asset: every event of [fromMs, toMs)
 * with the horizon, made at `forecastTimeMs`; `options` adds e.g. a naive method.
 */
export function forecastRequest(state, asset, horizonH, { fromMs, toMs, forecastTimeMs, options = {} }) {
  const series = state.data[asset.key];
  return {
    outcomes: outcomesUntil(series, forecastTimeMs),
    forecastTimeMs,
    horizonMs: horizonH * HOUR_MS,
    ...(fromMs !== undefined ? { window: { fromMs, toMs } } : {}),
    seasonality: asset.seasonality,
    regressors: asset.regressors.map((name) => ({ name, resolutionMs: 15 * 60_000, beliefs: state.weatherBeliefs[name] })),
    options: { bounds: asset.bounds, utcOffsetMs: state.data.utcOffsetMs, ...options },
  };
}

export const percent = (x) => (x === null || x === undefined ? 'n/a' : `${(100 * x).toFixed(1)} %`);

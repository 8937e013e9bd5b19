import { beliefTimeOfEvent, type FeatureSource, type FeatureTable } from './feature-table';
import { fitRegression, predictTransformed, type FittedRegression } from './linear-regression';
import type { ModelSpec } from './model-spec';
import { naiveForecast, type NaiveMethod } from './naive-forecast';
import { normalQuantile } from './normal-distribution';
import { eventEndOf } from './regular-series';
import { inverseTransform, type ValueTransform } from './value-transform';

/** Bumped whenever the model changes in a way that changes forecasts; recorded with the forecasts' data source. */
export const FORECASTING_MODEL_VERSION = '1';

export type ForecastModelName = 'linear-regression' | NaiveMethod;

/** Which model made a forecast: recorded as the forecast's data source (name and version). */
export interface ForecastModelInfo {
  readonly name: ForecastModelName;
  readonly version: string;
  /** Why this model was used, when it is a fallback or was chosen over the regression. */
  readonly reason?: string;
  /** The regression's features (e.g. "lags 4/5/96/192 + calendar + temperature"). */
  readonly spec?: string;
}

/** A forecast distribution: normal on the transformed scale with this mean and standard deviation. */
export interface PredictiveDistribution {
  readonly transform: ValueTransform;
  readonly mean: number;
  readonly std: number;
}

/** Lower and upper limits for forecasts (e.g. solar production ≥ 0). */
export interface ForecastBounds {
  readonly min?: number;
  readonly max?: number;
}

/**
 * Features of every event from the earliest training row to the last
 * forecast event, in one table: row r is event `firstIndex + r`. Each row's
 * features use only what was known at that event's belief time, so a fit at
 * time F may use every row whose target ended by F.
 */
export interface ForecastContext {
  readonly source: FeatureSource;
  readonly table: FeatureTable;
  readonly firstIndex: number;
  readonly bounds: ForecastBounds;
  readonly minRows: number;
}

export function clipToBounds(bounds: ForecastBounds, value: number): number {
  return Math.min(bounds.max ?? Number.POSITIVE_INFINITY, Math.max(bounds.min ?? Number.NEGATIVE_INFINITY, value));
}

export function forecastQuantile(distribution: PredictiveDistribution, probability: number, bounds: ForecastBounds): number {
  const z = probability === 0.5 ? distribution.mean : distribution.mean + distribution.std * normalQuantile(probability);
  return clipToBounds(bounds, inverseTransform(distribution.transform, z));
}

/** Table rows whose outcome ended in (fromMs, toMs]. */
export function rowsEndingIn(context: ForecastContext, fromMs: number, toMs: number): number[] {
  const rows: number[] = [];
  const { outcomes } = context.source;
  for (let row = 0; row < context.table.indices.length; row++) {
    const end = eventEndOf(outcomes, context.firstIndex + row);
    if (end > fromMs && end <= toMs) rows.push(row);
  }
  return rows;
}

/** Makes forecast distributions for table rows, from a model fitted at one time. */
export interface Predictor {
  readonly info: ForecastModelInfo;
  predict(row: number): PredictiveDistribution | null;
}

export function regressionPredictor(context: ForecastContext, fit: FittedRegression, info: ForecastModelInfo): Predictor {
  return {
    info,
    predict(row) {
      const mean = predictTransformed(fit, context.table, row);
      return Number.isNaN(mean) ? null : { transform: fit.transform, mean, std: fit.residualStd };
    },
  };
}

/** A naive predictor whose spread is the root mean square of its errors over the training rows. */
export function naivePredictor(context: ForecastContext, method: NaiveMethod, trainingRows: readonly number[], info: ForecastModelInfo): Predictor {
  let squares = 0;
  let count = 0;
  for (const row of trainingRows) {
    const actual = context.table.target[row];
    const forecast = naiveForecast(context.source, method, context.firstIndex + row);
    if (forecast === null || Number.isNaN(actual)) continue;
    squares += (actual - forecast) ** 2;
    count++;
  }
  const std = count > 0 ? Math.sqrt(squares / count) : 0;
  const identity: ValueTransform = { kind: 'identity' };
  return {
    info,
    predict(row) {
      const value = naiveForecast(context.source, method, context.firstIndex + row);
      return value === null ? null : { transform: identity, mean: value, std };
    },
  };
}

/** Fits a spec on the rows known at `fitTimeMs` within the training window. */
export function fitRegressionAt(context: ForecastContext, spec: ModelSpec, transform: ValueTransform, fitTimeMs: number, trainingWindowMs: number, stride = 1) {
  const rows = rowsEndingIn(context, fitTimeMs - trainingWindowMs, fitTimeMs).filter((_, k, all) => (all.length - 1 - k) % stride === 0);
  return { rows, outcome: fitRegression(context.table, rows, spec, transform, context.minRows) };
}

export function beliefTimeOfRow(context: ForecastContext, row: number): number {
  return beliefTimeOfEvent(context.source, context.firstIndex + row);
}

// The forecasting domain: rolling forecasts with the seed's model (§7.1) and their accuracy (§12.3).
export { makeForecasts, type ForecastRequest, type ForecastOptions, type ForecastResult, type EventForecast, type RegressorInput } from './forecast';
export { FORECASTING_MODEL_VERSION, type ForecastModelInfo, type ForecastModelName, type ForecastBounds } from './forecast-context';
export type { CandidateScore, CrossValidationOptions } from './model-selection';
export { candidateSpecs, horizonSteps, outcomeLags, sameTimeLastKnownDayLag, specLabel, type ModelSpec, type Seasonality, type OutcomeLags } from './model-spec';
export type { NaiveMethod } from './naive-forecast';
export { seriesKnownAt, valueKnownAt, type RegularSeries } from './regular-series';
export { beliefTimeline, latestBeliefsKnownAt, type BeliefTimeline, type ValueBelief } from './value-beliefs';
export { forwardTransform, inverseTransform, type ValueTransform } from './value-transform';
export { accuracyMetrics, accuracyPerWindow, pairWithActuals, type AccuracyMetrics, type ForecastPair, type TimedForecastPair } from './metrics';
export * as synthetic from './synthetic/index';

import { FORECASTING_MODEL_VERSION } from '@flexmeasures/domain';

/** The forecaster: its forecasts are beliefs of a source named after the model that made them. */
export const FORECASTER = { name: 'forecaster', type: 'forecasting script' } as const;

/** The forecaster's source for one model (e.g. linear-regression, naive-daily) of the current model version. */
export function forecasterSource(model: string): { name: string; type: string; model: string; version: string } {
  return { ...FORECASTER, model, version: FORECASTING_MODEL_VERSION };
}

/**
 * Source types whose beliefs the platform computed itself (forecasts,
 * schedules): never an outcome to learn from or to score against, and never
 * a weather forecast to use as a regressor.
 */
export const SCRIPT_SOURCE_TYPES: readonly string[] = [FORECASTER.type, 'scheduling script'];

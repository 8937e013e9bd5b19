/** Accuracy of the forecaster's forecasts of one sensor with one horizon (§7.1, §12.3). */
export interface ForecastAccuracy {
  /** ISO 8601 duration: forecasts believed this long before their event ended. */
  readonly horizon: string;
  /** Mean absolute error, in `unit`; null without pairs. */
  readonly mae: number | null;
  /** Σ|forecast − actual| / Σ|actual|; null without pairs or when every actual value is zero. */
  readonly wape: number | null;
  /** 1 − WAPE. */
  readonly accuracy: number | null;
  /** Events with both a forecast and a measurement. */
  readonly pairs: number;
  readonly unit: string;
  /** Why a metric is null. */
  readonly reason?: string;
}

/** GET /api/v2_0/sensors/:id/forecast-accuracy */
export interface ForecastAccuracyResponse {
  readonly sensor_id: number;
  readonly start: string;
  readonly end: string;
  readonly accuracy: readonly ForecastAccuracy[];
}

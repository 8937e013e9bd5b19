import type { ForecastJobData } from '@flexmeasures/contracts';
import { millisecondsToIsoDuration } from '@flexmeasures/domain';

const DAY_MS = 24 * 3600_000;

/**
 * How much history a forecast reads before its window: the model's 6-week
 * training window, 2 weeks of cross-validation and the lags (up to a week
 * plus the horizon), with room to spare.
 */
export const HISTORY_MS = 70 * DAY_MS;

/** A window run directly or queued from the command line is cut into pieces of at most this length (one model choice each). */
export const MAX_WINDOW_MS = 31 * DAY_MS;

export interface TimeWindow {
  readonly startMs: number;
  readonly endMs: number;
}

const floorTo = (ms: number, step: number) => Math.floor(ms / step) * step;
const ceilTo = (ms: number, step: number) => Math.ceil(ms / step) * step;

/**
 * The events to forecast after data about [landed.startMs, landed.endMs)
 * landed at `nowMs`: those following the landed data, [end of the data, …),
 * whose belief time (event end − horizon) is no later than the data's end
 * and now — the next `horizon` of events, as far as they can be forecast
 * with that horizon at this moment. Undefined when there is none (e.g. a
 * day-ahead price post whose next day starts more than the horizon from now).
 * Sensor grids are aligned to the epoch (resolutions divide a day).
 */
export function windowAfterLanding(landed: TimeWindow, resolutionMs: number, horizonMs: number, nowMs: number): TimeWindow | undefined {
  const startMs = ceilTo(landed.endMs, resolutionMs);
  const endMs = floorTo(Math.min(landed.endMs, nowMs) + horizonMs, resolutionMs);
  return endMs > startMs ? { startMs, endMs } : undefined;
}

/**
 * Two requests for one sensor and horizon as one job: the window following
 * the newest data, forecast from what is known at the later forecast time.
 * Idempotent and order-independent, so merging a request twice is harmless.
 * Every event stays forecastable: each request's end lies within its own
 * forecast time + horizon.
 */
export function mergeForecastJobs(pending: ForecastJobData, incoming: ForecastJobData): ForecastJobData {
  const later = (a: string, b: string) => (Date.parse(b) > Date.parse(a) ? b : a);
  return { ...pending, start: later(pending.start, incoming.start), end: later(pending.end, incoming.end), forecastTime: later(pending.forecastTime, incoming.forecastTime) };
}

/** The coalescing key of a sensor's jobs with one horizon: one of them is pending at a time. */
export function forecastJobKey(sensorId: number, horizon: string): string {
  return `forecast-${sensorId}-${horizon}`;
}

/** [startMs, endMs) in consecutive pieces of at most `maxMs`. */
export function splitWindow(window: TimeWindow, maxMs = MAX_WINDOW_MS): TimeWindow[] {
  const pieces: TimeWindow[] = [];
  for (let startMs = window.startMs; startMs < window.endMs; startMs += maxMs) pieces.push({ startMs, endMs: Math.min(window.endMs, startMs + maxMs) });
  return pieces;
}

/** A horizon as the seed writes them: whole hours as PT24H or PT48H (not P1D), anything else as an ISO 8601 duration. */
export function formatHorizon(horizonMs: number): string {
  return horizonMs % 3600_000 === 0 ? `PT${horizonMs / 3600_000}H` : millisecondsToIsoDuration(horizonMs);
}

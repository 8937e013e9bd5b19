import { DomainError } from '../errors/domain-error';
import { eventEndOf, eventStartOf, valueKnownAt, type RegularSeries } from './regular-series';
import type { BeliefTimeline } from './value-beliefs';

const DAY_MS = 24 * 3600_000;

/** A weather regressor: beliefs about the events of a weather sensor at its own resolution. */
export interface RegressorSource {
  readonly resolutionMs: number;
  /** The start of any of its events: fixes the sensor's grid. */
  readonly anchorMs: number;
  readonly timeline: BeliefTimeline;
}

/** Everything features are computed from, as known at the forecast time. */
export interface FeatureSource {
  readonly outcomes: RegularSeries;
  readonly horizonMs: number;
  readonly regressors: ReadonlyMap<string, RegressorSource>;
  /** Offset of local time from UTC for calendar terms (a fixed offset; daylight saving time is not modelled). */
  readonly utcOffsetMs: number;
}

/**
 * Raw features of a set of events (rows), each computed only from what was
 * known at that event's belief time (event end − horizon): lagged outcomes
 * that ended by then and the latest weather beliefs made by then. NaN marks a
 * missing value.
 */
export interface FeatureTable {
  readonly indices: readonly number[];
  /** The outcome itself, where known by the table's target cutoff. */
  readonly target: Float64Array;
  readonly lags: ReadonlyMap<number, Float64Array>;
  /** sin/cos of 2π·k·(hour of day)/24 for k = 1, 2, and 1 on weekends. */
  readonly calendar: readonly Float64Array[];
  readonly regressors: ReadonlyMap<string, Float64Array>;
}

export const CALENDAR_COLUMNS = 5;

export function beliefTimeOfEvent(source: FeatureSource, index: number): number {
  return eventEndOf(source.outcomes, index) - source.horizonMs;
}

/** The mean of the regressor over [fromMs, toMs) as believed at `knownAtMs`, or NaN if any part is unknown. */
export function regressorValue(regressor: RegressorSource, fromMs: number, toMs: number, knownAtMs: number): number {
  const res = regressor.resolutionMs;
  const firstStart = fromMs - ((((fromMs - regressor.anchorMs) % res) + res) % res);
  let sum = 0;
  let weight = 0;
  for (let start = firstStart; start < toMs; start += res) {
    const value = regressor.timeline.valueKnownAt(start, knownAtMs);
    if (value === null) return Number.NaN;
    const overlap = Math.min(toMs, start + res) - Math.max(fromMs, start);
    sum += value * overlap;
    weight += overlap;
  }
  return weight > 0 ? sum / weight : Number.NaN;
}

function calendarTerms(eventStartMs: number, utcOffsetMs: number): number[] {
  const local = eventStartMs + utcOffsetMs;
  const dayFraction = (((local % DAY_MS) + DAY_MS) % DAY_MS) / DAY_MS;
  // 1970-01-01 was a Thursday (weekday 4 with Sunday = 0).
  const weekday = (((Math.floor(local / DAY_MS) + 4) % 7) + 7) % 7;
  const angle = 2 * Math.PI * dayFraction;
  return [Math.sin(angle), Math.cos(angle), Math.sin(2 * angle), Math.cos(2 * angle), weekday === 0 || weekday === 6 ? 1 : 0];
}

/**
 * Builds the feature table for events `indices` of the outcome series
 * (indices may lie beyond its known values: events to forecast). Targets are
 * filled in only for events that ended by `targetCutoffMs`.
 */
export function buildFeatureTable(
  source: FeatureSource,
  indices: readonly number[],
  lags: readonly number[],
  regressorNames: readonly string[],
  targetCutoffMs: number,
): FeatureTable {
  const n = indices.length;
  const target = new Float64Array(n);
  const lagColumns = new Map(lags.map((lag) => [lag, new Float64Array(n)] as const));
  const calendar = Array.from({ length: CALENDAR_COLUMNS }, () => new Float64Array(n));
  const regressorColumns = new Map<string, Float64Array>();
  const regressors = regressorNames.map((name) => {
    const regressor = source.regressors.get(name);
    if (regressor === undefined) throw new DomainError('UNPROCESSABLE_ENTITY', `No beliefs were given for the regressor "${name}".`, { regressor: name });
    const column = new Float64Array(n);
    regressorColumns.set(name, column);
    return { regressor, column };
  });
  const { outcomes } = source;
  indices.forEach((index, row) => {
    const beliefTime = beliefTimeOfEvent(source, index);
    target[row] = valueKnownAt(outcomes, index, targetCutoffMs) ?? Number.NaN;
    for (const [lag, column] of lagColumns) column[row] = valueKnownAt(outcomes, index - lag, beliefTime) ?? Number.NaN;
    const start = eventStartOf(outcomes, index);
    calendarTerms(start, source.utcOffsetMs).forEach((value, c) => (calendar[c][row] = value));
    for (const { regressor, column } of regressors) column[row] = regressorValue(regressor, start, start + outcomes.resolutionMs, beliefTime);
  });
  return { indices, target, lags: lagColumns, calendar, regressors: regressorColumns };
}

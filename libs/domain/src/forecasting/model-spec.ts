import { DomainError } from '../errors/domain-error';

const DAY_MS = 24 * 3600_000;

/** Which periodic patterns an asset or market shows (the asset type's daily/weekly seasonality). */
export interface Seasonality {
  readonly daily: boolean;
  readonly weekly: boolean;
}

/** What a linear model is fitted on. */
export interface ModelSpec {
  /** A short name, e.g. "lags+calendar+weather". */
  readonly label: string;
  /** Lagged outcomes, in steps of the resolution; each is known at the belief time (see `horizonSteps`). */
  readonly lags: readonly number[];
  /** Hour-of-day Fourier terms and a weekend indicator (local time). */
  readonly calendar: boolean;
  /** Names of the weather regressors, as known at each event's belief time. */
  readonly regressors: readonly string[];
  /** Box–Cox transform of the outcome (and its lags), or none. */
  readonly transform: 'identity' | 'box-cox';
}

/**
 * The smallest lag (in steps) whose value is known at an event's belief time.
 * With belief horizon h = event end − belief time, the event L steps back
 * ends L·resolution before this event does, i.e. at belief time + h −
 * L·resolution, which is at or before the belief time exactly when
 * L·resolution ≥ h.
 */
export function horizonSteps(horizonMs: number, resolutionMs: number): number {
  if (!(horizonMs > 0)) throw new DomainError('UNPROCESSABLE_ENTITY', `A forecast needs a positive horizon, got ${horizonMs} ms.`, { horizonMs });
  return Math.ceil(horizonMs / resolutionMs);
}

export interface OutcomeLags {
  /** The most recent known values (horizons under a day). */
  readonly recent: readonly number[];
  /** The same time on the most recent known day and the day before. */
  readonly daily: readonly number[];
  /** The same time a week earlier. */
  readonly weekly: readonly number[];
}

/** The lags to try for a horizon, chosen by the series' periodicity; every one is known at the belief time. */
export function outcomeLags(horizonMs: number, resolutionMs: number, seasonality: Seasonality): OutcomeLags {
  const first = horizonSteps(horizonMs, resolutionMs);
  const perDay = DAY_MS % resolutionMs === 0 ? DAY_MS / resolutionMs : undefined;
  if (perDay === undefined) return { recent: [first, first + 1], daily: [], weekly: [] };
  const sameTimeDay = Math.ceil(first / perDay) * perDay;
  const daily = seasonality.daily ? [sameTimeDay, sameTimeDay + perDay] : [];
  const week = 7 * perDay;
  const weekly = seasonality.weekly && week >= first && !daily.includes(week) ? [week] : [];
  let recent: number[] = [];
  if (first < perDay) recent = [first, first + 1];
  else if (daily.length === 0) recent = [first];
  return { recent, daily, weekly };
}

/** The lag of the seasonal-naive forecast: the same time on the most recent day known at the belief time. */
export function sameTimeLastKnownDayLag(horizonMs: number, resolutionMs: number): number | undefined {
  if (DAY_MS % resolutionMs !== 0) return undefined;
  const perDay = DAY_MS / resolutionMs;
  return Math.ceil(horizonSteps(horizonMs, resolutionMs) / perDay) * perDay;
}

export interface CandidateOptions {
  readonly horizonMs: number;
  readonly resolutionMs: number;
  readonly seasonality: Seasonality;
  readonly regressors: readonly string[];
  /** Offer a Box–Cox variant (series with many zeros). */
  readonly transformable: boolean;
}

/**
 * The specs cross-validation chooses from: the full spec (every lag the
 * periodicity suggests, calendar terms if periodic, all weather regressors),
 * and variants that each leave one part out or add the transform.
 */
export function candidateSpecs(options: CandidateOptions): ModelSpec[] {
  const lags = outcomeLags(options.horizonMs, options.resolutionMs, options.seasonality);
  const allLags = [...new Set([...lags.recent, ...lags.daily, ...lags.weekly])].sort((a, b) => a - b);
  const periodic = options.seasonality.daily || options.seasonality.weekly;
  const full: ModelSpec = { label: '', lags: allLags, calendar: periodic, regressors: [...options.regressors], transform: 'identity' };
  const specs: ModelSpec[] = [full];
  if (lags.weekly.length > 0) specs.push({ ...full, lags: allLags.filter((lag) => !lags.weekly.includes(lag)) });
  if (full.regressors.length > 0) specs.push({ ...full, regressors: [] });
  if (full.calendar) specs.push({ ...full, calendar: false });
  if (options.transformable) specs.push({ ...full, transform: 'box-cox' });
  return specs.map((spec) => ({ ...spec, label: specLabel(spec) }));
}

export function specLabel(spec: Omit<ModelSpec, 'label'>): string {
  const parts = [`lags ${spec.lags.join('/')}`];
  if (spec.calendar) parts.push('calendar');
  if (spec.regressors.length > 0) parts.push(spec.regressors.join('/'));
  if (spec.transform === 'box-cox') parts.push('box-cox');
  return parts.join(' + ');
}

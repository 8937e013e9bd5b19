import { DomainError } from '../errors/domain-error';
import { buildFeatureTable, type FeatureSource, type RegressorSource } from './feature-table';
import {
  beliefTimeOfRow,
  fitRegressionAt,
  FORECASTING_MODEL_VERSION,
  naivePredictor,
  forecastQuantile,
  regressionPredictor,
  rowsEndingIn,
  type ForecastBounds,
  type ForecastContext,
  type ForecastModelInfo,
  type Predictor,
} from './forecast-context';
import { candidateSpecs, horizonSteps, sameTimeLastKnownDayLag, type ModelSpec, type Seasonality } from './model-spec';
import { chooseBoxCox, selectModel, transformedLabel, type CandidateScore, type CrossValidationOptions, type ModelChoice } from './model-selection';
import type { NaiveMethod } from './naive-forecast';
import { checkRegularSeries, eventStartOf, indexOnGrid, seriesKnownAt, type RegularSeries } from './regular-series';
import { beliefTimeline, type ValueBelief } from './value-beliefs';
import { IDENTITY, zeroShare } from './value-transform';

const DAY_MS = 24 * 3600_000;

/** Weather beliefs used as a regressor (e.g. temperature, wind_speed, radiation), at the weather sensor's resolution. */
export interface RegressorInput {
  readonly name: string;
  readonly resolutionMs: number;
  readonly beliefs: readonly ValueBelief[];
}

export interface ForecastOptions {
  /** Cumulative probabilities of the quantiles to give (0.5 is always included). Default 0.1, 0.5, 0.9. */
  readonly probabilities?: readonly number[];
  /** Clip forecasts to physical limits (e.g. min 0 for solar production). */
  readonly bounds?: ForecastBounds;
  /** Local time offset for the calendar terms. Default 0 (UTC). */
  readonly utcOffsetMs?: number;
  /** The model is fitted on the outcomes of this recent period. Default 6 weeks. */
  readonly trainingWindowMs?: number;
  /** For a window of events, the chosen model is refitted at the first belief time of each such period. Default 1 day. */
  readonly refitEveryMs?: number;
  readonly crossValidation?: Partial<CrossValidationOptions>;
  /** Use this spec instead of choosing one by cross-validation. */
  readonly spec?: ModelSpec;
  /** Forecast with this naive method only (a baseline to compare with). */
  readonly naive?: NaiveMethod;
}

export interface ForecastRequest {
  /** The sensor's outcomes; values of events ending after the forecast time are ignored. */
  readonly outcomes: RegularSeries;
  /** When the forecasts are made: nothing believed later is used. */
  readonly forecastTimeMs: number;
  /** Belief horizon of every forecast: event end − belief time. */
  readonly horizonMs: number;
  /**
   * Events to forecast, [fromMs, toMs) on the sensor's grid; each one's belief
   * time (its end − horizon) must lie at or before the forecast time. Default:
   * the latest event whose belief time does.
   */
  readonly window?: { readonly fromMs: number; readonly toMs: number };
  readonly seasonality: Seasonality;
  readonly regressors?: readonly RegressorInput[];
  readonly options?: ForecastOptions;
}

export interface EventForecast {
  readonly eventStartMs: number;
  /** Event end − horizon: each event is forecast with exactly the horizon before its end. */
  readonly beliefTimeMs: number;
  /** The median. */
  readonly value: number;
  /** Values by cumulative probability, e.g. {0.1: …, 0.5: …, 0.9: …}. */
  readonly quantiles: Readonly<Record<number, number>>;
  readonly model: ForecastModelInfo;
}

export interface ForecastResult {
  /** The model chosen at the first belief time (events may fall back to a naive one, see each forecast's model). */
  readonly model: ForecastModelInfo;
  readonly horizonMs: number;
  readonly resolutionMs: number;
  readonly forecasts: readonly EventForecast[];
  /** Starts of events nothing could be forecast for (no value known at their belief time). */
  readonly unforecastable: readonly number[];
  /** Cross-validation scores of the candidates (empty with a fixed spec). */
  readonly selection: { readonly scores: readonly CandidateScore[]; readonly note?: string };
}

const DEFAULT_PROBABILITIES = [0.1, 0.5, 0.9];
const DEFAULT_TRAINING_WINDOW_MS = 42 * DAY_MS;
const DEFAULT_CROSS_VALIDATION: CrossValidationOptions = { folds: 2, testMs: 7 * DAY_MS, stride: 2 };
/** A series with at least this share of zeros gets a Box–Cox candidate. */
const MANY_ZEROS = 0.1;
/** At most this many events per call (a year of 15-minute events, with room). */
const MAX_EVENTS = 40_000;

function invalid(message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError('UNPROCESSABLE_ENTITY', message, details);
}

function eventWindow(request: ForecastRequest): { first: number; end: number } {
  const { outcomes, forecastTimeMs, horizonMs } = request;
  const res = outcomes.resolutionMs;
  if (request.window === undefined) {
    const end = Math.floor((forecastTimeMs + horizonMs - outcomes.startMs) / res);
    return { first: end - 1, end };
  }
  const first = indexOnGrid(outcomes, request.window.fromMs, 'window.fromMs');
  const end = indexOnGrid(outcomes, request.window.toMs, 'window.toMs');
  if (end <= first) throw invalid('The forecast window must end after it starts.', { window: request.window });
  if (end - first > MAX_EVENTS) throw invalid(`Forecast at most ${MAX_EVENTS} events at once; the window holds ${end - first}.`, { window: request.window });
  const lastBeliefTime = outcomes.startMs + end * res - horizonMs;
  if (lastBeliefTime > forecastTimeMs) {
    throw invalid(
      `With a horizon of ${horizonMs / 60_000} minutes, the last event of the window can only be forecast at ${new Date(lastBeliefTime).toISOString()}, after the forecast time ${new Date(forecastTimeMs).toISOString()}; end the window earlier or shorten the horizon.`,
      { window: request.window },
    );
  }
  return { first, end };
}

/** Indexes the weather beliefs about events in [fromMs, toMs) (and one weather event either side) known by the forecast time. */
function regressorSources(inputs: readonly RegressorInput[], forecastTimeMs: number, fromMs: number, toMs: number): Map<string, RegressorSource> {
  const sources = new Map<string, RegressorSource>();
  for (const input of inputs) {
    if (sources.has(input.name)) throw invalid(`The regressor "${input.name}" was given twice.`, { regressor: input.name });
    if (!Number.isSafeInteger(input.resolutionMs) || input.resolutionMs <= 0) {
      throw invalid(`The regressor "${input.name}" needs a positive resolution in whole milliseconds.`, { regressor: input.name });
    }
    // Beliefs formed after the forecast time are dropped here, whatever the caller passed.
    const timeline = beliefTimeline(input.beliefs, { notAfterMs: forecastTimeMs, eventsFromMs: fromMs - input.resolutionMs, eventsToMs: toMs + input.resolutionMs });
    sources.set(input.name, { resolutionMs: input.resolutionMs, anchorMs: input.beliefs[0]?.eventStartMs ?? 0, timeline });
  }
  return sources;
}

function checkProbabilities(probabilities: readonly number[]): number[] {
  for (const p of probabilities) if (!(p > 0 && p < 1)) throw invalid(`A cumulative probability must lie strictly between 0 and 1, got ${p}.`);
  return [...new Set([...probabilities, 0.5])].sort((a, b) => a - b);
}

/**
 * Rolling forecasts of a sensor's outcomes for the events of a window, each
 * with belief time = event end − horizon, using only what was known at that
 * belief time: outcomes of events that had ended by then and the latest
 * weather beliefs made by then (everything after the forecast time is
 * dropped first).
 *
 * The model (OLS on lagged outcomes, weather regressors and calendar terms,
 * optionally Box–Cox transformed; or a naive method) is chosen once, by
 * cross-validation on the history known at the first event's belief time,
 * and refitted on the data known at the first belief time of every
 * `refitEveryMs` period. Lags of at least the horizon keep each event's
 * features inside what was known at its own belief time. Events whose
 * features were unknown fall back to the naive forecast.
 */
export function makeForecasts(request: ForecastRequest): ForecastResult {
  checkRegularSeries(request.outcomes, 'outcomes');
  horizonSteps(request.horizonMs, request.outcomes.resolutionMs);
  const options = request.options ?? {};
  const settings: Settings = {
    probabilities: checkProbabilities(options.probabilities ?? DEFAULT_PROBABILITIES),
    trainingWindowMs: options.trainingWindowMs ?? DEFAULT_TRAINING_WINDOW_MS,
    cv: { ...DEFAULT_CROSS_VALIDATION, ...options.crossValidation },
    refitSteps: Math.max(1, Math.round((options.refitEveryMs ?? DAY_MS) / request.outcomes.resolutionMs)),
  };
  const { first, end } = eventWindow(request);
  const { context, specs, firstFitTime } = prepare(request, settings, first, end);
  const naiveMethods: NaiveMethod[] =
    request.seasonality.daily && sameTimeLastKnownDayLag(request.horizonMs, request.outcomes.resolutionMs) !== undefined ? ['naive-daily', 'naive-last'] : ['naive-last'];
  const { choice, selection } = chooseModel(context, options, specs, naiveMethods, firstFitTime, settings);

  const forecasts: EventForecast[] = [];
  const unforecastable: number[] = [];
  let model: ForecastModelInfo | undefined;
  for (let blockStart = first; blockStart < end; blockStart += settings.refitSteps) {
    const fitTime = beliefTimeOfRow(context, blockStart - context.firstIndex);
    const predictors = blockPredictors(context, choice, naiveMethods, fitTime, settings.trainingWindowMs);
    model ??= predictors[0].info;
    for (let index = blockStart; index < Math.min(end, blockStart + settings.refitSteps); index++) {
      const made = forecastEvent(context, predictors, index - context.firstIndex, settings.probabilities);
      if (made) forecasts.push(made);
      else unforecastable.push(eventStartOf(context.source.outcomes, index));
    }
  }
  return { model: model as ForecastModelInfo, horizonMs: request.horizonMs, resolutionMs: request.outcomes.resolutionMs, forecasts, unforecastable, selection };
}

interface Settings {
  readonly probabilities: readonly number[];
  readonly trainingWindowMs: number;
  readonly cv: CrossValidationOptions;
  readonly refitSteps: number;
}

/**
 * What everything else reads: the outcomes and weather beliefs as known at
 * the forecast time, and one feature table from the earliest row
 * cross-validation needs to the last event of the window.
 */
function prepare(request: ForecastRequest, settings: Settings, first: number, end: number) {
  const { forecastTimeMs, horizonMs, seasonality } = request;
  const options = request.options ?? {};
  const res = request.outcomes.resolutionMs;
  const outcomes = seriesKnownAt(request.outcomes, forecastTimeMs);
  const firstFitTime = outcomes.startMs + (first + 1) * res - horizonMs;
  const historyStart = firstFitTime - settings.trainingWindowMs - settings.cv.folds * settings.cv.testMs;
  const firstIndex = Math.min(first, Math.max(0, Math.floor((historyStart - outcomes.startMs) / res)));
  const regressors = regressorSources(request.regressors ?? [], forecastTimeMs, eventStartOf(outcomes, firstIndex), eventStartOf(outcomes, end));
  const source: FeatureSource = { outcomes, horizonMs, regressors, utcOffsetMs: options.utcOffsetMs ?? 0 };

  // Whether the series has many zeros is judged on the training window known at the first belief time, like everything else.
  const knownAtFirstFit = seriesKnownAt(outcomes, firstFitTime).values;
  const recent = knownAtFirstFit.slice(Math.max(0, knownAtFirstFit.length - Math.round(settings.trainingWindowMs / res))).filter((v): v is number => v !== null);
  let specs: ModelSpec[] = [];
  if (options.spec) specs = [options.spec];
  else if (!options.naive) specs = candidateSpecs({ horizonMs, resolutionMs: res, seasonality, regressors: [...regressors.keys()], transformable: zeroShare(recent) >= MANY_ZEROS });
  const lags = [...new Set(specs.flatMap((spec) => spec.lags))];
  const names = [...new Set(specs.flatMap((spec) => spec.regressors))];
  const indices = Array.from({ length: end - firstIndex }, (_, k) => firstIndex + k);
  const table = buildFeatureTable(source, indices, lags, names, forecastTimeMs);
  const minRows = Math.max(48, Math.round((2 * DAY_MS) / res));
  const context: ForecastContext = { source, table, firstIndex, bounds: options.bounds ?? {}, minRows };
  return { context, specs, firstFitTime };
}

function chooseModel(
  context: ForecastContext,
  options: ForecastOptions,
  specs: readonly ModelSpec[],
  naiveMethods: readonly NaiveMethod[],
  firstFitTime: number,
  settings: Settings,
): { choice: ModelChoice; selection: ForecastResult['selection'] } {
  if (options.naive) return { choice: { kind: 'naive', method: options.naive, reason: 'requested' }, selection: { scores: [], note: 'a naive method was requested' } };
  if (options.spec) {
    const transform = options.spec.transform === 'box-cox' ? chooseBoxCox(context, options.spec, firstFitTime, settings.trainingWindowMs) : IDENTITY;
    return { choice: { kind: 'regression', spec: options.spec, transform: transform ?? IDENTITY }, selection: { scores: [], note: 'a fixed spec was given' } };
  }
  const selected = selectModel(context, specs, naiveMethods, firstFitTime, settings.trainingWindowMs, settings.cv);
  return { choice: selected.choice, selection: { scores: selected.scores, ...(selected.note ? { note: selected.note } : {}) } };
}

/** The forecast of one event by the first predictor that can make one, or null. */
function forecastEvent(context: ForecastContext, predictors: readonly Predictor[], row: number, probabilities: readonly number[]): EventForecast | null {
  for (const predictor of predictors) {
    const distribution = predictor.predict(row);
    if (distribution === null) continue;
    const quantiles: Record<number, number> = {};
    for (const p of probabilities) quantiles[p] = forecastQuantile(distribution, p, context.bounds);
    const index = context.firstIndex + row;
    return { eventStartMs: eventStartOf(context.source.outcomes, index), beliefTimeMs: beliefTimeOfRow(context, row), value: quantiles[0.5], quantiles, model: predictor.info };
  }
  return null;
}

/** The chosen model fitted at `fitTimeMs`, followed by the naive methods for events it cannot forecast. */
function blockPredictors(context: ForecastContext, choice: ModelChoice, naiveMethods: readonly NaiveMethod[], fitTimeMs: number, trainingWindowMs: number): Predictor[] {
  const trainingRows = rowsEndingIn(context, fitTimeMs - trainingWindowMs, fitTimeMs);
  const naive = (method: NaiveMethod, reason: string) => naivePredictor(context, method, trainingRows, { name: method, version: FORECASTING_MODEL_VERSION, reason });
  if (choice.kind === 'naive') {
    return [naive(choice.method, choice.reason), ...naiveMethods.filter((m) => m !== choice.method).map((m) => naive(m, `${choice.method} had no value for the event`))];
  }
  const label = transformedLabel(choice.spec, choice.transform);
  const { outcome } = fitRegressionAt(context, choice.spec, choice.transform, fitTimeMs, trainingWindowMs);
  const fallbacks = naiveMethods.map((m) => naive(m, outcome.ok ? 'a feature of the regression was not known at the belief time' : `the regression could not be fitted: ${outcome.reason}`));
  if (!outcome.ok) return fallbacks;
  return [regressionPredictor(context, outcome.fit, { name: 'linear-regression', version: FORECASTING_MODEL_VERSION, spec: label }), ...fallbacks];
}

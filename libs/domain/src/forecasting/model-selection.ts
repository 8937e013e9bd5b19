import { beliefTimeOfRow, fitRegressionAt, forecastQuantile, rowsEndingIn, type ForecastContext, type ForecastModelName } from './forecast-context';
import { predictTransformed } from './linear-regression';
import { specLabel, type ModelSpec } from './model-spec';
import { naiveForecast, type NaiveMethod } from './naive-forecast';
import { boxCoxShift, BOX_COX_LAMBDAS, IDENTITY, logJacobian, type ValueTransform } from './value-transform';

/** How rolling-origin cross-validation is run. */
export interface CrossValidationOptions {
  /** Number of test periods before the fit time, each forecast from a fit on what was known at its start. */
  readonly folds: number;
  readonly testMs: number;
  /** Fit on every n-th training row only (speed; consecutive rows at 15 minutes carry much the same information). */
  readonly stride: number;
}

export interface CandidateScore {
  readonly label: string;
  readonly model: ForecastModelName;
  /** Mean absolute error over the test rows every candidate could forecast; null when it could not take part. */
  readonly mae: number | null;
  readonly rows: number;
  readonly failed?: string;
}

export type ModelChoice =
  | { readonly kind: 'regression'; readonly spec: ModelSpec; readonly transform: ValueTransform }
  | { readonly kind: 'naive'; readonly method: NaiveMethod; readonly reason: string };

export interface ModelSelection {
  readonly choice: ModelChoice;
  readonly scores: readonly CandidateScore[];
  readonly note?: string;
}

interface Candidate {
  readonly label: string;
  readonly model: ForecastModelName;
  readonly choice: ModelChoice;
  failed?: string;
}

/** A spec's label with the fitted transform, e.g. "lags 4/5/96 + calendar + Box–Cox λ=0.25". */
export function transformedLabel(spec: ModelSpec, transform: ValueTransform): string {
  return transform.kind === 'box-cox' ? `${specLabel({ ...spec, transform: 'identity' })} + Box–Cox λ=${transform.lambda}` : specLabel(spec);
}

/** A candidate must forecast at least this share of the test rows to be compared. */
const MIN_COVERAGE = 0.5;
/** λ is chosen on every n-th training row. */
const BOX_COX_STRIDE = 4;

/**
 * The Box–Cox transform for a spec: sign and offset from the training
 * outcomes, λ from a small grid by maximum profile likelihood of the fitted
 * model (−n/2·log(RSS/n) plus the log-Jacobian of the transform).
 */
export function chooseBoxCox(context: ForecastContext, spec: ModelSpec, fitTimeMs: number, trainingWindowMs: number): ValueTransform | null {
  const rows = rowsEndingIn(context, fitTimeMs - trainingWindowMs, fitTimeMs).filter((row, k) => k % BOX_COX_STRIDE === 0 && !Number.isNaN(context.table.target[row]));
  if (rows.length === 0) return null;
  const shift = boxCoxShift(rows.map((row) => context.table.target[row]));
  let best: { transform: ValueTransform; logLikelihood: number } | null = null;
  for (const lambda of BOX_COX_LAMBDAS) {
    const transform: ValueTransform = { kind: 'box-cox', lambda, ...shift };
    const { outcome } = fitRegressionAt(context, spec, transform, fitTimeMs, trainingWindowMs, BOX_COX_STRIDE);
    if (!outcome.ok) continue;
    const n = outcome.fit.rows;
    const logLikelihood = (-n / 2) * Math.log(outcome.fit.rss / n) + logJacobian(transform, outcome.fit.usedRows.map((row) => context.table.target[row]));
    if (best === null || logLikelihood > best.logLikelihood) best = { transform, logLikelihood };
  }
  return best?.transform ?? null;
}

/**
 * Chooses the model by rolling-origin cross-validation on the history known
 * at `fitTimeMs`: for each of the last `folds` test periods, every candidate
 * is fitted on what was known at the first belief time of the period (the
 * same training window as the real fit) and forecasts the period with the
 * horizon; the lowest mean absolute error wins, naive methods included.
 */
export function selectModel(
  context: ForecastContext,
  specs: readonly ModelSpec[],
  naiveMethods: readonly NaiveMethod[],
  fitTimeMs: number,
  trainingWindowMs: number,
  cv: CrossValidationOptions,
): ModelSelection {
  const candidates: Candidate[] = [];
  for (const spec of specs) {
    const transform = spec.transform === 'box-cox' ? chooseBoxCox(context, spec, fitTimeMs, trainingWindowMs) : IDENTITY;
    const label = transform ? transformedLabel(spec, transform) : spec.label;
    if (transform === null) candidates.push({ label, model: 'linear-regression', choice: { kind: 'regression', spec, transform: IDENTITY }, failed: 'no Box–Cox fit' });
    else candidates.push({ label, model: 'linear-regression', choice: { kind: 'regression', spec, transform } });
  }
  for (const method of naiveMethods) candidates.push({ label: method, model: method, choice: { kind: 'naive', method, reason: '' } });

  const predictions = candidates.map(() => [] as number[]);
  const actuals: number[] = [];
  for (let fold = 1; fold <= cv.folds; fold++) {
    const testRows = rowsEndingIn(context, fitTimeMs - fold * cv.testMs, fitTimeMs - (fold - 1) * cv.testMs).filter((row) => !Number.isNaN(context.table.target[row]));
    if (testRows.length === 0) continue;
    const foldFitTime = beliefTimeOfRow(context, testRows[0]);
    for (const row of testRows) actuals.push(context.table.target[row]);
    candidates.forEach((candidate, c) => {
      const forecasts = candidate.failed === undefined ? foldForecasts(context, candidate, testRows, foldFitTime, trainingWindowMs, cv.stride) : null;
      for (let k = 0; k < testRows.length; k++) predictions[c].push(forecasts?.[k] ?? Number.NaN);
    });
  }
  return choose(candidates, predictions, actuals);
}

function foldForecasts(context: ForecastContext, candidate: Candidate, rows: readonly number[], fitTimeMs: number, trainingWindowMs: number, stride: number): number[] | null {
  const { choice } = candidate;
  if (choice.kind === 'naive') return rows.map((row) => naiveForecast(context.source, choice.method, context.firstIndex + row) ?? Number.NaN);
  const { outcome } = fitRegressionAt(context, choice.spec, choice.transform, fitTimeMs, trainingWindowMs, stride);
  if (!outcome.ok) {
    candidate.failed = outcome.reason;
    return null;
  }
  return rows.map((row) => {
    const distribution = { transform: outcome.fit.transform, mean: predictTransformed(outcome.fit, context.table, row), std: 0 };
    return Number.isNaN(distribution.mean) ? Number.NaN : forecastQuantile(distribution, 0.5, context.bounds);
  });
}

function choose(candidates: readonly Candidate[], predictions: readonly number[][], actuals: readonly number[]): ModelSelection {
  const regression = candidates.filter((c) => c.model === 'linear-regression');
  if (actuals.length === 0) {
    const first = regression.find((c) => c.failed === undefined) ?? regression[0];
    return {
      choice: first.choice,
      scores: candidates.map((c) => ({ label: c.label, model: c.model, mae: null, rows: 0, ...(c.failed ? { failed: c.failed } : {}) })),
      note: 'no history to cross-validate on: the full spec was used',
    };
  }
  const coverage = predictions.map((p) => p.filter((v) => !Number.isNaN(v)).length / actuals.length);
  const compared = candidates.map((c, k) => c.failed === undefined && coverage[k] >= MIN_COVERAGE);
  const common = actuals.map((_, row) => predictions.every((p, k) => !compared[k] || !Number.isNaN(p[row])));
  const rows = common.filter(Boolean).length;
  const scores: CandidateScore[] = candidates.map((c, k) => {
    if (!compared[k] || rows === 0) {
      const failed = c.failed ?? `forecast only ${(coverage[k] * 100).toFixed(0)}% of the test events`;
      return { label: c.label, model: c.model, mae: null, rows: 0, failed };
    }
    let sum = 0;
    predictions[k].forEach((p, row) => {
      if (common[row]) sum += Math.abs(p - actuals[row]);
    });
    return { label: c.label, model: c.model, mae: sum / rows, rows };
  });
  let best = -1;
  scores.forEach((score, k) => {
    if (score.mae !== null && (best < 0 || score.mae < (scores[best].mae as number))) best = k;
  });
  if (best < 0) {
    const first = regression.find((c) => c.failed === undefined) ?? regression[0];
    return { choice: first.choice, scores, note: 'no candidate could be cross-validated: the full spec was used' };
  }
  const winner = candidates[best];
  if (winner.choice.kind === 'naive') {
    const bestRegression = scores.filter((s) => s.model === 'linear-regression' && s.mae !== null).sort((a, b) => (a.mae as number) - (b.mae as number))[0];
    const reason = bestRegression
      ? `cross-validation: ${winner.label} had a lower mean absolute error (${formatNumber(scores[best].mae as number)}) than the best regression (${formatNumber(bestRegression.mae as number)}, ${bestRegression.label})`
      : `cross-validation: no regression could be fitted (${regression.find((c) => c.failed !== undefined)?.failed ?? 'no candidate'})`;
    return { choice: { ...winner.choice, reason }, scores };
  }
  return { choice: winner.choice, scores };
}

function formatNumber(value: number): string {
  return Number(value.toPrecision(4)).toString();
}

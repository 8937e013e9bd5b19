import { Matrix, QrDecomposition } from 'ml-matrix';
import type { FeatureTable } from './feature-table';
import type { ModelSpec } from './model-spec';
import { forwardTransform, type ValueTransform } from './value-transform';

/** Regressors enter as a linear spline: the value plus hinges max(0, x − knot) at these quantiles of the training values. */
const KNOT_QUANTILES = [0.25, 0.5, 0.75];
/** A diagonal element of R this much smaller than the largest means the columns are (nearly) collinear. */
const RANK_TOLERANCE = 1e-9;

/** An OLS fit of a spec on the (transformed) outcome. */
export interface FittedRegression {
  readonly spec: ModelSpec;
  readonly transform: ValueTransform;
  readonly knots: ReadonlyMap<string, readonly number[]>;
  /** Standardisation of the raw columns; columns without variance in training are left out. */
  readonly columnMeans: Float64Array;
  readonly columnScales: Float64Array;
  readonly keptColumns: readonly number[];
  /** Intercept first, then one per kept column. */
  readonly coefficients: Float64Array;
  /** Residual standard error on the transformed scale: sqrt(RSS / (n − p)). */
  readonly residualStd: number;
  readonly rows: number;
  readonly rss: number;
  /** The table rows the fit used (complete features and target). */
  readonly usedRows: readonly number[];
}

export type FitOutcome = { readonly ok: true; readonly fit: FittedRegression } | { readonly ok: false; readonly reason: string };

function quantileOfSorted(sorted: Float64Array, p: number): number {
  const at = p * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

/** Distinct knots strictly inside the range of the training values (a knot at the minimum would repeat the linear term). */
export function splineKnots(values: ArrayLike<number>): number[] {
  const finite = Float64Array.from(Array.from(values).filter((v) => Number.isFinite(v))).sort();
  if (finite.length < 2) return [];
  const min = finite[0];
  const max = finite[finite.length - 1];
  const knots = KNOT_QUANTILES.map((p) => quantileOfSorted(finite, p)).filter((k) => k > min && k < max);
  return [...new Set(knots)];
}

/** The raw (unstandardised) columns of one row, or false when a feature is missing. */
function rawColumns(table: FeatureTable, row: number, spec: ModelSpec, transform: ValueTransform, knots: ReadonlyMap<string, readonly number[]>, out: number[]): boolean {
  out.length = 0;
  for (const lag of spec.lags) {
    const value = table.lags.get(lag)?.[row] ?? Number.NaN;
    if (Number.isNaN(value)) return false;
    out.push(forwardTransform(transform, value));
  }
  if (spec.calendar) for (const column of table.calendar) out.push(column[row]);
  for (const name of spec.regressors) {
    const x = table.regressors.get(name)?.[row] ?? Number.NaN;
    if (Number.isNaN(x)) return false;
    out.push(x);
    for (const knot of knots.get(name) ?? []) out.push(Math.max(0, x - knot));
  }
  return true;
}

/** How many rows a fit with this many columns needs at least. */
export function minimumRows(columns: number, floor: number): number {
  return Math.max(floor, 5 * (columns + 1));
}

/**
 * Fits the spec by ordinary least squares with an intercept, solved by QR
 * decomposition of the standardised design matrix. Rows with a missing
 * feature or target are skipped. Fails (with a reason) on too few rows, a
 * (nearly) singular design or a non-finite solution.
 */
export function fitRegression(table: FeatureTable, rows: readonly number[], spec: ModelSpec, transform: ValueTransform, minRows: number): FitOutcome {
  const knots = new Map(spec.regressors.map((name) => [name, splineKnots(rows.map((r) => table.regressors.get(name)?.[r] ?? Number.NaN))] as const));
  const design: number[][] = [];
  const targets: number[] = [];
  const scratch: number[] = [];
  const usedRows: number[] = [];
  for (const row of rows) {
    const y = table.target[row];
    if (Number.isNaN(y) || !rawColumns(table, row, spec, transform, knots, scratch)) continue;
    usedRows.push(row);
    design.push(scratch.slice());
    targets.push(forwardTransform(transform, y));
  }
  const width = design[0]?.length ?? 0;
  if (design.length < minimumRows(width, minRows)) {
    return { ok: false, reason: `too little history: ${design.length} complete rows, at least ${minimumRows(width, minRows)} needed` };
  }
  const n = design.length;
  const columnMeans = new Float64Array(width);
  const columnScales = new Float64Array(width);
  for (let c = 0; c < width; c++) {
    let sum = 0;
    for (let r = 0; r < n; r++) sum += design[r][c];
    const mean = sum / n;
    let squares = 0;
    for (let r = 0; r < n; r++) squares += (design[r][c] - mean) ** 2;
    columnMeans[c] = mean;
    columnScales[c] = Math.sqrt(squares / n);
  }
  const keptColumns = [...columnScales.keys()].filter((c) => columnScales[c] > 1e-12 * Math.max(1, Math.abs(columnMeans[c])));
  const x = new Matrix(n, keptColumns.length + 1);
  for (let r = 0; r < n; r++) {
    x.set(r, 0, 1);
    keptColumns.forEach((c, k) => x.set(r, k + 1, (design[r][c] - columnMeans[c]) / columnScales[c]));
  }
  const qr = new QrDecomposition(x);
  const r = qr.upperTriangularMatrix;
  const diagonal = Array.from({ length: r.columns }, (_, k) => Math.abs(r.get(k, k)));
  if (!qr.isFullRank() || Math.min(...diagonal) < RANK_TOLERANCE * Math.max(...diagonal)) {
    return { ok: false, reason: 'the features are collinear (singular design matrix)' };
  }
  const coefficients = Float64Array.from(qr.solve(Matrix.columnVector(targets)).getColumn(0));
  if (!coefficients.every(Number.isFinite)) return { ok: false, reason: 'the fit has non-finite coefficients' };
  let rss = 0;
  for (let row = 0; row < n; row++) {
    let fitted = coefficients[0];
    for (let k = 0; k < keptColumns.length; k++) fitted += coefficients[k + 1] * x.get(row, k + 1);
    rss += (targets[row] - fitted) ** 2;
  }
  const dof = Math.max(1, n - coefficients.length);
  return {
    ok: true,
    fit: { spec, transform, knots, columnMeans, columnScales, keptColumns, coefficients, residualStd: Math.sqrt(rss / dof), rows: n, rss, usedRows },
  };
}

/** The fitted value on the transformed scale for a row of a feature table, or NaN when a feature is missing. */
export function predictTransformed(fit: FittedRegression, table: FeatureTable, row: number): number {
  const scratch: number[] = [];
  if (!rawColumns(table, row, fit.spec, fit.transform, fit.knots, scratch)) return Number.NaN;
  let value = fit.coefficients[0];
  fit.keptColumns.forEach((c, k) => (value += fit.coefficients[k + 1] * ((scratch[c] - fit.columnMeans[c]) / fit.columnScales[c])));
  return value;
}

import { beliefsAhead, DAY, Q, quarterHours, randomValues, T0 } from '../test/forecasting-fixtures';
import { buildFeatureTable, type FeatureSource } from './feature-table';
import { fitRegression, predictTransformed, splineKnots } from './linear-regression';
import type { ModelSpec } from './model-spec';
import { beliefTimeline } from './value-beliefs';
import { IDENTITY } from './value-transform';

const HORIZON = 6 * 3600_000;

/** y[t] = 3 + 0.5·y[t − 1 day] + 2·x[t]: a perfectly linear process in a lag and a regressor. */
function linearProcess(days: number) {
  const n = days * 96;
  const x = randomValues(n, 7, 0, 10);
  const y: number[] = [];
  for (let t = 0; t < n; t++) y.push(3 + 0.5 * (t >= 96 ? y[t - 96] : 0) + 2 * x[t]);
  return { x: quarterHours(x), y: quarterHours(y) };
}

function sourceOf(y: ReturnType<typeof quarterHours>, regressors: Record<string, ReturnType<typeof quarterHours>>): FeatureSource {
  const map = new Map(Object.entries(regressors).map(([name, series]) => [name, { resolutionMs: Q, anchorMs: T0, timeline: beliefTimeline(beliefsAhead(series, DAY)) }] as const));
  return { outcomes: y, horizonMs: HORIZON, regressors: map, utcOffsetMs: 0 };
}

const spec: ModelSpec = { label: 'test', lags: [96], calendar: false, regressors: ['x'], transform: 'identity' };

describe('fitRegression', () => {
  it('recovers the coefficients of a perfectly linear process, with no residual error', () => {
    const { x, y } = linearProcess(10);
    const source = sourceOf(y, { x });
    const indices = Array.from({ length: y.values.length }, (_, i) => i);
    const table = buildFeatureTable(source, indices, [96], ['x'], Number.POSITIVE_INFINITY);
    const outcome = fitRegression(table, indices, spec, IDENTITY, 48);
    if (!outcome.ok) throw new Error(outcome.reason);
    const { fit } = outcome;
    // Raw coefficient = standardised coefficient / column scale; columns: lag 96, x, then x's hinges.
    const raw = fit.keptColumns.map((c, k) => fit.coefficients[k + 1] / fit.columnScales[c]);
    expect(raw[0]).toBeCloseTo(0.5, 8);
    expect(raw[1]).toBeCloseTo(2, 8);
    for (const hinge of raw.slice(2)) expect(hinge).toBeCloseTo(0, 8);
    expect(fit.residualStd).toBeLessThan(1e-8);
    expect(fit.rows).toBe(y.values.length - 96);
    expect(predictTransformed(fit, table, 500)).toBeCloseTo(y.values[500] as number, 8);
  });

  it('fails with a reason on too little history', () => {
    const { x, y } = linearProcess(2);
    const table = buildFeatureTable(sourceOf(y, { x }), [100, 101, 102], [96], ['x'], Number.POSITIVE_INFINITY);
    const outcome = fitRegression(table, [0, 1, 2], spec, IDENTITY, 48);
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/^too little history: 3 complete rows, at least \d+ needed$/) });
  });

  it('fails with a reason on collinear features (the same regressor twice)', () => {
    const { x, y } = linearProcess(4);
    const table = buildFeatureTable(sourceOf(y, { x, copy: x }), Array.from({ length: 384 }, (_, i) => i), [96], ['x', 'copy'], Number.POSITIVE_INFINITY);
    const outcome = fitRegression(table, Array.from({ length: 384 }, (_, i) => i), { ...spec, regressors: ['x', 'copy'] }, IDENTITY, 48);
    expect(outcome).toEqual({ ok: false, reason: 'the features are collinear (singular design matrix)' });
  });

  it('skips columns without variance (a constant regressor) instead of failing', () => {
    const { x, y } = linearProcess(4);
    const constant = quarterHours(x.values.map(() => 1));
    const indices = Array.from({ length: 384 }, (_, i) => i);
    const table = buildFeatureTable(sourceOf(y, { x, constant }), indices, [96], ['x', 'constant'], Number.POSITIVE_INFINITY);
    const outcome = fitRegression(table, indices, { ...spec, regressors: ['x', 'constant'] }, IDENTITY, 48);
    expect(outcome.ok && outcome.fit.residualStd).toBeLessThan(1e-8);
  });
});

describe('splineKnots', () => {
  it('puts knots at quartiles strictly inside the range, without repeats', () => {
    expect(splineKnots([0, 1, 2, 3, 4])).toEqual([1, 2, 3]);
    // Irradiance: more than half the values are zero (night), so the lower quartile and the median sit at the minimum and are dropped.
    expect(splineKnots([0, 0, 0, 0, 0, 0.2, 0.4, 0.6, 0.8])).toEqual([0.4]);
    expect(splineKnots([5, 5, 5])).toEqual([]);
  });
});

import { errorOf } from '../test/domain-error-of';
import { beliefsAhead, DAY, H, indexAt, MIN, Q, quarterHours, randomValues, T0 } from '../test/forecasting-fixtures';
import { makeForecasts, type ForecastRequest } from './forecast';
import type { ModelSpec } from './model-spec';
import type { RegularSeries } from './regular-series';
import type { ValueBelief } from './value-beliefs';

const DAILY = { daily: true, weekly: false };
const NONE = { daily: false, weekly: false };

/** A daily sine with noise: 28 days of a load-like series. */
function dailySeries(days: number, seed = 1): RegularSeries {
  const noise = randomValues(days * 96, seed, -3, 3);
  return quarterHours(noise.map((e, t) => 50 + 20 * Math.sin((2 * Math.PI * t) / 96) + e));
}

/** Random levels held for 2 hours (8 quarter-hours): the rest of a block is known only once it has happened. */
function blockSeries(days: number, seed = 11): RegularSeries {
  const levels = randomValues(days * 12, seed, 0, 100);
  return quarterHours(Array.from({ length: days * 96 }, (_, t) => levels[Math.floor(t / 8)]));
}

function withValuesAfter(series: RegularSeries, knownAtMs: number, seed: number): RegularSeries {
  const noise = randomValues(series.values.length, seed, 0, 1000);
  return { ...series, values: series.values.map((v, i) => (series.startMs + (i + 1) * series.resolutionMs > knownAtMs ? noise[i] : v)) };
}

describe('makeForecasts: rolling belief times', () => {
  it('forecasts every event of the window with belief time = event end − horizon, and ordered quantiles', () => {
    const from = T0 + 27 * DAY;
    const result = makeForecasts({ outcomes: dailySeries(28), forecastTimeMs: T0 + 28 * DAY, horizonMs: 6 * H, window: { fromMs: from, toMs: from + DAY }, seasonality: DAILY });
    expect(result.forecasts).toHaveLength(96);
    result.forecasts.forEach((f, i) => {
      expect(f.eventStartMs).toBe(from + i * Q);
      expect(f.beliefTimeMs).toBe(f.eventStartMs + Q - 6 * H);
      expect(Object.keys(f.quantiles)).toEqual(['0.1', '0.5', '0.9']);
      expect(f.quantiles[0.1]).toBeLessThanOrEqual(f.value);
      expect(f.value).toBe(f.quantiles[0.5]);
      expect(f.quantiles[0.9]).toBeGreaterThanOrEqual(f.value);
    });
    expect(result.model).toMatchObject({ name: 'linear-regression', version: '1' });
    expect(result.unforecastable).toEqual([]);
  });

  it('without a window, forecasts the one event whose belief time is the forecast time', () => {
    const t = T0 + 27 * DAY + 10 * H;
    const result = makeForecasts({ outcomes: dailySeries(28), forecastTimeMs: t, horizonMs: H, seasonality: DAILY });
    expect(result.forecasts.map((f) => [f.eventStartMs, f.beliefTimeMs])).toEqual([[t + H - Q, t]]);
  });
});

describe('makeForecasts: no leakage', () => {
  // Forecast at the start of a 2-hour block, 1 hour ahead: the event forecast is the 4th of the block, whose level shows only after t.
  const series = blockSeries(28);
  const t = T0 + 27 * DAY + 2 * H;
  const request: ForecastRequest = { outcomes: series, forecastTimeMs: t, horizonMs: H, seasonality: DAILY };

  it('does not use values that became known after the forecast time, however they are passed', () => {
    const result = makeForecasts(request);
    const truncated = { ...series, values: series.values.slice(0, indexAt(t)) };
    expect(makeForecasts({ ...request, outcomes: truncated })).toEqual(result);
    expect(makeForecasts({ ...request, outcomes: withValuesAfter(series, t, 5) })).toEqual(result);
    // A model that peeked at the event 1 step back (known only at t + 30 min) would be exact; this one cannot be.
    const truth = series.values[indexAt(result.forecasts[0].eventStartMs)] as number;
    expect(Math.abs(result.forecasts[0].value - truth)).toBeGreaterThan(1);
  });

  it('does not use weather beliefs made after the forecast time', () => {
    const x = quarterHours(randomValues(28 * 96, 3, 0, 10));
    const y = quarterHours(series.values.map((v, i) => (v as number) + 5 * (x.values[i] as number)));
    const beliefs = beliefsAhead(x, 3 * H);
    const later: ValueBelief[] = beliefs.map((b) => ({ ...b, beliefTimeMs: t + 1, value: b.value + 100 }));
    const base: ForecastRequest = { ...request, outcomes: y, regressors: [{ name: 'x', resolutionMs: Q, beliefs }] };
    expect(makeForecasts({ ...base, regressors: [{ name: 'x', resolutionMs: Q, beliefs: [...beliefs, ...later] }] })).toEqual(makeForecasts(base));
  });

  it('in a rolling window, each forecast depends only on what was known at its own belief time', () => {
    const x = quarterHours(randomValues(28 * 96, 4, 0, 10));
    const y = quarterHours(series.values.map((v, i) => (v as number) + 5 * (x.values[i] as number)));
    // Two forecasts per weather event: a day ahead, and a better one 30 minutes before it starts.
    const beliefs = [...beliefsAhead(x, DAY).map((b) => ({ ...b, value: b.value + 1 })), ...beliefsAhead(x, 30 * MIN)];
    const from = T0 + 26 * DAY;
    const rolling: ForecastRequest = {
      outcomes: y,
      forecastTimeMs: T0 + 28 * DAY,
      horizonMs: H,
      window: { fromMs: from, toMs: from + DAY },
      seasonality: DAILY,
      regressors: [{ name: 'x', resolutionMs: Q, beliefs }],
      options: { refitEveryMs: 6 * H },
    };
    const result = makeForecasts(rolling);
    const k = 40;
    const knownAtK = result.forecasts[k].beliefTimeMs;
    const changed = makeForecasts({
      ...rolling,
      outcomes: withValuesAfter(y, knownAtK, 9),
      regressors: [{ name: 'x', resolutionMs: Q, beliefs: beliefs.map((b) => (b.beliefTimeMs > knownAtK ? { ...b, value: b.value + 50 } : b)) }],
    });
    expect(changed.forecasts.slice(0, k + 1)).toEqual(result.forecasts.slice(0, k + 1));
    // The change does reach the later events, so the comparison above can fail.
    expect(changed.forecasts.slice(k + 1)).not.toEqual(result.forecasts.slice(k + 1));
  });
});

describe('makeForecasts: weather as known at the belief time', () => {
  // y = 10·x; every event has an exact forecast of x 3 h ahead, except the last event's, which was wrong (1 instead of 7)
  // and corrected only 30 minutes before the event started: after its belief time for a 1-hour horizon.
  const x = quarterHours(randomValues(28 * 96, 21, 0, 10));
  const y = quarterHours(x.values.map((v) => 10 * (v as number)));
  const last = T0 + 28 * DAY - Q;
  const beliefs: ValueBelief[] = [
    ...beliefsAhead(x, 3 * H).map((b) => (b.eventStartMs === last ? { ...b, value: 1 } : b)),
    { eventStartMs: last, beliefTimeMs: last - 30 * MIN, value: 7 },
  ];
  const spec: ModelSpec = { label: 'x', lags: [4], calendar: false, regressors: ['x'], transform: 'identity' };
  const yWithLast = { ...y, values: y.values.map((v, i) => (i === indexAt(last) ? 70 : v)) };

  /** Forecasts the last event with a horizon, made a day later (a backtest: the corrected forecast is in the data by then). */
  const forecastLast = (horizonMs: number, lag: number) =>
    makeForecasts({
      outcomes: yWithLast,
      forecastTimeMs: T0 + 29 * DAY,
      horizonMs,
      window: { fromMs: last, toMs: last + Q },
      seasonality: NONE,
      regressors: [{ name: 'x', resolutionMs: Q, beliefs }],
      options: { spec: { ...spec, lags: [lag] } },
    }).forecasts[0].value;

  it('uses the forecast known at the event’s belief time, not a later, better one', () => {
    expect(forecastLast(H, 4)).toBeCloseTo(10, 6);
  });

  it('uses the later one for a shorter horizon, when it was known in time', () => {
    expect(forecastLast(15 * MIN, 1)).toBeCloseTo(70, 6);
  });
});

describe('makeForecasts: the regression', () => {
  it('recovers a perfectly linear process: exact forecasts and collapsed intervals', () => {
    const days = 20;
    const x = quarterHours(randomValues(days * 96, 7, 0, 10));
    const values: number[] = [];
    for (let t = 0; t < days * 96; t++) values.push(3 + 0.5 * (t >= 96 ? values[t - 96] : 0) + 2 * (x.values[t] as number));
    const from = T0 + (days - 1) * DAY;
    const result = makeForecasts({
      outcomes: quarterHours(values),
      forecastTimeMs: T0 + days * DAY,
      horizonMs: 6 * H,
      window: { fromMs: from, toMs: from + DAY - 6 * H },
      seasonality: DAILY,
      regressors: [{ name: 'x', resolutionMs: Q, beliefs: beliefsAhead(x, DAY) }],
      options: { spec: { label: 'linear', lags: [96], calendar: false, regressors: ['x'], transform: 'identity' } },
    });
    for (const f of result.forecasts) {
      expect(f.value).toBeCloseTo(values[indexAt(f.eventStartMs)], 6);
      expect(f.quantiles[0.9] - f.quantiles[0.1]).toBeLessThan(1e-6);
    }
  });

  it('gives asymmetric intervals with a Box–Cox transform, and clips to the bounds', () => {
    // Solar-like: zero at night, a daily bump scaled by a random daily factor.
    const factors = randomValues(28, 31, 0.3, 1);
    const solar = quarterHours(Array.from({ length: 28 * 96 }, (_, t) => Math.max(0, Math.sin((2 * Math.PI * (t % 96 - 24)) / 96)) * 100 * factors[Math.floor(t / 96)]));
    const from = T0 + 27 * DAY;
    const result = makeForecasts({
      outcomes: solar,
      forecastTimeMs: T0 + 28 * DAY,
      horizonMs: 24 * H,
      window: { fromMs: from, toMs: from + DAY },
      seasonality: DAILY,
      options: { spec: { label: 'bc', lags: [96, 192], calendar: true, regressors: [], transform: 'box-cox' }, bounds: { min: 0, max: 100 } },
    });
    expect(result.model.spec).toMatch(/Box–Cox λ=/);
    const noon = result.forecasts[48];
    expect(noon.quantiles[0.9] - noon.value).not.toBeCloseTo(noon.value - noon.quantiles[0.1], 3);
    for (const f of result.forecasts) for (const q of Object.values(f.quantiles)) expect(q).toBeGreaterThanOrEqual(0);
    for (const f of result.forecasts) for (const q of Object.values(f.quantiles)) expect(q).toBeLessThanOrEqual(100);
  });
});

describe('makeForecasts: naive fallback', () => {
  it('falls back to a naive forecast on short history, and says why', () => {
    const series = dailySeries(1.5);
    const t = T0 + 1.5 * DAY;
    const result = makeForecasts({ outcomes: series, forecastTimeMs: t, horizonMs: H, seasonality: DAILY });
    expect(result.model.name).toMatch(/^naive-(last|daily)$/);
    expect(result.model.reason).toMatch(/too little history: \d+ complete rows, at least \d+ needed/);
    expect(result.forecasts).toHaveLength(1);
    expect(result.forecasts[0].model).toBe(result.model);
  });

  it('reports events nothing can be forecast for', () => {
    const result = makeForecasts({ outcomes: quarterHours([]), forecastTimeMs: T0 + DAY, horizonMs: H, seasonality: DAILY });
    expect(result.forecasts).toEqual([]);
    expect(result.unforecastable).toEqual([T0 + DAY + H - Q]);
  });

  it('falls back when the regression cannot be fitted (collinear features)', () => {
    const x = quarterHours(randomValues(28 * 96, 8, 0, 10));
    const beliefs = beliefsAhead(x, DAY);
    const result = makeForecasts({
      outcomes: dailySeries(28),
      forecastTimeMs: T0 + 28 * DAY,
      horizonMs: H,
      seasonality: DAILY,
      regressors: [
        { name: 'x', resolutionMs: Q, beliefs },
        { name: 'same x', resolutionMs: Q, beliefs },
      ],
      options: { spec: { label: 'twice', lags: [4], calendar: false, regressors: ['x', 'same x'], transform: 'identity' } },
    });
    expect(result.model).toEqual({ name: 'naive-daily', version: '1', reason: 'the regression could not be fitted: the features are collinear (singular design matrix)' });
  });

  it('falls back per event when a feature is unknown at its belief time (no weather forecast for it)', () => {
    const x = quarterHours(randomValues(28 * 96, 8, 0, 10));
    const last = T0 + 28 * DAY - Q;
    const result = makeForecasts({
      outcomes: dailySeries(28),
      forecastTimeMs: T0 + 28 * DAY,
      horizonMs: H,
      window: { fromMs: last - Q, toMs: last + Q },
      seasonality: DAILY,
      regressors: [{ name: 'x', resolutionMs: Q, beliefs: beliefsAhead(x, DAY).filter((b) => b.eventStartMs !== last) }],
      options: { spec: { label: 'x', lags: [4, 96], calendar: false, regressors: ['x'], transform: 'identity' } },
    });
    expect(result.forecasts.map((f) => f.model.name)).toEqual(['linear-regression', 'naive-daily']);
    expect(result.forecasts[1].model.reason).toBe('a feature of the regression was not known at the belief time');
  });

  it('can be asked for a naive baseline', () => {
    const series = dailySeries(28);
    const t = T0 + 27 * DAY;
    const result = makeForecasts({ outcomes: series, forecastTimeMs: t, horizonMs: H, seasonality: DAILY, options: { naive: 'naive-daily' } });
    expect(result.model).toEqual({ name: 'naive-daily', version: '1', reason: 'requested' });
    expect(result.forecasts[0].value).toBe(series.values[indexAt(t + H - Q) - 96]);
  });
});

describe('makeForecasts: model selection by cross-validation', () => {
  it('picks a spec with the weather regressor when the outcome follows the weather', () => {
    const x = quarterHours(randomValues(63 * 96, 12, 0, 10));
    const noise = randomValues(63 * 96, 13, -0.5, 0.5);
    const y = quarterHours(x.values.map((v, i) => 5 * (v as number) + noise[i]));
    const result = makeForecasts({
      outcomes: y,
      forecastTimeMs: T0 + 63 * DAY,
      horizonMs: 6 * H,
      seasonality: { daily: true, weekly: true },
      regressors: [{ name: 'x', resolutionMs: Q, beliefs: beliefsAhead(x, DAY) }],
    });
    expect(result.model.spec).toMatch(/\+ x/);
    const scores = result.selection.scores;
    const withX = Math.min(...scores.filter((s) => s.label.includes('x') && s.mae !== null).map((s) => s.mae as number));
    const withoutX = Math.min(...scores.filter((s) => !s.label.includes('x') && s.mae !== null).map((s) => s.mae as number));
    expect(withX).toBeLessThan(withoutX / 3);
  });

  it('chooses the naive forecast, and says why, when it did better on the recent history', () => {
    // Until three weeks ago the outcome followed the weather; since then it drifts slowly, which persistence tracks and the fit does not.
    const days = 63;
    const x = quarterHours(randomValues(days * 96, 14, 0, 100));
    const y = quarterHours(x.values.map((v, t) => (t < (days - 21) * 96 ? (v as number) : 50 + 40 * Math.sin((2 * Math.PI * t) / (10 * 96)))));
    const result = makeForecasts({
      outcomes: y,
      forecastTimeMs: T0 + days * DAY,
      horizonMs: 15 * MIN,
      seasonality: NONE,
      regressors: [{ name: 'x', resolutionMs: Q, beliefs: beliefsAhead(x, DAY) }],
    });
    expect(result.model.name).toBe('naive-last');
    expect(result.model.reason).toMatch(/^cross-validation: naive-last had a lower mean absolute error \(.+\) than the best regression \(.+\)$/);
  });
});

describe('makeForecasts: input checks', () => {
  const base: ForecastRequest = { outcomes: dailySeries(28), forecastTimeMs: T0 + 28 * DAY, horizonMs: H, seasonality: DAILY };

  it.each([
    ['a window off the grid', { window: { fromMs: T0 + 27 * DAY + 7 * MIN, toMs: T0 + 28 * DAY } }, /grid/],
    ['an empty window', { window: { fromMs: T0 + 27 * DAY, toMs: T0 + 27 * DAY } }, /end after it starts/],
    ['events whose belief time lies after the forecast time', { window: { fromMs: T0 + 27 * DAY, toMs: T0 + 28 * DAY + H + Q } }, /can only be forecast at 2016-05-30T00:15:00.000Z, after the forecast time 2016-05-30T00:00:00.000Z/],
    ['a horizon of zero', { horizonMs: 0 }, /positive horizon/],
    ['a probability of 1', { options: { probabilities: [0.5, 1] } }, /strictly between 0 and 1/],
    ['a regressor given twice', { regressors: [{ name: 'x', resolutionMs: Q, beliefs: [] }, { name: 'x', resolutionMs: Q, beliefs: [] }] }, /given twice/],
  ])('refuses %s', (_, change, message) => {
    const error = errorOf(() => makeForecasts({ ...base, ...change } as ForecastRequest));
    expect(error?.code).toBe('UNPROCESSABLE_ENTITY');
    expect(error?.message).toMatch(message);
  });
});

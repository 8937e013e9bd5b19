import { errorOf } from '../test/domain-error-of';
import { accuracyMetrics, accuracyPerWindow, pairWithActuals } from './metrics';

const H = 3600_000;
const T0 = Date.parse('2016-05-01T00:00:00Z');

describe('accuracyMetrics', () => {
  it('computes MAE, WAPE and 1 − WAPE over the pairs with both values (hand-computed)', () => {
    // Errors 1, 0, 2 (the null pairs are skipped): MAE 1; WAPE 3 / (2 + 2 + 1) = 0.6.
    const metrics = accuracyMetrics([
      { forecast: 1, actual: 2 },
      { forecast: 2, actual: 2 },
      { forecast: 3, actual: 1 },
      { forecast: null, actual: 5 },
      { forecast: 4, actual: null },
    ]);
    expect(metrics.count).toBe(3);
    expect(metrics.mae).toBeCloseTo(1, 12);
    expect(metrics.wape).toBeCloseTo(0.6, 12);
    expect(metrics.accuracy).toBeCloseTo(0.4, 12);
    expect(metrics.reason).toBeUndefined();
  });

  it('weighs by volume: zeros in the actuals are fine as long as not all are zero', () => {
    // Solar-like: night zeros forecast perfectly, one noon value off by 10 of 100 → WAPE 10 / 100.
    const metrics = accuracyMetrics([
      { forecast: 0, actual: 0 },
      { forecast: 90, actual: 100 },
      { forecast: 0, actual: 0 },
    ]);
    expect(metrics.wape).toBeCloseTo(0.1, 12);
    expect(metrics.mae).toBeCloseTo(10 / 3, 12);
  });

  it('uses absolute values of negative actuals (production, prices)', () => {
    expect(accuracyMetrics([{ forecast: -8, actual: -10 }, { forecast: 5, actual: 10 }]).wape).toBeCloseTo(7 / 20, 12);
  });

  it('gives accuracy below zero when the forecast is off by more than the actual volume', () => {
    expect(accuracyMetrics([{ forecast: 30, actual: 10 }]).accuracy).toBeCloseTo(-1, 12);
  });

  it('leaves WAPE undefined, with a reason, when every actual value is zero', () => {
    const metrics = accuracyMetrics([{ forecast: 1, actual: 0 }, { forecast: 0, actual: 0 }]);
    expect(metrics).toEqual({ count: 2, mae: 0.5, wape: null, accuracy: null, reason: 'WAPE is undefined: every actual value is zero' });
  });

  it('says so when no pair is complete', () => {
    expect(accuracyMetrics([{ forecast: null, actual: 1 }])).toMatchObject({ count: 0, mae: null, wape: null, reason: expect.stringContaining('no event') });
  });
});

describe('accuracyPerWindow', () => {
  it('groups pairs per window aligned to the epoch', () => {
    const actuals = { startMs: T0 - 2 * H, resolutionMs: H, values: [1, 2, 3, 4] };
    const pairs = pairWithActuals(
      [
        { eventStartMs: T0 - 2 * H, value: 2 },
        { eventStartMs: T0 - H, value: 2 },
        { eventStartMs: T0, value: 0 },
        { eventStartMs: T0 + H, value: 4 },
      ],
      actuals,
    );
    const windows = accuracyPerWindow(pairs, 24 * H);
    expect(windows.map((w) => [w.startMs, w.metrics.mae, w.metrics.wape])).toEqual([
      [T0 - 24 * H, 0.5, 1 / 3],
      [T0, 1.5, 3 / 7],
    ]);
    expect(errorOf(() => accuracyPerWindow(pairs, 0))?.code).toBe('UNPROCESSABLE_ENTITY');
  });

  it('pairs a forecast outside the actual series with null', () => {
    expect(pairWithActuals([{ eventStartMs: T0 + 10 * H, value: 1 }], { startMs: T0, resolutionMs: H, values: [1] })[0].actual).toBeNull();
  });
});

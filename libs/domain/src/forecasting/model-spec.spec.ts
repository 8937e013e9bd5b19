import { errorOf } from '../test/domain-error-of';
import { candidateSpecs, horizonSteps, outcomeLags, sameTimeLastKnownDayLag } from './model-spec';

const MIN = 60_000;
const H = 60 * MIN;
const Q = 15 * MIN;
const both = { daily: true, weekly: true };

describe('horizonSteps', () => {
  it('is the smallest lag known at the belief time: L·resolution ≥ horizon', () => {
    expect(horizonSteps(H, Q)).toBe(4);
    expect(horizonSteps(20 * MIN, Q)).toBe(2);
    expect(horizonSteps(Q, Q)).toBe(1);
  });

  it('refuses a horizon that is not positive', () => {
    expect(errorOf(() => horizonSteps(0, Q))?.code).toBe('UNPROCESSABLE_ENTITY');
    expect(errorOf(() => horizonSteps(-H, Q))?.code).toBe('UNPROCESSABLE_ENTITY');
  });
});

describe('outcomeLags', () => {
  it.each([
    ['1 h, 15 min', H, Q, both, { recent: [4, 5], daily: [96, 192], weekly: [672] }],
    ['6 h, 15 min', 6 * H, Q, both, { recent: [24, 25], daily: [96, 192], weekly: [672] }],
    ['24 h, 15 min', 24 * H, Q, both, { recent: [], daily: [96, 192], weekly: [672] }],
    ['48 h, 15 min', 48 * H, Q, both, { recent: [], daily: [192, 288], weekly: [672] }],
    ['1 h, hourly', H, H, both, { recent: [1, 2], daily: [24, 48], weekly: [168] }],
    ['daily only', H, Q, { daily: true, weekly: false }, { recent: [4, 5], daily: [96, 192], weekly: [] }],
    ['no periodicity, 48 h', 48 * H, Q, { daily: false, weekly: false }, { recent: [192], daily: [], weekly: [] }],
    ['a resolution that does not divide a day', H, 7 * MIN, both, { recent: [9, 10], daily: [], weekly: [] }],
  ])('%s', (_, horizon, resolution, seasonality, expected) => {
    const lags = outcomeLags(horizon, resolution, seasonality);
    expect(lags).toEqual(expected);
    for (const lag of [...lags.recent, ...lags.daily, ...lags.weekly]) expect(lag * resolution).toBeGreaterThanOrEqual(horizon);
  });

  it('the seasonal-naive lag is the same time on the most recent known day', () => {
    expect(sameTimeLastKnownDayLag(H, Q)).toBe(96);
    expect(sameTimeLastKnownDayLag(24 * H, Q)).toBe(96);
    expect(sameTimeLastKnownDayLag(25 * H, Q)).toBe(192);
    expect(sameTimeLastKnownDayLag(H, 7 * MIN)).toBeUndefined();
  });
});

describe('candidateSpecs', () => {
  it('offers the full spec and variants without the weekly lag, the weather, the calendar, and with Box–Cox', () => {
    const specs = candidateSpecs({ horizonMs: H, resolutionMs: Q, seasonality: both, regressors: ['temperature'], transformable: true });
    expect(specs.map((s) => s.label)).toEqual([
      'lags 4/5/96/192/672 + calendar + temperature',
      'lags 4/5/96/192 + calendar + temperature',
      'lags 4/5/96/192/672 + calendar',
      'lags 4/5/96/192/672 + temperature',
      'lags 4/5/96/192/672 + calendar + temperature + box-cox',
    ]);
  });

  it('offers just the lags without periodicity, weather or zeros', () => {
    expect(candidateSpecs({ horizonMs: H, resolutionMs: Q, seasonality: { daily: false, weekly: false }, regressors: [], transformable: false })).toEqual([
      { label: 'lags 4/5', lags: [4, 5], calendar: false, regressors: [], transform: 'identity' },
    ]);
  });
});

import { convertUnit, fromMegawatts, toMegawatts } from './power-units';
import { codeOf } from '../test/domain-error-of';


describe('power units', () => {
  it.each([
    ['MW', [220, -1.5], [220, -1.5]],
    ['kW', [1500, 306.66], [1.5, 0.30666]],
    ['W', [2_500_000, 1], [2.5, 0.000001]],
  ])('%s to MW', (unit, values, expected) => {
    expect(toMegawatts(values, unit)).toEqual(expected);
  });

  it.each([
    ['kW', [1.5], [1500]],
    ['W', [0.25], [250_000]],
    ['MW', [3], [3]],
  ])('MW to %s', (unit, values, expected) => {
    expect(fromMegawatts(values, unit)).toEqual(expected);
  });

  it('v1 (§14.4.8) accepts MW only', () => {
    expect(codeOf(() => convertUnit([1], 'kW', 'MW', ['MW']))).toBe('INVALID_UNIT');
    expect(convertUnit([1], 'MW', 'MW', ['MW'])).toEqual([1]);
  });

  it.each([
    ['mW', 'MW'],
    ['kWh', 'MW'],
    ['EUR/kWh', 'EUR/MWh'],
    ['°C', 'K'],
    ['KRW/kWh', 'MW'],
  ])('refuses %s where %s is expected', (from, to) => {
    expect(codeOf(() => convertUnit([1], from, to))).toBe('INVALID_UNIT');
  });

  it('lets non-power units through only when they match exactly', () => {
    expect(convertUnit([52.37], 'KRW/kWh', 'KRW/kWh')).toEqual([52.37]);
    expect(convertUnit([20.04], '°C', '°C')).toEqual([20.04]);
  });

  it('is empty for no values', () => {
    expect(toMegawatts([], 'kW')).toEqual([]);
  });
});

describe('power unit limits', () => {
  it('refuses a conversion whose result is not a finite number', () => {
    expect(codeOf(() => convertUnit([1.7976931348623157e308], 'MW', 'kW'))).toBe('UNPROCESSABLE_ENTITY');
  });
});

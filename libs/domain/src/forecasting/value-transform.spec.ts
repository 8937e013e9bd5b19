import { BOX_COX_LAMBDAS, boxCoxShift, forwardTransform, IDENTITY, inverseTransform, zeroShare, type ValueTransform } from './value-transform';

describe('Box–Cox transform', () => {
  const values = [0, 0.001, 0.5, 3, 42, 400];

  it.each(BOX_COX_LAMBDAS.map((lambda) => [lambda]))('round-trips values with λ = %p', (lambda) => {
    const transform: ValueTransform = { kind: 'box-cox', lambda, offset: 2, sign: 1 };
    for (const y of values) expect(inverseTransform(transform, forwardTransform(transform, y))).toBeCloseTo(y, 9);
  });

  it('round-trips production stored as negative values (sign −1)', () => {
    const shift = boxCoxShift([0, -10, -400]);
    expect(shift.sign).toBe(-1);
    const transform: ValueTransform = { kind: 'box-cox', lambda: 0.25, ...shift };
    for (const y of [0, -3, -400]) expect(inverseTransform(transform, forwardTransform(transform, y))).toBeCloseTo(y, 9);
  });

  it('is increasing, so quantiles map to quantiles, and compresses large values (asymmetric intervals back on the original scale)', () => {
    const transform: ValueTransform = { kind: 'box-cox', lambda: 0, offset: 1, sign: 1 };
    const z = forwardTransform(transform, 10);
    const low = inverseTransform(transform, z - 0.5);
    const high = inverseTransform(transform, z + 0.5);
    expect(low).toBeLessThan(10);
    expect(high - 10).toBeGreaterThan(10 - low);
  });

  it('clamps values below the range it was made for instead of failing, and maps z below the domain to the lowest value', () => {
    const transform: ValueTransform = { kind: 'box-cox', lambda: 0.5, offset: 1, sign: 1 };
    expect(Number.isFinite(forwardTransform(transform, -5))).toBe(true);
    expect(inverseTransform(transform, -100)).toBe(-1);
  });

  it('boxCoxShift lifts the lowest value to a small positive number', () => {
    const { offset, sign } = boxCoxShift([0, 10, 100]);
    expect(sign).toBe(1);
    expect(offset).toBeCloseTo(5, 9);
    expect(boxCoxShift([-20, 10, 100]).offset).toBeCloseTo(26, 9);
  });

  it('the identity leaves values alone', () => {
    expect(forwardTransform(IDENTITY, -3.5)).toBe(-3.5);
    expect(inverseTransform(IDENTITY, 7)).toBe(7);
  });
});

describe('zeroShare', () => {
  it('counts values that are practically zero', () => {
    expect(zeroShare([0, 0, 1e-9, 5])).toBe(0.75);
    expect(zeroShare([1, 2, 3, 4])).toBe(0);
    expect(zeroShare([0, 0])).toBe(1);
  });
});

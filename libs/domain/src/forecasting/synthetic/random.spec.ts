import { autoregressive, gaussian, mulberry32, poisson, seedFor } from './random';

const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0) / xs.length;

describe('seeded random numbers', () => {
  it('mulberry32 repeats for the same seed, differs for another, and stays in [0, 1)', () => {
    const a = Array.from({ length: 5 }, mulberry32(42));
    expect(Array.from({ length: 5 }, mulberry32(42))).toEqual(a);
    expect(Array.from({ length: 5 }, mulberry32(43))).not.toEqual(a);
    const many = Array.from({ length: 10_000 }, mulberry32(1));
    expect(Math.min(...many)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...many)).toBeLessThan(1);
    expect(mean(many)).toBeCloseTo(0.5, 1);
  });

  it('seedFor gives independent streams per label', () => {
    expect(seedFor(1, 'wind')).toBe(seedFor(1, 'wind'));
    expect(seedFor(1, 'wind')).not.toBe(seedFor(1, 'clouds'));
    expect(seedFor(1, 'forecast', 'wind', 3)).not.toBe(seedFor(1, 'forecast', 'wind', 4));
    expect(seedFor(1, 'wind')).not.toBe(seedFor(2, 'wind'));
  });

  it('gaussian has mean 0 and variance 1; AR(1) has unit variance and lag-1 correlation φ', () => {
    const normal = gaussian(mulberry32(5));
    const xs = Array.from({ length: 20_000 }, normal);
    expect(mean(xs)).toBeCloseTo(0, 1);
    expect(mean(xs.map((x) => x * x))).toBeCloseTo(1, 1);
    const ar = autoregressive(gaussian(mulberry32(6)), 0.9, 50_000);
    expect(mean(Array.from(ar, (x) => x * x))).toBeCloseTo(1, 1);
    let lagged = 0;
    for (let t = 1; t < ar.length; t++) lagged += ar[t] * ar[t - 1];
    expect(lagged / (ar.length - 1)).toBeCloseTo(0.9, 1);
  });

  it('poisson has the asked mean', () => {
    const random = mulberry32(7);
    expect(mean(Array.from({ length: 20_000 }, () => poisson(random, 2.5)))).toBeCloseTo(2.5, 1);
  });
});

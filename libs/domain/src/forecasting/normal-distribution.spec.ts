import { normalCdf, normalQuantile } from './normal-distribution';

describe('normal distribution', () => {
  it.each([
    [0.5, 0],
    [0.975, 1.959964],
    [0.9, 1.281552],
    [0.1, -1.281552],
    [0.001, -3.090232],
  ])('quantile(%p) = %p', (p, x) => {
    expect(normalQuantile(p)).toBeCloseTo(x, 5);
  });

  it('the CDF inverts the quantile', () => {
    for (const p of [0.01, 0.2, 0.5, 0.77, 0.99]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
  });

  it('refuses probabilities of 0 and 1', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

import { median, ratio, ratios, summarise } from './stats.cjs';

describe('benchmark statistics', () => {
  describe('median', () => {
    it('is the middle value for an odd count, whatever the order', () => {
      expect(median([7])).toBe(7);
      expect(median([5, 1, 3])).toBe(3);
      expect(median([9, 2, 100, 4, 3])).toBe(4);
    });

    it('is the mean of the two middle values for an even count', () => {
      expect(median([1, 2])).toBe(1.5);
      expect(median([10, 1, 4, 3])).toBe(3.5);
    });

    it('sorts numerically, not as text', () => {
      expect(median([10, 9, 100])).toBe(10);
    });

    it('leaves its input in run order', () => {
      const values = [3, 1, 2];
      median(values);
      expect(values).toEqual([3, 1, 2]);
    });

    it('rejects empty input', () => {
      expect(() => median([])).toThrow(RangeError);
      expect(() => median([])).toThrow(/no values/);
    });

    it('rejects values that are not finite numbers', () => {
      expect(() => median([1, Number.NaN])).toThrow(/value 1 is not a finite number/);
      expect(() => median([Number.POSITIVE_INFINITY])).toThrow(TypeError);
      expect(() => median(['1'] as unknown as number[])).toThrow(TypeError);
      expect(() => median(undefined as unknown as number[])).toThrow(/expected an array/);
    });
  });

  describe('summarise', () => {
    it('gives median, min, max, the run count and the values in run order', () => {
      expect(summarise([30, 10, 20, 50])).toEqual({ median: 25, min: 10, max: 50, runs: 4, values: [30, 10, 20, 50] });
    });

    it('has min = median = max for a single run', () => {
      expect(summarise([4.2])).toEqual({ median: 4.2, min: 4.2, max: 4.2, runs: 1, values: [4.2] });
    });

    it('copies the values', () => {
      const values = [1, 2, 3];
      const summary = summarise(values);
      values.push(4);
      expect(summary.values).toEqual([1, 2, 3]);
    });

    it('rejects empty input', () => {
      expect(() => summarise([])).toThrow(/summarise: no values/);
    });
  });

  describe('ratio', () => {
    it('divides by the baseline', () => {
      expect(ratio(300, 100)).toBe(3);
      expect(ratio(50, 200)).toBe(0.25);
    });

    it('is null without a baseline or with a zero baseline', () => {
      expect(ratio(300, undefined)).toBeNull();
      expect(ratio(300, null)).toBeNull();
      expect(ratio(300, 0)).toBeNull();
    });

    it('rejects a value or baseline that is not a finite number', () => {
      expect(() => ratio(Number.NaN, 1)).toThrow(TypeError);
      expect(() => ratio(1, Number.NaN)).toThrow(TypeError);
    });
  });

  describe('ratios', () => {
    const measured = { startMs: summarise([400, 600, 500]), rssMb: summarise([180, 200]), stopMs: summarise([10]) };

    it("compares each metric's median with the baseline's median of the same metric", () => {
      const baseline = { startMs: summarise([50, 40, 60]), rssMb: summarise([40]) };
      expect(ratios(measured, baseline)).toEqual({ startMs: 10, rssMb: 4.75, stopMs: null });
    });

    it('is null for every metric without a baseline', () => {
      expect(ratios(measured, undefined)).toEqual({ startMs: null, rssMb: null, stopMs: null });
      expect(ratios(measured, null)).toEqual({ startMs: null, rssMb: null, stopMs: null });
    });
  });
});

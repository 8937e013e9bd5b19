import { errorOf } from '../test/domain-error-of';
import { indexOnGrid, seriesKnownAt, valueKnownAt, type RegularSeries } from './regular-series';

const MIN = 60_000;
const T0 = Date.parse('2016-05-01T00:00:00Z');
const series: RegularSeries = { startMs: T0, resolutionMs: 15 * MIN, values: [1, 2, null, 4, Number.NaN, 6] };

describe('seriesKnownAt', () => {
  it('keeps only events that ended by the given time, and turns non-finite values into null', () => {
    expect(seriesKnownAt(series, T0 + 45 * MIN).values).toEqual([1, 2, null]);
    expect(seriesKnownAt(series, T0 + 44 * MIN).values).toEqual([1, 2]);
    expect(seriesKnownAt(series, T0 + 90 * MIN).values).toEqual([1, 2, null, 4, null, 6]);
    expect(seriesKnownAt(series, T0).values).toEqual([]);
    expect(seriesKnownAt(series, T0 - 60 * MIN).values).toEqual([]);
  });
});

describe('valueKnownAt', () => {
  it('gives a value only once its event has ended', () => {
    expect(valueKnownAt(series, 1, T0 + 30 * MIN)).toBe(2);
    expect(valueKnownAt(series, 1, T0 + 29 * MIN)).toBeNull();
    expect(valueKnownAt(series, -1, T0 + 999 * MIN)).toBeNull();
    expect(valueKnownAt(series, 6, T0 + 999 * MIN)).toBeNull();
  });
});

describe('indexOnGrid', () => {
  it('refuses an instant off the grid', () => {
    expect(indexOnGrid(series, T0 + 30 * MIN, 'from')).toBe(2);
    expect(errorOf(() => indexOnGrid(series, T0 + 20 * MIN, 'from'))?.code).toBe('UNPROCESSABLE_ENTITY');
  });
});

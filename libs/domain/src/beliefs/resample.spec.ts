import { parseInstant } from './instant';
import { downsample, upsample } from './resample';
import { expandTimeseries, type TimedValue } from './timeseries';
import { codeOf } from '../test/domain-error-of';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;


const quarterHours = (start: string, values: number[]): TimedValue[] =>
  values.map((value, i) => ({ start: parseInstant(start) + i * 15 * MINUTE, durationMs: 15 * MINUTE, value }));

describe('upsample', () => {
  it('§15.6: 30-minute prognosis values for a 15-minute asset repeat in each slot', () => {
    const posted = expandTimeseries({ values: [300, 0, 300], start: '2015-01-01T00:00:00Z', duration: 'PT1H30M' });
    expect(upsample(posted, 15 * MINUTE)).toEqual(quarterHours('2015-01-01T00:00:00Z', [300, 300, 0, 0, 300, 300]));
  });

  it('leaves values at the sensor resolution as they are', () => {
    const events = quarterHours('2015-01-01T00:00:00Z', [1, 2]);
    expect(upsample(events, 15 * MINUTE)).toEqual(events);
  });

  it.each([
    ['finer than the sensor', 5 * MINUTE, 15 * MINUTE],
    ['not dividing', 20 * MINUTE, 15 * MINUTE],
    ['zero target', 15 * MINUTE, 0],
  ])('refuses posted values %s', (_name, postedMs, sensorMs) => {
    expect(codeOf(() => upsample([{ start: 0, durationMs: postedMs, value: 1 }], sensorMs))).toBe('REQUIRED_INFO_MISSING');
  });

  it('is empty for no events', () => {
    expect(upsample([], 15 * MINUTE)).toEqual([]);
  });
});

describe('downsample', () => {
  it('averages quarter-hours into hours on the UTC clock', () => {
    const events = quarterHours('2016-05-01T12:00:00Z', [1, 2, 3, 4, 10, 20, 30, 40]);
    expect(downsample(events, HOUR)).toEqual([
      { start: parseInstant('2016-05-01T12:00:00Z'), durationMs: HOUR, value: 2.5 },
      { start: parseInstant('2016-05-01T13:00:00Z'), durationMs: HOUR, value: 25 },
    ]);
  });

  it('averages only the values present in a partial bin', () => {
    const events = quarterHours('2016-05-01T12:30:00Z', [2, 4, 6]);
    expect(downsample(events, HOUR).map((e) => e.value)).toEqual([3, 6]);
  });

  it('anchors bins at the given origin (e.g. a +09:00 market day)', () => {
    const origin = parseInstant('2015-01-01T00:00:00+09:00');
    const events = Array.from({ length: 48 }, (_, i) => ({ start: origin + i * HOUR, durationMs: HOUR, value: i < 24 ? 1 : 3 }));
    expect(downsample(events, DAY, origin)).toEqual([
      { start: origin, durationMs: DAY, value: 1 },
      { start: origin + DAY, durationMs: DAY, value: 3 },
    ]);
  });

  it('returns the same events at the sensor resolution', () => {
    const events = quarterHours('2016-05-01T12:00:00Z', [1, 2]);
    expect(downsample(events, 15 * MINUTE)).toEqual(events);
  });

  it.each<[string, TimedValue[], number, string]>([
    ['not a multiple of the resolution', quarterHours('2016-05-01T12:00:00Z', [1, 2]), 20 * MINUTE, 'INVALID_RESOLUTION'],
    ['finer than the resolution', quarterHours('2016-05-01T12:00:00Z', [1, 2]), 5 * MINUTE, 'INVALID_RESOLUTION'],
    ['misaligned events', quarterHours('2016-05-01T12:05:00Z', [1, 2]), HOUR, 'INVALID_RESOLUTION'],
    ['mixed resolutions', [{ start: 0, durationMs: 15 * MINUTE, value: 1 }, { start: HOUR, durationMs: HOUR, value: 1 }], HOUR, 'INVALID_RESOLUTION'],
    ['negative target', quarterHours('2016-05-01T12:00:00Z', [1]), -HOUR, 'INVALID_RESOLUTION'],
    ['duplicate events', [...quarterHours('2016-05-01T12:00:00Z', [1]), ...quarterHours('2016-05-01T12:00:00Z', [2])], HOUR, 'UNPROCESSABLE_ENTITY'],
  ])('refuses %s', (_name, events, target, code) => {
    expect(codeOf(() => downsample(events, target))).toBe(code);
  });

  it('is empty for no events', () => {
    expect(downsample([], HOUR)).toEqual([]);
  });
});

import { formatInstant, parseInstant } from './instant';
import { expandTimeseries, spreadValues, type TimeseriesMessage } from './timeseries';
import { codeOf } from '../test/domain-error-of';

const MINUTE = 60_000;
const at = (text: string): number => parseInstant(text);


describe('expandTimeseries', () => {
  it('§14.4.4: values 10, 5, 8 over 13:00 PT45M equal the explicit timeseries', () => {
    const shorthand = expandTimeseries({ values: [10, 5, 8], start: '2016-05-01T13:00:00Z', duration: 'PT45M' });
    const explicit = expandTimeseries({
      timeseries: [
        { value: 10, start: '2016-05-01T13:00:00Z', duration: 'PT15M' },
        { value: 5, start: '2016-05-01T13:15:00Z', duration: 'PT15M' },
        { value: 8, start: '2016-05-01T13:30:00Z', duration: 'PT15M' },
      ],
    });
    expect(shorthand).toEqual(explicit);
    expect(shorthand.map((e) => [formatInstant(e.start), e.durationMs, e.value])).toEqual([
      ['2016-05-01T13:00:00Z', 15 * MINUTE, 10],
      ['2016-05-01T13:15:00Z', 15 * MINUTE, 5],
      ['2016-05-01T13:30:00Z', 15 * MINUTE, 8],
    ]);
  });

  it.each<[string, TimeseriesMessage, number, number]>([
    // §15.4.1: single value, PT0H15M
    ['single value (§15.4.1)', { value: 220, start: '2015-01-01T00:00:00+00:00', duration: 'PT0H15M' }, 1, 15 * MINUTE],
    // §15.4.2: three values over PT0H45M
    ['three values (§15.4.2)', { values: [220, 210, 200], start: '2015-01-01T00:00:00+00:00', duration: 'PT0H45M' }, 3, 15 * MINUTE],
    // §14.4.3 groups: six values over PT1H30M
    ['six values (§14.4.3)', { values: [306.66, 306.66, 0, 0, 306.66, 306.66], start: '2016-05-01T12:45:00Z', duration: 'PT1H30M' }, 6, 15 * MINUTE],
    // §15.3: 24 hourly prices
    ['24 prices (§15.3)', { values: Array.from({ length: 24 }, (_, i) => i), start: '2015-01-01T15:00:00+09:00', duration: 'PT24H' }, 24, 60 * MINUTE],
    // §15.6 prognosis at 30-minute resolution over 1.5 h
    ['three 30-min values', { values: [300, 0, 300], start: '2015-01-01T00:00:00Z', duration: 'PT1H30M' }, 3, 30 * MINUTE],
  ])('%s', (_name, message, count, step) => {
    const events = expandTimeseries(message);
    expect(events).toHaveLength(count);
    events.forEach((event, i) => {
      expect(event.durationMs).toBe(step);
      expect(event.start).toBe(at(message.start as string) + i * step);
    });
  });

  it.each<[string, TimeseriesMessage, string]>([
    ['nothing', { start: '2016-05-01T13:00:00Z', duration: 'PT45M' }, 'REQUIRED_INFO_MISSING'],
    ['values and value', { values: [1], value: 1, start: '2016-05-01T13:00:00Z', duration: 'PT15M' }, 'UNPROCESSABLE_ENTITY'],
    ['no start', { values: [1], duration: 'PT15M' }, 'REQUIRED_INFO_MISSING'],
    ['no duration', { value: 1, start: '2016-05-01T13:00:00Z' }, 'REQUIRED_INFO_MISSING'],
    ['empty values', { values: [], start: '2016-05-01T13:00:00Z', duration: 'PT15M' }, 'REQUIRED_INFO_MISSING'],
    ['empty timeseries', { timeseries: [] }, 'REQUIRED_INFO_MISSING'],
    ['naive start', { values: [1], start: '2016-05-01T13:00:00', duration: 'PT15M' }, 'INVALID_TIMEZONE'],
    ['negative duration', { values: [1], start: '2016-05-01T13:00:00Z', duration: '-PT15M' }, 'INVALID_DURATION'],
    ['zero duration', { values: [1], start: '2016-05-01T13:00:00Z', duration: 'PT0S' }, 'INVALID_DURATION'],
    ['indivisible duration', { values: [1, 2, 3], start: '2016-05-01T13:00:00Z', duration: 'PT0.001S' }, 'INVALID_RESOLUTION'],
    ['non-numeric value', { values: [1, Number.NaN], start: '2016-05-01T13:00:00Z', duration: 'PT30M' }, 'UNPROCESSABLE_ENTITY'],
    [
      'overlapping entries',
      {
        timeseries: [
          { value: 1, start: '2016-05-01T13:00:00Z', duration: 'PT30M' },
          { value: 2, start: '2016-05-01T13:15:00Z', duration: 'PT15M' },
        ],
      },
      'UNPROCESSABLE_ENTITY',
    ],
  ])('refuses %s', (_name, message, code) => {
    expect(codeOf(() => expandTimeseries(message))).toBe(code);
  });

  it('sorts explicit entries by start', () => {
    const events = expandTimeseries({
      timeseries: [
        { value: 2, start: '2016-05-01T13:15:00Z', duration: 'PT15M' },
        { value: 1, start: '2016-05-01T15:00:00+02:00', duration: 'PT15M' },
      ],
    });
    expect(events.map((e) => e.value)).toEqual([1, 2]);
  });

  it('spreads values in whole milliseconds', () => {
    expect(spreadValues([1, 2], 0, 1000)).toEqual([
      { start: 0, durationMs: 500, value: 1 },
      { start: 500, durationMs: 500, value: 2 },
    ]);
  });
});

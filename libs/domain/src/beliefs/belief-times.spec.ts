import { formatInstant, parseInstant } from './instant';
import { beliefHorizon, beliefTimes, parseBeliefTiming } from './belief-times';
import { expandTimeseries } from './timeseries';

const HOUR = 3_600_000;
const ARRIVAL = parseInstant('2016-05-01T20:00:00Z');

// §14.4.6: values 10, 5, 8 for 13:00–13:45 UTC
const prognosis = expandTimeseries({ values: [10, 5, 8], start: '2016-05-01T13:00:00Z', duration: 'PT45M' });
// §15.2: six temperatures for 15:00–16:30 (+09:00)
const temperatures = expandTimeseries({
  values: [20.04, 20.23, 20.41, 20.51, 20.55, 20.57],
  start: '2015-01-01T15:00:00+09:00',
  duration: 'PT1H30M',
});
// §15.4.2: three meter readings for 00:00–00:45 UTC
const readings = expandTimeseries({ values: [220, 210, 200], start: '2015-01-01T00:00:00+00:00', duration: 'PT0H45M' });

describe('beliefTimes (POST, v2.0)', () => {
  it.each([
    ['§14.4.6 prior 07:45', prognosis, { prior: '2016-05-01T07:45:00Z' }, ['07:45', '07:45', '07:45']],
    ['§14.4.6 / PRODUCT horizon PT6H', prognosis, { horizon: 'PT6H' }, ['07:15', '07:30', '07:45']],
    ['§14.4.6 / PRODUCT horizon -PT10M', prognosis, { horizon: '-PT10M' }, ['13:25', '13:40', '13:55']],
    ['§14.4.6 horizon PT5M (10 min after each start)', prognosis, { horizon: 'PT5M' }, ['13:10', '13:25', '13:40']],
    ['horizon PT6H and a later prior: the horizon wins', prognosis, { horizon: 'PT6H', prior: '2016-05-01T07:40:00Z' }, ['07:15', '07:30', '07:40']],
    ['horizon -PT10M and prior 13:30: per event the earlier', prognosis, { horizon: '-PT10M', prior: '2016-05-01T13:30:00Z' }, ['13:25', '13:30', '13:30']],
    ['neither: arrival time', prognosis, {}, ['20:00', '20:00', '20:00']],
    ['§15.4.2 horizon -PT5M', readings, { horizon: '-PT5M' }, ['00:20', '00:35', '00:50']],
  ])('%s', (_name, events, fields, expected) => {
    const times = beliefTimes(events, parseBeliefTiming(fields, ARRIVAL));
    expect(times.map((t) => formatInstant(t).slice(11, 16))).toEqual(expected);
  });

  it('§15.2 weather forecasts with prior noon (+09:00): all believed at 03:00 UTC', () => {
    const times = beliefTimes(temperatures, parseBeliefTiming({ prior: '2015-01-01T12:00:00+09:00' }, ARRIVAL));
    expect(new Set(times.map(formatInstant))).toEqual(new Set(['2015-01-01T03:00:00Z']));
  });

  it.each([
    ['prior 16:30 (+09:00): observed after realisation', { prior: '2015-01-01T16:30:00+09:00' }, ['07:30', '07:30', '07:30', '07:30', '07:30', '07:30']],
    ['horizon PT0H: each right after its interval', { horizon: 'PT0H' }, ['06:15', '06:30', '06:45', '07:00', '07:15', '07:30']],
    ['horizon -PT1H: one hour after each interval', { horizon: '-PT1H' }, ['07:15', '07:30', '07:45', '08:00', '08:15', '08:30']],
  ])('§15.2.1 %s', (_name, fields, expected) => {
    const times = beliefTimes(temperatures, parseBeliefTiming(fields, ARRIVAL));
    expect(times.map((t) => formatInstant(t).slice(11, 16))).toEqual(expected);
  });

  it('gives belief horizons back: h = event end − belief time', () => {
    const times = beliefTimes(prognosis, { horizonMs: -600_000, arrivalMs: ARRIVAL });
    prognosis.forEach((event, i) => {
      expect(beliefHorizon(event.start + event.durationMs, times[i])).toBe(-600_000);
    });
    expect(beliefHorizon(10 * HOUR, 4 * HOUR)).toBe(6 * HOUR);
  });

  it('is empty for no events', () => {
    expect(beliefTimes([], { arrivalMs: ARRIVAL, horizonMs: HOUR })).toEqual([]);
  });

  it('refuses a naive prior and a malformed horizon', () => {
    expect(() => parseBeliefTiming({ prior: '2016-05-01T07:45:00' }, ARRIVAL)).toThrow(/time zone/);
    expect(() => parseBeliefTiming({ horizon: '6 hours' }, ARRIVAL)).toThrow(/ISO 8601 duration/);
  });
});

import { formatInstant } from './instant';
import { expandTimeseries } from './timeseries';
import { parseQueryHorizon, parseV1Horizon, v1BeliefTimes } from './v1-horizons';
import { codeOf } from '../test/domain-error-of';

const HOUR = 3_600_000;


const prognosis = expandTimeseries({ values: [300, 300, 300, 0, 0, 300], start: '2015-01-01T00:00:00Z', duration: 'PT1H30M' });
const prognosis45 = expandTimeseries({ values: [10, 5, 8], start: '2016-05-01T13:00:00Z', duration: 'PT45M' });

describe('v1.x belief horizons on POST', () => {
  it.each([
    ['PT6H', { horizonMs: 6 * HOUR, rolling: false }],
    ['R/PT6H', { horizonMs: 6 * HOUR, rolling: true }],
    ['-PT5M', { horizonMs: -300_000, rolling: false }],
    ['R/-PT5M', { horizonMs: -300_000, rolling: true }],
  ])('parses %s', (text, expected) => {
    expect(parseV1Horizon(text)).toEqual(expected);
  });

  it('v1.3 postPrognosis example: PT7H30M for 00:00–01:30 means prognosed at 6pm the previous day', () => {
    const times = v1BeliefTimes(prognosis, { horizon: 'PT7H30M' });
    expect(new Set(times.map(formatInstant))).toEqual(new Set(['2014-12-31T18:00:00Z']));
  });

  it('§15.3 KPX prices: a plain PT33H is anchored at the end of the whole period', () => {
    const prices = expandTimeseries({ values: Array(24).fill(50), start: '2015-01-01T15:00:00+09:00', duration: 'PT24H' });
    const times = v1BeliefTimes(prices, { horizon: 'PT33H' });
    expect(new Set(times.map(formatInstant))).toEqual(new Set(['2014-12-31T21:00:00Z']));
  });

  it('a repeating interval is rolling: relative to each event end', () => {
    const times = v1BeliefTimes(prognosis45, { horizon: 'R/PT6H' });
    expect(times.map((t) => formatInstant(t).slice(11, 16))).toEqual(['07:15', '07:30', '07:45']);
  });

  it('meter data (ex post) with -PT5M, plain: all at period end + 5 min', () => {
    const readings = expandTimeseries({ values: [220, 210, 200], start: '2015-01-01T00:00:00Z', duration: 'PT45M' });
    const times = v1BeliefTimes(readings, { horizon: '-PT5M', exPost: true });
    expect(times.map((t) => formatInstant(t).slice(11, 16))).toEqual(['00:50', '00:50', '00:50']);
  });

  it('refuses a positive horizon on meter data', () => {
    expect(codeOf(() => v1BeliefTimes(prognosis45, { horizon: 'PT1H', exPost: true }))).toBe('UNPROCESSABLE_ENTITY');
  });

  it('believes values without a horizon at their arrival, except in play mode (then zero, rolling)', () => {
    const arrivalMs = Date.parse('2016-05-01T12:00:00Z');
    expect(v1BeliefTimes(prognosis45, { arrivalMs })).toEqual([arrivalMs, arrivalMs, arrivalMs]);
    expect(v1BeliefTimes(prognosis45, { arrivalMs, exPost: true })).toEqual([arrivalMs, arrivalMs, arrivalMs]);
    expect(codeOf(() => v1BeliefTimes(prognosis45, {}))).toBe('REQUIRED_INFO_MISSING');
    const times = v1BeliefTimes(prognosis45, { playMode: true });
    expect(times.map((t) => formatInstant(t).slice(11, 16))).toEqual(['13:15', '13:30', '13:45']);
  });

  it('GET horizons are always rolling, R/ or not (§21.4)', () => {
    expect(parseQueryHorizon('R/PT6H')).toBe(6 * HOUR);
    expect(parseQueryHorizon('PT6H')).toBe(6 * HOUR);
  });

  it('is empty for no events', () => {
    expect(v1BeliefTimes([], { horizon: 'PT1H' })).toEqual([]);
  });
});

import type { ForecastJobData } from '@flexmeasures/contracts';
import type { SensorForecaster } from './sensor-forecaster';
import { ForecastJobHandler } from './forecast.handler';
import { formatHorizon, forecastJobKey, mergeForecastJobs, splitWindow, windowAfterLanding } from './forecast-window';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const Q = 15 * MINUTE;
const T = Date.UTC(2015, 0, 1, 12);

describe('windowAfterLanding', () => {
  it('is the next horizon of events after data that landed in real time', () => {
    expect(windowAfterLanding({ startMs: T - HOUR, endMs: T }, Q, 6 * HOUR, T + 2 * MINUTE)).toEqual({ startMs: T, endMs: T + 6 * HOUR });
  });

  it('follows historic data, not the present: belief times stay within what the data could tell', () => {
    expect(windowAfterLanding({ startMs: T - 30 * 24 * HOUR, endMs: T }, Q, HOUR, Date.UTC(2026, 0, 1))).toEqual({ startMs: T, endMs: T + HOUR });
  });

  it('for data about the future (day-ahead prices), ends at the horizon from now, or is empty', () => {
    const tomorrow = T + 12 * HOUR;
    const prices = { startMs: tomorrow, endMs: tomorrow + 24 * HOUR };
    expect(windowAfterLanding(prices, HOUR, 48 * HOUR, T)).toEqual({ startMs: tomorrow + 24 * HOUR, endMs: T + 48 * HOUR });
    expect(windowAfterLanding(prices, HOUR, 24 * HOUR, T)).toBeUndefined();
  });

  it('keeps to the sensor’s grid', () => {
    expect(windowAfterLanding({ startMs: T, endMs: T + 10 * MINUTE }, Q, HOUR, T + 11 * MINUTE)).toEqual({ startMs: T + Q, endMs: T + HOUR });
  });
});

describe('mergeForecastJobs', () => {
  const job = (start: number, end: number, forecastTime: number): ForecastJobData => ({
    sensorId: 7,
    horizon: 'PT6H',
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    forecastTime: new Date(forecastTime).toISOString(),
  });

  it('follows the newest data, from the later forecast time, whatever the order; merging twice changes nothing', () => {
    const a = job(T, T + 6 * HOUR, T);
    const b = job(T + HOUR, T + 7 * HOUR, T + HOUR);
    expect(mergeForecastJobs(a, b)).toEqual(b);
    expect(mergeForecastJobs(b, a)).toEqual(b);
    expect(mergeForecastJobs(mergeForecastJobs(a, b), b)).toEqual(b);
  });

  it('keeps every event forecastable: the end never passes the later forecast time + horizon', () => {
    const merged = mergeForecastJobs(job(T + 2 * HOUR, T + 3 * HOUR, T - 3 * HOUR), job(T, T + 6 * HOUR, T));
    expect(merged).toEqual(job(T + 2 * HOUR, T + 6 * HOUR, T));
  });
});

describe('job keys and windows', () => {
  it('gives one key per sensor and horizon', () => {
    expect(new Set([forecastJobKey(1, 'PT1H'), forecastJobKey(1, 'PT6H'), forecastJobKey(11, 'PT1H')]).size).toBe(3);
  });

  it('splits long windows into consecutive pieces', () => {
    expect(splitWindow({ startMs: 0, endMs: 70 }, 30)).toEqual([
      { startMs: 0, endMs: 30 },
      { startMs: 30, endMs: 60 },
      { startMs: 60, endMs: 70 },
    ]);
  });
});

describe('ForecastJobHandler.parse', () => {
  const handler = new ForecastJobHandler({} as SensorForecaster);
  const valid = { sensorId: 3, horizon: 'PT6H', start: '2015-01-01T00:00:00.000Z', end: '2015-01-01T06:00:00.000Z', forecastTime: '2015-01-01T00:00:00.000Z' };

  it('accepts a job and drops unknown fields', () => {
    expect(handler.parse({ ...valid, extra: 1 })).toEqual(valid);
  });

  it.each([
    ['no sensor', { sensorId: undefined }, /sensorId/],
    ['a zero horizon', { horizon: 'PT0H' }, /positive ISO 8601 duration/],
    ['a horizon that is no duration', { horizon: 'six hours' }, /positive ISO 8601 duration/],
    ['an end before the start', { end: '2014-12-31T00:00:00Z' }, /end must lie after start/],
    ['no forecast time', { forecastTime: 'soon' }, /forecastTime/],
  ])('refuses %s', (_, change, message) => {
    expect(() => handler.parse({ ...valid, ...change })).toThrow(message);
  });
});

describe('formatHorizon', () => {
  it('writes whole hours as the seed does', () => {
    expect([1, 6, 24, 48].map((h) => formatHorizon(h * HOUR))).toEqual(['PT1H', 'PT6H', 'PT24H', 'PT48H']);
    expect(formatHorizon(90 * MINUTE)).toBe('PT1H30M');
  });
});

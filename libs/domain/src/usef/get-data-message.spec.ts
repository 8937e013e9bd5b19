import { codeOf } from '../test/domain-error-of';
import { readGetDataRequest } from './get-data-message';

const BASE = { type: 'GetMeterDataRequest', connection: 'CS 1', start: '2015-01-01T00:00:00Z', duration: 'PT1H30M' };

describe('readGetDataRequest', () => {
  it('reads the seed example with its optional fields', () => {
    const request = readGetDataRequest({ ...BASE, horizon: 'R/PT6H', prior: '2015-01-01T12:00:00+01:00', resolution: 'PT30M', unit: 'MW', sources: ['MDC', 42] }, 'GetMeterDataRequest');
    expect(request).toEqual({
      connections: ['CS 1'],
      startMs: Date.parse('2015-01-01T00:00:00Z'),
      durationMs: 90 * 60_000,
      duration: 'PT1H30M',
      resolutionMs: 30 * 60_000,
      horizonMs: 6 * 3_600_000,
      priorMs: Date.parse('2015-01-01T11:00:00Z'),
      sources: ['MDC', '42'],
      unit: 'MW',
    });
  });

  it('reads query-string forms: comma-separated sources, negative horizons', () => {
    const request = readGetDataRequest({ ...BASE, source: 'MDC, 42', horizon: '-PT10M' }, 'GetMeterDataRequest');
    expect(request.sources).toEqual(['MDC', '42']);
    expect(request.horizonMs).toBe(-600_000);
  });

  it.each([
    ['no connection', { ...BASE, connection: undefined }, 'REQUIRED_INFO_MISSING'],
    ['no duration', { ...BASE, duration: undefined }, 'REQUIRED_INFO_MISSING'],
    ['a naive start', { ...BASE, start: '2015-01-01T00:00:00' }, 'INVALID_TIMEZONE'],
    ['a zero duration', { ...BASE, duration: 'PT0M' }, 'INVALID_DURATION'],
    ['a negative resolution', { ...BASE, resolution: '-PT15M' }, 'INVALID_DURATION'],
    ['an empty source', { ...BASE, source: ' , ' }, 'UNPROCESSABLE_ENTITY'],
    ['a wrong type', { ...BASE, type: 'GetPrognosisRequest' }, 'INVALID_MESSAGE_TYPE'],
  ])('refuses %s', (_case, body, code) => {
    expect(codeOf(() => readGetDataRequest(body, 'GetMeterDataRequest'))).toBe(code);
  });
});

describe('readGetDataRequest limits', () => {
  it('refuses control characters in sources and windows that end after the year 9999', () => {
    expect(codeOf(() => readGetDataRequest({ ...BASE, source: 'ab\u0000c' }, 'GetMeterDataRequest'))).toBe('UNPROCESSABLE_ENTITY');
    expect(codeOf(() => readGetDataRequest({ ...BASE, start: '9999-12-31T00:00:00Z', duration: 'P7D' }, 'GetMeterDataRequest'))).toBe('INVALID_PERIOD');
  });
});

describe('readGetDataRequest cumulative_probability', () => {
  it('reads a quantile from JSON or from a query string, and leaves the median as the default', () => {
    expect(readGetDataRequest({ ...BASE, cumulative_probability: 0.9 }, 'GetMeterDataRequest').cumulativeProbability).toBe(0.9);
    expect(readGetDataRequest({ ...BASE, cumulative_probability: '0.1' }, 'GetMeterDataRequest').cumulativeProbability).toBe(0.1);
    expect(readGetDataRequest(BASE, 'GetMeterDataRequest').cumulativeProbability).toBeUndefined();
  });

  it('refuses 0, 1, numbers outside them and text that is no number', () => {
    for (const wrong of [0, 1, -0.5, 2, 'high', '', null, [0.5]]) {
      expect(codeOf(() => readGetDataRequest({ ...BASE, cumulative_probability: wrong }, 'GetMeterDataRequest'))).toBe('UNPROCESSABLE_ENTITY');
    }
  });
});

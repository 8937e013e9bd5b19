import { ApiError } from './http';
import { parseReadinessReport } from './health';
import { parsePlatformInfo } from './platform';

describe('parsePlatformInfo', () => {
  const valid = {
    platformName: 'FlexMeasures',
    version: '0.1.0',
    mode: '',
    timezone: 'Europe/Amsterdam',
    environment: 'development',
    database: 'postgres',
    queue: 'redis',
  };

  it('accepts a well-formed body; an API without map token or demo credentials means neither is configured', () => {
    expect(parsePlatformInfo(valid)).toEqual({ ...valid, mapboxAccessToken: null, demoCredentials: null });
  });

  it('reads the Mapbox token and the demo credentials', () => {
    const info = parsePlatformInfo({ ...valid, mapboxAccessToken: 'pk.abc', demoCredentials: { email: 'demo@example.com', password: 'flexdemo' } });
    expect(info.mapboxAccessToken).toBe('pk.abc');
    expect(info.demoCredentials).toEqual({ email: 'demo@example.com', password: 'flexdemo' });
    expect(parsePlatformInfo({ ...valid, mapboxAccessToken: '  ' }).mapboxAccessToken).toBeNull();
  });

  it.each([
    ['not an object', null],
    ['a missing field', { ...valid, timezone: undefined }],
    ['an unknown database', { ...valid, database: 'sqlite' }],
    ['an unknown queue', { ...valid, queue: 'rabbitmq' }],
    ['a token that is not text', { ...valid, mapboxAccessToken: 42 }],
  ])('rejects %s', (_label, body) => {
    expect(() => parsePlatformInfo(body)).toThrow(ApiError);
  });
});

describe('parseReadinessReport', () => {
  it('keeps details of failing checks', () => {
    const report = parseReadinessReport({
      status: 'error',
      checks: { database: { status: 'down', detail: 'timeout' }, queue: { status: 'up' } },
    });
    expect(report.checks.database).toEqual({ status: 'down', detail: 'timeout' });
    expect(report.checks.queue).toEqual({ status: 'up' });
  });

  it('rejects a body without checks', () => {
    expect(() => parseReadinessReport({ status: 'ok' })).toThrow(ApiError);
  });
});

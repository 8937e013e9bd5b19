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

  it('accepts a well-formed body', () => {
    expect(parsePlatformInfo(valid)).toEqual(valid);
  });

  it.each([
    ['not an object', null],
    ['a missing field', { ...valid, timezone: undefined }],
    ['an unknown database', { ...valid, database: 'sqlite' }],
    ['an unknown queue', { ...valid, queue: 'rabbitmq' }],
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

import type { ReadinessReport } from '../shared/api/health';
import type { PlatformInfo } from '../shared/api/platform';

export const platformInfo: PlatformInfo = {
  platformName: 'Jeju Flex Platform',
  version: '2.4.1',
  mode: 'play',
  timezone: 'Asia/Seoul',
  environment: 'staging',
  database: 'embedded',
  queue: 'in-process',
};

export const readyReport: ReadinessReport = {
  status: 'ok',
  checks: { database: { status: 'up' }, queue: { status: 'up' } },
};

export const databaseDownReport: ReadinessReport = {
  status: 'error',
  checks: {
    database: { status: 'down', detail: 'connect ECONNREFUSED 127.0.0.1:5432' },
    queue: { status: 'up' },
  },
};

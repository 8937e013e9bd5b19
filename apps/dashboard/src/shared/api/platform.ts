import type { DemoCredentials, PlatformInfo } from '@flexmeasures/contracts';
import { getJson } from './http';
import { expectNullableString, expectObject, expectOneOf, expectString, isJsonObject } from './validate';

export const PLATFORM_PATH = '/api/platform';

export const DATABASE_KINDS = ['postgres', 'embedded'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

export const QUEUE_KINDS = ['redis', 'in-process'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

export type { PlatformInfo };

function parseDemoCredentials(value: unknown): DemoCredentials | null {
  if (!isJsonObject(value)) return null;
  const { email, password } = value;
  return typeof email === 'string' && typeof password === 'string' ? { email, password } : null;
}

/** Missing token or credentials (an older API) mean "not configured". */
export function parsePlatformInfo(value: unknown): PlatformInfo {
  const body = expectObject(value, 'platform');
  const token = expectNullableString(body, 'mapboxAccessToken', 'platform');
  return {
    platformName: expectString(body, 'platformName', 'platform'),
    version: expectString(body, 'version', 'platform'),
    mode: expectString(body, 'mode', 'platform'),
    timezone: expectString(body, 'timezone', 'platform'),
    environment: expectString(body, 'environment', 'platform'),
    database: expectOneOf(body, 'database', DATABASE_KINDS, 'platform'),
    queue: expectOneOf(body, 'queue', QUEUE_KINDS, 'platform'),
    mapboxAccessToken: token === null || token.trim() === '' ? null : token,
    demoCredentials: parseDemoCredentials(body.demoCredentials),
  };
}

export async function fetchPlatformInfo(signal?: AbortSignal): Promise<PlatformInfo> {
  return parsePlatformInfo(await getJson(PLATFORM_PATH, { signal }));
}

export const DATABASE_LABELS: Record<DatabaseKind, string> = {
  postgres: 'PostgreSQL server',
  embedded: 'Embedded database (PGlite)',
};

export const QUEUE_LABELS: Record<QueueKind, string> = {
  redis: 'Redis job queue',
  'in-process': 'In-process job queue (no Redis)',
};

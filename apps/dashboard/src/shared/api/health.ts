import type { CheckStatus, ReadinessReport } from '@flexmeasures/contracts';
import { getJson } from './http';
import { expectObject, expectOneOf, type JsonObject } from './validate';

export const READINESS_PATH = '/api/health/ready';

export const CHECK_NAMES = ['database', 'queue'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export type { CheckStatus, ReadinessReport };

/** One check of `GET /api/health/ready` (HTTP 200 when ready, 503 with the same shape when not). */
export type HealthCheck = ReadinessReport['checks'][CheckName];

function parseCheck(checks: JsonObject, name: CheckName): HealthCheck {
  const check = expectObject(checks[name], `readiness.checks.${name}`);
  const status = expectOneOf(check, 'status', ['up', 'down'] as const, `readiness.checks.${name}`);
  const detail = check.detail;
  return typeof detail === 'string' && detail !== '' ? { status, detail } : { status };
}

export function parseReadinessReport(value: unknown): ReadinessReport {
  const body = expectObject(value, 'readiness');
  const checks = expectObject(body.checks, 'readiness.checks');
  return {
    status: expectOneOf(body, 'status', ['ok', 'error'] as const, 'readiness'),
    checks: { database: parseCheck(checks, 'database'), queue: parseCheck(checks, 'queue') },
  };
}

export async function fetchReadiness(signal?: AbortSignal): Promise<ReadinessReport> {
  return parseReadinessReport(await getJson(READINESS_PATH, { signal, acceptStatuses: [503] }));
}

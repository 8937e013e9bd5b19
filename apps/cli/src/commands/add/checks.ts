import { DomainError } from '@flexmeasures/domain';

/** Field name → what is wrong with it, e.g. { unit: 'must be °C for a temperature sensor' }. */
export type Problems = Record<string, string>;

/** What the add commands report back. */
export interface CreatedSensor {
  readonly id: number;
  readonly name: string;
}

export const MAX_NAME_LENGTH = 80;

export function nameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'must be a non-empty string';
  if (name.trim().length > MAX_NAME_LENGTH) return `must be at most ${MAX_NAME_LENGTH} characters`;
  return undefined;
}

export function resolutionProblem(minutes: number): string | undefined {
  return Number.isInteger(minutes) && minutes > 0 && 1440 % minutes === 0 ? undefined : 'must be a number of minutes that divides a day (e.g. 1, 5, 15, 60)';
}

export function latitudeProblem(latitude: number): string | undefined {
  return Number.isFinite(latitude) && latitude >= -90 && latitude <= 90 ? undefined : 'must be between -90 and 90';
}

export function longitudeProblem(longitude: number): string | undefined {
  return Number.isFinite(longitude) && longitude >= -180 && longitude <= 180 ? undefined : 'must be between -180 and 180';
}

/** Records each defined problem under its field. */
export function collect(entries: Record<string, string | undefined>, problems: Problems = {}): Problems {
  for (const [field, problem] of Object.entries(entries)) if (problem !== undefined && problems[field] === undefined) problems[field] = problem;
  return problems;
}

/** Throws one UNPROCESSABLE_ENTITY error naming every problem (and listing them per field in details.errors). */
export function throwIfAny(what: string, problems: Problems): void {
  const entries = Object.entries(problems);
  if (entries.length === 0) return;
  throw new DomainError('UNPROCESSABLE_ENTITY', `Invalid ${what}: ${entries.map(([field, problem]) => `${field} ${problem}`).join('; ')}.`, {
    errors: Object.fromEntries(entries.map(([field, problem]) => [field, [problem]])),
  });
}

/** PostgreSQL's unique_violation, from node-postgres or PGlite, wrapped by TypeORM or not. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (value: unknown) => (value && typeof value === 'object' ? (value as { code?: unknown }).code : undefined);
  return code(error) === '23505' || code((error as { driverError?: unknown } | null)?.driverError) === '23505';
}

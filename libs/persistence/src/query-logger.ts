import { AdvancedConsoleLogger, Logger, QueryRunner } from 'typeorm';

/**
 * Starts a statement whose unique violation is a planned outcome (the caller
 * catches it and takes another path), so a failure of it is no error to log.
 */
export const MAY_CONFLICT = '/* may conflict */';

const UNIQUE_VIOLATION = '23505';
const LOGGED_PARAMETER_CHARS = 200;

function isUniqueViolation(error: unknown): boolean {
  const { code, driverError } = error as { code?: string; driverError?: { code?: string } };
  return code === UNIQUE_VIOLATION || driverError?.code === UNIQUE_VIOLATION;
}

/** A batch of beliefs travels as array literals of 10,000 numbers: a log line shows their start. */
function shortened(parameters: unknown[] | undefined): unknown[] | undefined {
  return parameters?.map((p) => (typeof p === 'string' && p.length > LOGGED_PARAMETER_CHARS ? `${p.slice(0, LOGGED_PARAMETER_CHARS)}… (${p.length} characters)` : p));
}

/** TypeORM's console logger for errors, minus planned conflicts, with long parameters cut short. */
export class QueryErrorLogger implements Logger {
  private readonly console = new AdvancedConsoleLogger(['error']);

  /** Only failures are logged. */
  logQuery(): void {
    return;
  }

  logQueryError(error: string | Error, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    if (query.startsWith(MAY_CONFLICT) && isUniqueViolation(error)) return;
    this.console.logQueryError(error instanceof Error ? error.message : error, query, shortened(parameters), queryRunner);
  }

  logQuerySlow(time: number, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.console.logQuerySlow(time, query, shortened(parameters), queryRunner);
  }

  logSchemaBuild(): void {
    return;
  }

  logMigration(): void {
    return;
  }

  log(level: 'log' | 'info' | 'warn', message: unknown, queryRunner?: QueryRunner): void {
    if (level === 'warn') this.console.log(level, message, queryRunner);
  }
}

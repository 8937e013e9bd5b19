import { Database } from './database';

// Any constant will do; it only has to be the same in every process.
const MIGRATION_LOCK_KEY = 7_203_512_021;

export interface MigrationStatus {
  readonly applied: string[];
  readonly pending: string[];
}

/**
 * Applies pending migrations. On PostgreSQL an advisory lock makes parallel
 * starts (several api pods, a deploy job) take turns; the embedded database
 * has one process by construction (see lockDataDir).
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const { dataSource } = database;
  if (database.kind === 'embedded') {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}

/** Reverts the latest applied migration; returns its name, or undefined when none is applied. */
export async function revertLatest(database: Database): Promise<string | undefined> {
  const before = await migrationStatus(database);
  if (before.applied.length === 0) return undefined;
  await database.dataSource.undoLastMigration({ transaction: 'each' });
  return before.applied[before.applied.length - 1];
}

export async function migrationStatus(database: Database): Promise<MigrationStatus> {
  const { dataSource } = database;
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const exists = await dataSource.query(`SELECT to_regclass($1) AS t`, [table]);
  const appliedRows: { name: string }[] = exists[0]?.t
    ? await dataSource.query(`SELECT name FROM "${table}" ORDER BY timestamp`)
    : [];
  const applied = appliedRows.map((row) => row.name);
  const pending = dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.includes(name));
  return { applied, pending };
}

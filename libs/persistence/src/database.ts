import { ConfigError, DatabaseConfig, redact } from '@flexmeasures/config';
import { DataSource, DataSourceOptions } from 'typeorm';
import { lockDataDir } from './embedded/data-dir-lock';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { QueryErrorLogger } from './query-logger';

/** An open database: TypeORM's DataSource plus what it takes to close it cleanly. */
export interface Database {
  readonly kind: DatabaseConfig['kind'];
  readonly dataSource: DataSource;
  /** Throws when the database cannot answer a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Only for tests of throw-away schemas; production always uses migrations. */
  readonly synchronize?: boolean;
  readonly applicationName?: string;
}

const COMMON_OPTIONS = {
  type: 'postgres' as const,
  entities: ENTITIES,
  migrations: MIGRATIONS,
  migrationsTransactionMode: 'each' as const,
  logging: ['error' as const, 'warn' as const],
  logger: new QueryErrorLogger(),
};

export async function openDatabase(config: DatabaseConfig, options: OpenDatabaseOptions = {}): Promise<Database> {
  return config.kind === 'postgres' ? openPostgres(config, options) : openEmbedded(config, options);
}

async function openPostgres(
  config: Extract<DatabaseConfig, { kind: 'postgres' }>,
  options: OpenDatabaseOptions,
): Promise<Database> {
  const dataSource = new DataSource({
    ...COMMON_OPTIONS,
    synchronize: options.synchronize ?? false,
    url: config.url,
    applicationName: options.applicationName ?? 'flexmeasures',
    connectTimeoutMS: 5000,
    extra: {
      max: config.poolSize,
      // Every session in UTC, whatever the server's default.
      options: '-c TimeZone=UTC',
    },
  } satisfies DataSourceOptions);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new ConfigError('DATABASE_URL', `cannot connect to PostgreSQL at ${redact(config.url)}: ${reason(error)}`);
  }
  return {
    kind: 'postgres',
    dataSource,
    ping: async () => void (await dataSource.query('SELECT 1')),
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/**
 * PGlite is one session. TypeORM gets PGlite's node-postgres adapter as a pool
 * of exactly one connection: a transaction holds that connection from BEGIN to
 * COMMIT, so transactions run one at a time and a rollback cannot touch rows
 * of another. (Never await a query on the DataSource from inside a transaction
 * on the embedded database: it would wait for the connection the transaction
 * holds. Use the transaction's manager.)
 */
async function openEmbedded(
  config: Extract<DatabaseConfig, { kind: 'embedded' }>,
  options: OpenDatabaseOptions,
): Promise<Database> {
  let unlock: () => void;
  try {
    unlock = lockDataDir(config.dataDir);
  } catch (error) {
    throw new ConfigError('DATA_DIR', reason(error));
  }
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
    const pglite = await PGlite.create(config.dataDir);
    await pglite.exec(`SET TIME ZONE 'UTC'`);
    const pgConfig = createPgConfig(pglite);
    const dataSource = new DataSource({
      ...COMMON_OPTIONS,
      synchronize: options.synchronize ?? false,
      extra: { ...pgConfig, connection: pgConfig.connection, max: 1, idleTimeoutMillis: 0 },
    } satisfies DataSourceOptions);
    await dataSource.initialize();
    return {
      kind: 'embedded',
      dataSource,
      ping: async () => void (await dataSource.query('SELECT 1')),
      close: async () => {
        try {
          if (dataSource.isInitialized) await dataSource.destroy();
          if (!pglite.closed) await pglite.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (error) {
    unlock();
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('DATA_DIR', `cannot open the embedded database in ${config.dataDir}: ${reason(error)}`);
  }
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  const err = error as { message?: string; code?: string };
  return err.message || err.code || String(error);
}

import { ConfigError, DatabaseConfig } from '@flexmeasures/config';
import { createTestDatabase, describeWithPostgres, makeTempDir, removeDir, TestDatabase } from '@flexmeasures/testing';
import * as path from 'node:path';
import { Database, openDatabase } from './database';
import { migrateToLatest, migrationStatus, revertLatest } from './migrate';
import { MIGRATIONS } from './migrations';
import { latestTaskRuns, recordTaskRun } from './task-runs.repository';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The behaviour both database kinds must share. */
function sharedBehaviour(open: () => Promise<Database>) {
  let database: Database;
  beforeAll(async () => {
    database = await open();
    await migrateToLatest(database);
  });
  afterAll(async () => database?.close());

  it('applies every migration and reports nothing pending', async () => {
    const status = await migrationStatus(database);
    expect(status.applied).toEqual(MIGRATIONS.map((m) => m.name));
    expect(status.pending).toEqual([]);
    expect(await migrateToLatest(database)).toEqual([]);
  });

  it('runs the session in UTC', async () => {
    const [row] = await database.dataSource.query(`SELECT current_setting('TimeZone') AS tz, '2026-01-01 12:00+02'::timestamptz::text AS t`);
    expect(row.tz).toBe('UTC');
    expect(row.t).toBe('2026-01-01 10:00:00+00');
  });

  it('keeps exactly the committed rows when two transactions overlap and one rolls back', async () => {
    const { dataSource } = database;
    await dataSource.query('CREATE TABLE IF NOT EXISTS tx_probe (id int PRIMARY KEY)');
    await dataSource.query('DELETE FROM tx_probe');
    const failing = dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO tx_probe VALUES (1)');
      await sleep(60);
      await manager.query('INSERT INTO tx_probe VALUES (2)');
      throw new Error('roll me back');
    });
    const committing = (async () => {
      await sleep(10); // starts while the failing one is open
      await dataSource.transaction(async (manager) => {
        await manager.query('INSERT INTO tx_probe VALUES (3)');
        await sleep(30);
        await manager.query('INSERT INTO tx_probe VALUES (4)');
      });
    })();
    await expect(failing).rejects.toThrow('roll me back');
    await committing;
    const rows = await dataSource.query('SELECT id FROM tx_probe ORDER BY id');
    expect(rows.map((r: { id: number }) => r.id)).toEqual([3, 4]);
    await dataSource.query('DROP TABLE tx_probe');
  });

  it('records task runs, one row per name', async () => {
    await recordTaskRun(database.dataSource, 'ping', true, new Date('2026-11-29T10:00:00Z'));
    await recordTaskRun(database.dataSource, 'ping', false, new Date('2026-11-29T11:00:00Z'));
    const runs = await latestTaskRuns(database.dataSource);
    expect(runs).toEqual([{ name: 'ping', datetime: new Date('2026-11-29T11:00:00Z'), status: false }]);
  });

  it('reverts and re-applies the latest migration', async () => {
    const reverted = await revertLatest(database);
    expect(reverted).toBe(MIGRATIONS[MIGRATIONS.length - 1].name);
    expect((await migrationStatus(database)).pending).toEqual([reverted]);
    await migrateToLatest(database);
    expect((await migrationStatus(database)).pending).toEqual([]);
  });
}

describe('embedded database (PGlite)', () => {
  const dir = makeTempDir('pglite');
  const config: DatabaseConfig = { kind: 'embedded', dataDir: path.join(dir, 'pgdata'), migrateOnStart: true };
  afterAll(() => removeDir(dir));

  describe('shared behaviour', () => sharedBehaviour(() => openDatabase(config)));

  it('refuses a second opener of the same data folder with a clear message', async () => {
    const first = await openDatabase(config);
    try {
      const error = await openDatabase(config).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).setting).toBe('DATA_DIR');
      expect((error as ConfigError).message).toMatch(/in use by process \d+/);
    } finally {
      await first.close();
    }
  });

  it('keeps data across a reopen', async () => {
    const writer = await openDatabase(config);
    await recordTaskRun(writer.dataSource, 'reopen-probe', true, new Date('2026-11-29T12:00:00Z'));
    await writer.close();
    const reader = await openDatabase(config);
    const runs = await latestTaskRuns(reader.dataSource);
    await reader.close();
    expect(runs.map((run) => run.name)).toContain('reopen-probe');
  });
});

describeWithPostgres('PostgreSQL database', () => {
  let testDb: TestDatabase;
  const config = (): DatabaseConfig => ({ kind: 'postgres', url: testDb.url, poolSize: 4, migrateOnStart: true });
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => testDb?.drop());

  describe('shared behaviour', () => sharedBehaviour(() => openDatabase(config())));

  it('lets parallel starts migrate one at a time', async () => {
    const fresh = await createTestDatabase();
    const open = () => openDatabase({ kind: 'postgres', url: fresh.url, poolSize: 2, migrateOnStart: true });
    const [a, b] = await Promise.all([open(), open()]);
    try {
      const [ranA, ranB] = await Promise.all([migrateToLatest(a), migrateToLatest(b)]);
      expect([...ranA, ...ranB]).toEqual(MIGRATIONS.map((m) => m.name));
    } finally {
      await Promise.all([a.close(), b.close()]);
      await fresh.drop();
    }
  });

  it('names DATABASE_URL when the server cannot be reached', async () => {
    const error = await openDatabase({ kind: 'postgres', url: 'postgres://postgres:secret@127.0.0.1:1/none', poolSize: 1, migrateOnStart: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe('DATABASE_URL');
    expect((error as ConfigError).message).toMatch(/cannot connect to PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none/);
  });
});

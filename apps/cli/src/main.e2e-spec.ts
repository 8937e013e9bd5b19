import { createTestDatabase, describeWithPostgres, makeTempDir, removeDir, startNodeProcess } from '@flexmeasures/testing';
import { MIGRATIONS } from '@flexmeasures/persistence';

jest.setTimeout(120_000);

const cli = async (args: string[], env: Record<string, string>) => {
  const run = startNodeProcess('apps/cli/dist/main.js', { LOGGING_LEVEL: 'warn', ...env }, args);
  const code = await run.exited;
  return { code, output: run.output() };
};

const latest = MIGRATIONS[MIGRATIONS.length - 1].name;

describe('flexmeasures CLI', () => {
  it('lists its command groups in --help', async () => {
    const { code, output } = await cli(['--help'], {});
    expect(code).toBe(0);
    expect(output).toMatch(/Usage: flexmeasures/);
    expect(output).toMatch(/db\s+Manage the database schema/);
  });

  it('explains an unknown command and exits non-zero', async () => {
    const { code, output } = await cli(['db', 'sideways'], {});
    expect(code).not.toBe(0);
    expect(output).toMatch(/unknown command 'sideways'/);
  });

  it('upgrades, reports and downgrades the embedded database', async () => {
    const dir = makeTempDir('cli');
    try {
      const env = { DATA_DIR: dir };
      const upgrade = await cli(['db', 'upgrade'], env);
      expect(upgrade.code).toBe(0);
      expect(upgrade.output).toMatch(/Database: embedded PostgreSQL \(PGlite\)/);
      expect(upgrade.output).toContain(`Applied: ${MIGRATIONS.map((m) => m.name).join(', ')}`);
      expect((await cli(['db', 'upgrade'], env)).output).toMatch(/Already up to date/);
      const current = await cli(['db', 'current'], env);
      expect(current.output).toContain(`Current: ${latest}`);
      expect(current.output).toContain('Pending: none');
      const downgrade = await cli(['db', 'downgrade'], env);
      expect(downgrade.output).toContain(`Reverted: ${latest}`);
      expect((await cli(['db', 'history'], env)).output).toContain(`[pending] ${latest}`);
    } finally {
      removeDir(dir);
    }
  });

  it('names the setting when the database cannot be reached', async () => {
    const { code, output } = await cli(['db', 'upgrade'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', SECRET_KEY: 'k'.repeat(32) });
    expect(code).toBe(1);
    expect(output.trim()).toMatch(/^flexmeasures: configuration error: DATABASE_URL: cannot connect to PostgreSQL/);
  });
});

describeWithPostgres('flexmeasures db upgrade on PostgreSQL', () => {
  it('applies the migrations to a fresh database', async () => {
    const database = await createTestDatabase();
    try {
      const env = { DATABASE_URL: database.url, SECRET_KEY: 'k'.repeat(32) };
      const upgrade = await cli(['db', 'upgrade'], env);
      expect(upgrade.code).toBe(0);
      expect(upgrade.output).toMatch(/Database: PostgreSQL at postgres:/);
      expect(upgrade.output).toContain(`Applied: ${MIGRATIONS.map((m) => m.name).join(', ')}`);
      expect((await cli(['db', 'current'], env)).output).toContain(`Current: ${latest}`);
    } finally {
      await database.drop();
    }
  });
});

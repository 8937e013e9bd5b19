import { addStructure } from '@flexmeasures/assets';
import { Database, migrateToLatest, openDatabase } from '@flexmeasures/persistence';
import { createTestDatabase, describeWithPostgres, makeTempDir, removeDir, startNodeProcess, TestDatabase } from '@flexmeasures/testing';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

jest.setTimeout(120_000);

interface Run {
  readonly code: number | null;
  readonly output: string;
  readonly seconds: number;
}

async function cli(args: string[], env: Record<string, string>): Promise<Run> {
  const started = Date.now();
  const run = startNodeProcess('apps/cli/dist/main.js', { LOGGING_LEVEL: 'warn', ...env }, args);
  const code = await run.exited;
  return { code, output: run.output(), seconds: (Date.now() - started) / 1000 };
}

describe('flexmeasures add beliefs: the command line', () => {
  let dir: string;
  beforeAll(() => (dir = makeTempDir('cli-beliefs-usage')));
  afterAll(() => removeDir(dir));
  const run = (args: string[]) => cli(['add', 'beliefs', ...args], { DATA_DIR: dir });

  it('explains its options and exit codes', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.output).toMatch(/--horizon <duration>/);
    expect(help.output).toMatch(/Exit codes: 0 all rows stored/);
  });

  it('exits with 2 on usage errors, before opening the database', async () => {
    fs.writeFileSync(path.join(dir, 'one.csv'), 'datetime,value\n2021-01-01T00:00:00Z,1\n');
    const file = path.join(dir, 'one.csv');
    const both = await run([file, '--sensor', '1', '--horizon', 'PT0H', '--belief-column', '3']);
    expect(both).toMatchObject({ code: 2, output: expect.stringMatching(/'--horizon <duration>' cannot be used with option '--belief-column/) });
    const missing = await run([path.join(dir, 'none.csv'), '--sensor', '1']);
    expect(missing).toMatchObject({ code: 2, output: expect.stringMatching(/cannot read .*none\.csv/) });
    const zone = await run([file, '--sensor', '1', '--timezone', 'Mars/Olympus']);
    expect(zone).toMatchObject({ code: 2, output: expect.stringMatching(/"Mars\/Olympus" is not a time zone/) });
    expect(fs.existsSync(path.join(dir, 'pgdata'))).toBe(false);
  });
});

describeWithPostgres('flexmeasures add beliefs (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let database: Database;
  let dir: string;
  let env: Record<string, string>;
  let ownerId: number;

  const write = (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  const addBeliefs = (file: string, args: string[]) => cli(['add', 'beliefs', file, ...args], env);
  const beliefs = (sensor: number) =>
    database.dataSource.query(
      `SELECT to_char(event_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS start, to_char(belief_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS belief, event_value AS value
         FROM timed_belief WHERE sensor_id = $1 ORDER BY event_start, belief_time`,
      [sensor],
    ) as Promise<{ start: string; belief: string; value: number }[]>;

  let assetCount = 0;
  async function addAsset(type = 'solar', resolutionMinutes = 15): Promise<number> {
    const name = `import asset ${++assetCount}`;
    return database.dataSource.transaction(async (m) => {
      const [{ id }] = await m.query(`INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('asset', $1, 'MW', $2) RETURNING id`, [name, resolutionMinutes]);
      await m.query(`INSERT INTO asset (id, name, display_name, asset_type_name, owner_id, capacity_in_mw, latitude, longitude) VALUES ($1, $2, $2, $3, $4, 1, 52, 5)`, [
        id,
        name,
        type,
        ownerId,
      ]);
      return Number(id);
    });
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    dir = makeTempDir('cli-beliefs');
    env = { DATABASE_URL: testDb.url, SECRET_KEY: 'k'.repeat(32) };
    database = await openDatabase({ kind: 'postgres', url: testDb.url, poolSize: 2, migrateOnStart: false });
    await migrateToLatest(database);
    await addStructure(database.dataSource);
    const [{ id }] = await database.dataSource.query(
      `INSERT INTO fm_user (email, username, password, fs_uniquifier) VALUES ('owner@example.com', 'owner', 'x', 'owner-uniquifier') RETURNING id`,
    );
    ownerId = Number(id);
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
    if (dir) removeDir(dir);
  });

  it('imports a small file with a header into an asset; importing it again finds everything already known', async () => {
    const solar = await addAsset();
    const file = write('small.csv', ['datetime,power (kW)', '2021-01-01T00:00:00+01:00,-100', '2021-01-01T00:15:00+01:00,-200', '2021-01-01T00:30:00+01:00,-300']);
    const first = await addBeliefs(file, ['--sensor', String(solar), '--unit', 'kW', '--horizon', 'PT0H', '--user', 'owner@example.com']);
    expect(first.code).toBe(0);
    expect(first.output).toMatch(/rows read: +3\n +stored: +3 beliefs\n +already known: +0 beliefs\n +rejected: +0 rows/);
    expect((await beliefs(solar)).map((b) => b.value)).toEqual([-0.1, -0.2, -0.3]);
    const [source] = await database.dataSource.query(`SELECT DISTINCT ds.type, ds.user_id FROM timed_belief b JOIN data_source ds ON ds.id = b.source_id WHERE b.sensor_id = $1`, [solar]);
    expect(source).toEqual({ type: 'user', user_id: ownerId });

    const again = await addBeliefs(file, ['--sensor', String(solar), '--unit', 'kW', '--horizon', 'PT0H', '--user', String(ownerId)]);
    expect(again.code).toBe(0);
    expect(again.output).toMatch(/stored: +0 beliefs\n +already known: +3 beliefs/);
  });

  it('reports the lines of a bad number, a naive timestamp and a wrong sign, stores the others and exits with 1', async () => {
    const solar = await addAsset();
    const file = write('bad.csv', ['datetime,value', '2021-01-01T00:00Z,-1', '2021-01-01T00:15Z,1.2.3', '2021-01-01 00:30,-3', '2021-01-01T00:45Z,4', '2021-01-01T01:00Z,-5']);
    const run = await addBeliefs(file, ['--sensor', String(solar), '--source', 'meter export']);
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/line 3: "1\.2\.3" is not a number/);
    expect(run.output).toMatch(/line 4: "2021-01-01 00:30" has no time zone/);
    expect(run.output).toMatch(/line 5: .*pure producer/);
    expect(run.output).toMatch(/flexmeasures: 3 rows were rejected/);
    expect((await beliefs(solar)).map((b) => b.start)).toEqual(['2021-01-01T00:00', '2021-01-01T01:00']);
    const [source] = await database.dataSource.query(`SELECT DISTINCT ds.name, ds.type FROM timed_belief b JOIN data_source ds ON ds.id = b.source_id WHERE b.sensor_id = $1`, [solar]);
    expect(source).toEqual({ name: 'meter export', type: 'cli import' });
  });

  it('stores nothing with --all-or-nothing when one row is bad', async () => {
    const solar = await addAsset();
    const file = write('one-bad.csv', ['datetime,value', '2021-01-01T00:00Z,-1', '2021-01-01T00:15Z,-2', '2021-01-01T00:30Z,oops', '2021-01-01T00:45Z,-4']);
    const run = await addBeliefs(file, ['--sensor', String(solar), '--all-or-nothing']);
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/All or nothing: rows were rejected, so nothing was stored/);
    expect(run.output).toMatch(/line 4: "oops" is not a number/);
    expect(await beliefs(solar)).toEqual([]);
  });

  it('reads naive timestamps in --timezone across the change to summer time', async () => {
    const solar = await addAsset();
    // 02:00–03:00 does not exist in Amsterdam on 2021-03-28: 01:45 is followed by 03:00.
    const file = write('dst.csv', ['time;kW', '2021-03-28 01:30;-1', '2021-03-28 01:45;-2', '2021-03-28 03:00;-3', '2021-03-28 03:15;-4']);
    const run = await addBeliefs(file, ['--sensor', String(solar), '--timezone', 'Europe/Amsterdam', '--delimiter', ';', '--unit', 'kW', '--horizon', 'PT0H']);
    expect(run.code).toBe(0);
    expect((await beliefs(solar)).map((b) => b.start)).toEqual(['2021-03-28T00:30', '2021-03-28T00:45', '2021-03-28T01:00', '2021-03-28T01:15']);
  });

  it('sets belief time = event end + 10 minutes with --horizon -PT10M', async () => {
    const solar = await addAsset();
    const file = write('horizon.csv', ['datetime,value', '2021-01-01T00:00Z,-1', '2021-01-01T00:15Z,-2']);
    expect((await addBeliefs(file, ['--sensor', String(solar), '--horizon', '-PT10M'])).code).toBe(0);
    expect(await beliefs(solar)).toEqual([
      { start: '2021-01-01T00:00', belief: '2021-01-01T00:25', value: -1 },
      { start: '2021-01-01T00:15', belief: '2021-01-01T00:40', value: -2 },
    ]);
  });

  it('spreads hourly rows over the four slots of a 15-minute asset with --resample', async () => {
    const solar = await addAsset();
    const file = write('hourly.csv', ['start,value', '2021-01-01T00:00Z,-1', '2021-01-01T01:00Z,-2']);
    const run = await addBeliefs(file, ['--sensor', String(solar), '--resample', '--horizon', 'PT0H', '--datetime-column', 'start', '--value-column', 'value']);
    expect(run.code).toBe(0);
    expect(run.output).toMatch(/rows read: +2\n +stored: +8 beliefs/);
    const stored = await beliefs(solar);
    expect(stored.map((b) => b.start)).toEqual(['00:00', '00:15', '00:30', '00:45', '01:00', '01:15', '01:30', '01:45'].map((t) => `2021-01-01T${t}`));
    expect(stored.map((b) => b.value)).toEqual([-1, -1, -1, -1, -2, -2, -2, -2]);
  });

  it('exits with 2 when the sensor or the unit does not fit', async () => {
    const solar = await addAsset();
    const file = write('fit.csv', ['datetime,value', '2021-01-01T00:00Z,-1']);
    expect(await addBeliefs(file, ['--sensor', '999999'])).toMatchObject({ code: 2, output: expect.stringMatching(/There is no sensor 999999/) });
    expect(await addBeliefs(file, ['--sensor', String(solar), '--unit', 'EUR/MWh'])).toMatchObject({ code: 2, output: expect.stringMatching(/Unit "EUR\/MWh" is not accepted here; use MW, kW, W/) });
    expect(await addBeliefs(file, ['--sensor', String(solar), '--value-column', 'power'])).toMatchObject({ code: 2, output: expect.stringMatching(/no value column named "power"/) });
  });

  it('imports 300,000 rows in constant memory', async () => {
    const solar = await addAsset('solar', 1);
    const big = path.join(dir, 'big.csv');
    const rows = 300_000;
    await pipeline(Readable.from(generateRows(rows)), fs.createWriteStream(big));
    const small = write('tiny.csv', ['datetime,value', '2019-01-01T00:00Z,-1']);
    // Each process reports its peak resident memory when it exits.
    const probe = path.join(dir, 'max-rss.cjs');
    fs.writeFileSync(probe, `process.on('exit', () => require('fs').writeSync(2, 'maxRSS=' + process.resourceUsage().maxRSS + '\\n'));\n`);
    const measured = (run: Run) => Number(/maxRSS=(\d+)/.exec(run.output)?.[1]) / 1024;
    const withProbe = { ...env, NODE_OPTIONS: `--require ${probe}` };

    const baseline = await cli(['add', 'beliefs', small, '--sensor', String(solar), '--horizon', 'PT0H'], withProbe);
    const full = await cli(['add', 'beliefs', big, '--sensor', String(solar), '--horizon', 'PT0H'], withProbe);
    expect(full.code).toBe(0);
    expect(full.output).toMatch(/rows read: +300000\n +stored: +300000 beliefs/);
    const growthMb = measured(full) - measured(baseline);
    process.stdout.write(`add beliefs: ${rows} rows in ${full.seconds.toFixed(1)} s (${Math.round(rows / full.seconds)} rows/s incl. start-up); peak RSS ${measured(full).toFixed(0)} MB, ${growthMb.toFixed(0)} MB above a one-row import\n`);
    expect(growthMb).toBeLessThan(150);
  });
});

/** One-minute rows from 2020-01-01, in chunks, so the file is never in memory either. */
function* generateRows(rows: number): Generator<string> {
  yield 'datetime,value\n';
  const start = Date.parse('2020-01-01T00:00:00Z');
  const chunk = 5000;
  for (let first = 0; first < rows; first += chunk) {
    const lines: string[] = [];
    for (let i = first; i < Math.min(rows, first + chunk); i++) lines.push(`${new Date(start + i * 60_000).toISOString()},${-((i % 100) / 10)}`);
    yield `${lines.join('\n')}\n`;
  }
}

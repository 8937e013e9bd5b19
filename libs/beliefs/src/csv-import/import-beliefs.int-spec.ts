import { addStructure } from '@flexmeasures/assets';
import { DomainError } from '@flexmeasures/domain';
import { Database, migrateToLatest, openDatabase } from '@flexmeasures/persistence';
import { insertWeatherSensor, makeTempDir, removeDir } from '@flexmeasures/testing';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { BeliefEvents, BeliefsLanded } from '../belief-events';
import { importBeliefs, ImportSummary } from './import-beliefs';
import type { ImportOptions } from './import-options';

jest.setTimeout(120_000);

const IMPORT_TIME = Date.parse('2021-06-01T12:00:00Z');
const csv = (...lines: string[]) => Readable.from([`${lines.join('\n')}\n`]);

describe('importing beliefs from CSV (embedded database)', () => {
  const dir = makeTempDir('csv-import');
  let database: Database;
  let ownerId: number;
  let landed: BeliefsLanded[];
  const events = new BeliefEvents();
  events.subscribe((event) => void landed.push(event));

  async function addAsset(name: string, type: string, resolutionMinutes: number): Promise<number> {
    return database.dataSource.transaction(async (m) => {
      const [{ id }] = await m.query(`INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('asset', $1, 'MW', $2) RETURNING id`, [name, resolutionMinutes]);
      await m.query(
        `INSERT INTO asset (id, name, display_name, asset_type_name, owner_id, capacity_in_mw, latitude, longitude) VALUES ($1, $2, $2, $3, $4, 1, 52, 5)`,
        [id, name, type, ownerId],
      );
      return Number(id);
    });
  }

  async function run(sensor: number, lines: string[], options: Partial<ImportOptions> = {}): Promise<ImportSummary> {
    landed = [];
    const summary = await importBeliefs(csv(...lines), { sensor, source: { userId: ownerId }, ...options }, { dataSource: database.dataSource, events, now: () => IMPORT_TIME });
    await new Promise((resolve) => setImmediate(resolve)); // listeners run on a later tick
    return summary;
  }

  const stored = (sensor: number): Promise<{ event_start: Date; belief_time: Date; event_value: number }[]> =>
    database.dataSource.query(`SELECT event_start, belief_time, event_value FROM timed_belief WHERE sensor_id = $1 ORDER BY event_start, belief_time`, [sensor]);

  beforeAll(async () => {
    database = await openDatabase({ kind: 'embedded', dataDir: path.join(dir, 'pgdata'), migrateOnStart: true });
    await migrateToLatest(database);
    await addStructure(database.dataSource);
    const [{ id }] = await database.dataSource.query(
      `INSERT INTO fm_user (email, username, password, fs_uniquifier) VALUES ('owner@example.com', 'owner', 'x', 'owner-uniquifier') RETURNING id`,
    );
    ownerId = Number(id);
  });
  afterAll(async () => {
    await database?.close();
    removeDir(dir);
  });

  it('stores a small file in the sensor unit, and knows all of it when imported again', async () => {
    const solar = await addAsset('panel 1', 'solar', 15);
    const file = ['datetime,power', '2021-01-01T00:00:00Z,-500', '2021-01-01T00:15:00Z,-1000', '2021-01-01T00:30:00Z,0', '2021-01-01T00:45:00Z,-250'];
    const first = await run(solar, file, { unit: 'kW', horizon: 'PT0H' });
    expect(first).toEqual({ sensor: solar, rowsRead: 4, stored: 4, alreadyKnown: 0, rejected: 0, rejections: [], conflicting: 0, aborted: false });
    expect((await stored(solar)).map((b) => b.event_value)).toEqual([-0.5, -1, 0, -0.25]);
    expect(landed).toEqual([{ kind: 'meter', sensorIds: [solar], startMs: Date.parse('2021-01-01T00:00:00Z'), endMs: Date.parse('2021-01-01T01:00:00Z'), stored: 4 }]);

    const again = await run(solar, file, { unit: 'kW', horizon: 'PT0H' });
    expect(again).toMatchObject({ rowsRead: 4, stored: 0, alreadyKnown: 4, rejected: 0 });
    expect(landed).toEqual([]);
  });

  it('rejects bad rows with their lines and reasons and stores the others; other values for stored beliefs are rejected too', async () => {
    const solar = await addAsset('panel 2', 'solar', 15);
    const file = [
      'datetime,power',
      '2021-01-01T00:00:00Z,-1',
      '2021-01-01T00:15:00Z,minus two',
      '2021-01-01 00:30,-3',
      '2021-01-01T00:45:00Z,4',
      '2021-01-01T01:00:00Z,-5',
    ];
    const summary = await run(solar, file, { horizon: 'PT0H' });
    expect(summary).toMatchObject({ rowsRead: 5, stored: 2, rejected: 3 });
    expect(summary.rejections).toEqual([
      { line: 3, reason: expect.stringMatching(/"minus two" is not a number/) },
      { line: 4, reason: expect.stringMatching(/"2021-01-01 00:30" has no time zone/) },
      { line: 5, reason: expect.stringMatching(/pure producer.*; this row has 4$/) },
    ]);

    const changed = await run(solar, ['datetime,power', '2021-01-01T01:00:00Z,-6'], { horizon: 'PT0H' });
    expect(changed).toMatchObject({ stored: 0, alreadyKnown: 0, conflicting: 1, rejected: 1 });
    expect(changed.rejections).toEqual([{ line: 2, reason: expect.stringMatching(/^already stored with another value/) }]);
    expect((await stored(solar)).map((b) => b.event_value)).toEqual([-1, -5]);
  });

  it('all or nothing: one bad row stores nothing, and all bad rows are reported', async () => {
    const solar = await addAsset('panel 3', 'solar', 15);
    const file = ['datetime,power', '2021-01-01T00:00:00Z,-1', '2021-01-01T00:15:00Z,-2', '2021-01-01T00:30:00Z,x', '2021-01-01T00:45:00Z,y'];
    const summary = await run(solar, file, { allOrNothing: true, batchSize: 1 });
    expect(summary).toMatchObject({ rowsRead: 4, stored: 0, alreadyKnown: 0, rejected: 2, aborted: true });
    expect(summary.rejections.map((r) => r.line)).toEqual([4, 5]);
    expect(await stored(solar)).toEqual([]);
    expect(landed).toEqual([]);
  });

  it('reads naive timestamps in a time zone across both summer time changes', async () => {
    const solar = await addAsset('panel 4', 'solar', 15);
    // Autumn: the hour from 02:00 comes twice; spring: 02:00–03:00 does not exist.
    const autumn = ['time;kW', '2021-10-31 01:45;-1', '2021-10-31 02:00;-2', '2021-10-31 02:15;-3', '2021-10-31 02:30;-4', '2021-10-31 02:45;-5'];
    const repeat = ['2021-10-31 02:00;-6', '2021-10-31 02:15;-7', '2021-10-31 02:30;-8', '2021-10-31 02:45;-9', '2021-10-31 03:00;-10'];
    const spring = ['2021-03-28 01:45;-11', '2021-03-28 02:30;-12', '2021-03-28 03:00;-13'];
    const summary = await run(solar, [...autumn, ...repeat], { timezone: 'Europe/Amsterdam', delimiter: ';', unit: 'kW', horizon: 'PT0H' });
    expect(summary).toMatchObject({ rowsRead: 10, stored: 10, rejected: 0 });
    const starts = (await stored(solar)).map((b) => b.event_start.toISOString());
    expect(starts[0]).toBe('2021-10-30T23:45:00.000Z');
    expect(starts[9]).toBe('2021-10-31T02:00:00.000Z');
    expect(new Set(starts).size).toBe(10);

    const skipped = await run(solar, ['time;kW', ...spring], { timezone: 'Europe/Amsterdam', delimiter: ';', unit: 'kW', horizon: 'PT0H' });
    expect(skipped).toMatchObject({ stored: 2, rejected: 1 });
    expect(skipped.rejections).toEqual([{ line: 3, reason: expect.stringMatching(/does not exist in Europe\/Amsterdam/) }]);
  });

  it('sets belief times from a negative horizon, a belief time column, or the time of the import', async () => {
    const solar = await addAsset('panel 5', 'solar', 15);
    await run(solar, ['datetime,value', '2021-01-01T00:00:00Z,-1'], { horizon: '-PT10M' });
    await run(solar, ['datetime,value,known at', '2021-01-01T00:00:00Z,-1,2020-12-31T12:00:00+01:00'], { beliefColumn: 'Known at' });
    await run(solar, ['datetime,value', '2021-01-01T00:00:00Z,-1']);
    expect((await stored(solar)).map((b) => b.belief_time.toISOString())).toEqual(['2020-12-31T11:00:00.000Z', '2021-01-01T00:25:00.000Z', '2021-06-01T12:00:00.000Z']);
  });

  it('resamples coarser rows over the sensor slots, in small batches', async () => {
    const solar = await addAsset('panel 6', 'solar', 15);
    const summary = await run(solar, ['datetime,value', '2021-01-01T00:00:00Z,-1', '2021-01-01T01:00:00Z,-2', '2021-01-01T02:00:00Z,-3'], {
      resample: true,
      horizon: 'PT0H',
      batchSize: 5,
    });
    expect(summary).toMatchObject({ rowsRead: 3, stored: 12, rejected: 0 });
    expect((await stored(solar)).map((b) => b.event_value)).toEqual([-1, -1, -1, -1, -2, -2, -2, -2, -3, -3, -3, -3]);
    expect(landed).toHaveLength(1);

    const refused = await run(solar, ['datetime,value', '2021-01-02T00:00:00Z,-1', '2021-01-02T01:00:00Z,-2'], { horizon: 'PT0H' });
    expect(refused.rejections).toEqual([{ line: 2, reason: expect.stringMatching(/PT15M slots.*resample/) }]);
  });

  it('refuses a unit that does not fit before reading any row', async () => {
    const sensor = await insertWeatherSensor(database.dataSource, { type: 'temperature', latitude: 52, longitude: 5, unit: '°C' });
    const input = csv('datetime,value', '2021-01-01T00:00:00Z,10');
    const error = await importBeliefs(input, { sensor, source: { name: 'weather import' }, unit: 'K' }, { dataSource: database.dataSource, events }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'INVALID_UNIT', message: expect.stringMatching(/use °C/) });
    expect(input.readableDidRead).toBe(false);

    const summary = await run(sensor, ['datetime,value', '2021-01-01T00:00:00Z,10'], { source: { name: 'weather import' } });
    expect(summary).toMatchObject({ stored: 1 });
    expect(landed[0]).toMatchObject({ kind: 'weather' });
  });

  it('names the line of a quote that never closes', async () => {
    const solar = await addAsset('panel 7', 'solar', 15);
    const error = await run(solar, ['datetime,value', '2021-01-01T00:00:00Z,-1', '2021-01-01T00:15:00Z,"-2', ...Array(3000).fill('2021-01-01T00:30:00Z,-3,padding-padding-padding-padding-padding')]).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'INVALID_CSV', message: expect.stringMatching(/cannot be read as CSV/) });
  });
});

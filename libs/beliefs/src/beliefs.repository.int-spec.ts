/**
 * The belief store's SQL on both databases (PGlite and PostgreSQL): what an
 * insert counts, what replacing (play mode) changes, and that `latest()` —
 * the set-based selection every GET uses — gives exactly what the pure
 * reference in the domain lib (`selectLatestBeliefs` then `downsample`) gives,
 * on random beliefs with random filters (fast-check).
 */
import { DatabaseConfig } from '@flexmeasures/config';
import { downsample, selectLatestBeliefs, StoredBelief } from '@flexmeasures/domain';
import { Database, migrateToLatest, openDatabase } from '@flexmeasures/persistence';
import { createTestDatabase, describeWithPostgres, makeTempDir, removeDir, TestDatabase } from '@flexmeasures/testing';
import fc from 'fast-check';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { BeliefColumns, BeliefsRepository, LatestBeliefsQuery } from './beliefs.repository';

jest.setTimeout(180_000);

const SEED = Number(process.env.FM_FUZZ_SEED ?? 20_261_129);
const MINUTE = 60_000;
const T0 = Date.UTC(2021, 0, 1);

/** Beliefs of one source, in the repository's column form. */
function columns(sensorId: number, beliefs: readonly { eventStart: number; beliefTime: number; value: number; cp?: number }[]): BeliefColumns {
  return {
    sensorIds: beliefs.map(() => sensorId),
    eventStarts: beliefs.map((b) => b.eventStart),
    beliefTimes: beliefs.map((b) => b.beliefTime),
    values: beliefs.map((b) => b.value),
    cumulativeProbabilities: beliefs.map((b) => b.cp ?? 0.5),
  };
}

interface Fixture {
  readonly dataSource: DataSource;
  /** Data source ids, in increasing order. */
  readonly sources: readonly number[];
  newSensor(resolutionMinutes: number): Promise<number>;
}

async function prepare(database: Database, label = 'repository'): Promise<Fixture> {
  const { dataSource } = database;
  const sources: number[] = [];
  for (const name of ['first', 'second', 'third', 'fourth']) {
    const [{ id }] = await dataSource.query(`INSERT INTO data_source (name, type) VALUES ($1, 'test script') RETURNING id`, [`${label} ${name}`]);
    sources.push(Number(id));
  }
  let n = 0;
  return {
    dataSource,
    sources,
    newSensor: async (resolutionMinutes) => {
      n += 1;
      const [{ id }] = await dataSource.query(`INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('market', $1, 'EUR/MWh', $2) RETURNING id`, [
        `${label} sensor ${n}`,
        resolutionMinutes,
      ]);
      return Number(id);
    },
  };
}

async function rowsOf(dataSource: DataSource, sensorId: number): Promise<{ event: number; belief: number; source: number; cp: number; value: number; xmin: string }[]> {
  const rows = await dataSource.query(
    `SELECT extract(epoch FROM event_start) * 1000 AS event, extract(epoch FROM belief_time) * 1000 AS belief, source_id AS source,
            cumulative_probability AS cp, event_value AS value, xmin::text AS xmin
       FROM timed_belief WHERE sensor_id = $1 ORDER BY event_start, belief_time, source_id, cumulative_probability`,
    [sensorId],
  );
  return rows.map((r: Record<string, unknown>) => ({ event: Number(r.event), belief: Number(r.belief), source: Number(r.source), cp: Number(r.cp), value: Number(r.value), xmin: String(r.xmin) }));
}

/** Beliefs whose sensor or source is gone, and sensor–source pairs of a source that is gone. */
async function orphans(dataSource: DataSource): Promise<{ beliefs: number; pairs: number }> {
  const [row] = await dataSource.query(
    `SELECT (SELECT count(*) FROM timed_belief b
              WHERE NOT EXISTS (SELECT 1 FROM sensor s WHERE s.id = b.sensor_id)
                 OR NOT EXISTS (SELECT 1 FROM data_source d WHERE d.id = b.source_id))::int AS beliefs,
            (SELECT count(*) FROM sensor_source p WHERE NOT EXISTS (SELECT 1 FROM data_source d WHERE d.id = p.source_id))::int AS pairs`,
  );
  return { beliefs: row.beliefs, pairs: row.pairs };
}

// ---------------------------------------------------------------------------
// Random beliefs and queries for the comparison with the domain reference
// ---------------------------------------------------------------------------

interface Dataset {
  readonly resolutionMin: number;
  readonly beliefs: readonly (StoredBelief & { readonly cumulativeProbability: number })[];
}

interface Query {
  readonly startSlot: number;
  readonly binFactor: number;
  readonly bins: number;
  readonly horizonSlots?: number;
  readonly priorSlot?: number;
  readonly sourcePicks?: readonly number[];
}

const SLOTS = 24;

/**
 * One sensor: events on a small window of slots, each with a few beliefs at
 * belief times from a coarse grid (so ties on belief time happen), by one of
 * four sources; some are probabilistic (not the median) and must be ignored.
 * Values are halves, so averages are exact in both float implementations.
 */
function datasetArb(sourceCount: number): fc.Arbitrary<Dataset> {
  return fc.constantFrom(5, 15, 60).chain((resolutionMin) => {
    const res = resolutionMin * MINUTE;
    const belief = fc.record({
      slot: fc.integer({ min: 0, max: SLOTS - 1 }),
      /** Belief time in resolution steps relative to the event start (negative: before it). */
      beliefStep: fc.integer({ min: -6, max: 3 }),
      source: fc.integer({ min: 0, max: sourceCount - 1 }),
      value: fc.integer({ min: -2000, max: 2000 }).map((v) => v / 2),
      cp: fc.oneof({ weight: 5, arbitrary: fc.constant(0.5) }, { weight: 1, arbitrary: fc.constantFrom(0.1, 0.9, 0.25) }),
    });
    return fc
      .array(belief, { minLength: 5, maxLength: 80 })
      .map((raw) => {
        const seen = new Set<string>();
        const beliefs = raw
          .map((b) => ({
            eventStart: T0 + b.slot * res,
            resolutionMs: res,
            beliefTime: T0 + b.slot * res + b.beliefStep * res,
            sourceId: b.source,
            cumulativeProbability: b.cp,
            value: b.value,
          }))
          .filter((b) => {
            const key = `${b.eventStart}|${b.beliefTime}|${b.sourceId}|${b.cumulativeProbability}`;
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
          });
        return { resolutionMin, beliefs };
      });
  });
}

function sometimes<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary });
}

function queryArb(sourceCount: number): fc.Arbitrary<Query> {
  return fc
    .record({
      startSlot: fc.integer({ min: -4, max: SLOTS - 4 }),
      binFactor: fc.constantFrom(1, 1, 2, 3, 4),
      bins: fc.integer({ min: 1, max: 12 }),
      horizonSlots: sometimes(fc.integer({ min: -4, max: 6 })),
      priorSlot: sometimes(fc.integer({ min: -2, max: SLOTS + 4 })),
      sourcePicks: sometimes(fc.uniqueArray(fc.integer({ min: 0, max: sourceCount - 1 }), { minLength: 1, maxLength: sourceCount })),
    })
    .map((q): Query => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as unknown as Query);
}

/** The pure reference: the domain's latest-belief selection, then its downsampling from the window's start. */
function reference(dataset: Dataset, query: Query, sourceIds: readonly number[]): { bins: number[]; values: number[] } {
  const res = dataset.resolutionMin * MINUTE;
  const startMs = T0 + query.startSlot * res;
  const binMs = res * query.binFactor;
  const endMs = startMs + binMs * query.bins;
  const sources = query.sourcePicks?.map((i) => sourceIds[i]);
  const inWindow = dataset.beliefs
    .map((b) => ({ ...b, sourceId: sourceIds[b.sourceId] }))
    // latest() reads the median of deterministic beliefs only.
    .filter((b) => b.cumulativeProbability === 0.5 && b.eventStart >= startMs && b.eventStart < endMs)
    // A GET asks for the latest belief per event among the chosen sources (not per source).
    .filter((b) => sources === undefined || sources.includes(b.sourceId));
  const latest = selectLatestBeliefs(inWindow, {
    ...(query.horizonSlots === undefined ? {} : { horizonMs: query.horizonSlots * res }),
    ...(query.priorSlot === undefined ? {} : { priorMs: T0 + query.priorSlot * res }),
  });
  const binned = downsample(
    latest.map((b) => ({ start: b.eventStart, durationMs: res, value: b.value })),
    binMs,
    startMs,
  );
  return { bins: binned.map((e) => (e.start - startMs) / binMs), values: binned.map((e) => e.value) };
}

function sqlQuery(sensorId: number, dataset: Dataset, query: Query, sourceIds: readonly number[]): LatestBeliefsQuery {
  const res = dataset.resolutionMin * MINUTE;
  const startMs = T0 + query.startSlot * res;
  const binMs = res * query.binFactor;
  return {
    sensorId,
    startMs,
    endMs: startMs + binMs * query.bins,
    resolutionMs: res,
    binMs,
    ...(query.horizonSlots === undefined ? {} : { horizonMs: query.horizonSlots * res }),
    ...(query.priorSlot === undefined ? {} : { priorMs: T0 + query.priorSlot * res }),
    ...(query.sourcePicks === undefined ? {} : { sourceIds: query.sourcePicks.map((i) => sourceIds[i]) }),
  };
}

async function store(repository: BeliefsRepository, fixture: Fixture, sensorId: number, dataset: Dataset): Promise<void> {
  for (const [i, sourceId] of fixture.sources.entries()) {
    const mine = dataset.beliefs.filter((b) => b.sourceId === i);
    if (mine.length === 0) continue;
    const counts = await repository.insert(
      fixture.dataSource.manager,
      sourceId,
      columns(
        sensorId,
        mine.map((b) => ({ eventStart: b.eventStart, beliefTime: b.beliefTime, value: b.value, cp: b.cumulativeProbability })),
      ),
    );
    expect(counts).toEqual({ received: mine.length, stored: mine.length, known: 0, conflicting: 0 });
  }
}

// ---------------------------------------------------------------------------
// The behaviour both databases must share
// ---------------------------------------------------------------------------

function repositoryBehaviour(open: () => Promise<Database>, runs: number) {
  let database: Database;
  let fixture: Fixture;
  const repository = new BeliefsRepository();

  beforeAll(async () => {
    database = await open();
    await migrateToLatest(database);
    fixture = await prepare(database);
  });
  afterAll(async () => database?.close());

  describe('insert', () => {
    it('counts stored, known and conflicting beliefs, and never overwrites history', async () => {
      const sensor = await fixture.newSensor(15);
      const [a] = fixture.sources;
      const q = 15 * MINUTE;
      const four = [0, 1, 2, 3].map((i) => ({ eventStart: T0 + i * q, beliefTime: T0 + 4 * q, value: i }));
      expect(await repository.insert(fixture.dataSource.manager, a, columns(sensor, []))).toEqual({ received: 0, stored: 0, known: 0, conflicting: 0 });
      expect(await repository.insert(fixture.dataSource.manager, a, columns(sensor, four))).toEqual({ received: 4, stored: 4, known: 0, conflicting: 0 });
      expect(await repository.insert(fixture.dataSource.manager, a, columns(sensor, four))).toEqual({ received: 4, stored: 0, known: 4, conflicting: 0 });
      const mixed = [four[0], four[1], { ...four[2], value: 99 }, { eventStart: T0 + 4 * q, beliefTime: T0 + 4 * q, value: 4 }];
      expect(await repository.insert(fixture.dataSource.manager, a, columns(sensor, mixed))).toEqual({ received: 4, stored: 1, known: 2, conflicting: 1 });
      // The conflicting value did not replace the stored one.
      const rows = await rowsOf(fixture.dataSource, sensor);
      expect(rows.map((r) => r.value)).toEqual([0, 1, 2, 3, 4]);
    });

    it('keys beliefs by source, belief time and cumulative probability too', async () => {
      const sensor = await fixture.newSensor(15);
      const [a, b] = fixture.sources;
      const one = { eventStart: T0, beliefTime: T0, value: 1 };
      expect(await repository.insert(fixture.dataSource.manager, a, columns(sensor, [one]))).toEqual({ received: 1, stored: 1, known: 0, conflicting: 0 });
      expect(await repository.insert(fixture.dataSource.manager, b, columns(sensor, [{ ...one, value: 2 }]))).toMatchObject({ stored: 1, conflicting: 0 });
      expect(await repository.insert(fixture.dataSource.manager, a, columns(sensor, [{ ...one, beliefTime: T0 + MINUTE, value: 3 }]))).toMatchObject({ stored: 1, conflicting: 0 });
      expect(await repository.insert(fixture.dataSource.manager, a, columns(sensor, [{ ...one, cp: 0.9, value: 4 }]))).toMatchObject({ stored: 1, conflicting: 0 });
      expect((await rowsOf(fixture.dataSource, sensor)).map((r) => [r.source, r.belief - T0, r.cp, r.value])).toEqual([
        [a, 0, 0.5, 1],
        [a, 0, 0.9, 4],
        [b, 0, 0.5, 2],
        [a, MINUTE, 0.5, 3],
      ]);
    });

    it('counts a belief given twice in one batch once: known when equal, conflicting when not', async () => {
      const sensor = await fixture.newSensor(15);
      const [a] = fixture.sources;
      const one = { eventStart: T0, beliefTime: T0, value: 1 };
      expect(await repository.insert(fixture.dataSource.manager, a, columns(sensor, [one, one]))).toEqual({ received: 2, stored: 1, known: 1, conflicting: 0 });
      const other = { eventStart: T0 + 15 * MINUTE, beliefTime: T0, value: 1 };
      expect(await repository.insert(fixture.dataSource.manager, a, columns(sensor, [other, { ...other, value: 2 }]))).toEqual({ received: 2, stored: 1, known: 0, conflicting: 1 });
      expect((await rowsOf(fixture.dataSource, sensor)).map((r) => r.value)).toEqual([1, 1]);
    });

    it('stores a regular series (sent as values and steps) exactly as the same beliefs sent column by column', async () => {
      const [regular, shuffled] = [await fixture.newSensor(15), await fixture.newSensor(15)];
      const [a] = fixture.sources;
      const q = 15 * MINUTE;
      const rolling = Array.from({ length: 500 }, (_, i) => ({ eventStart: T0 + i * q, beliefTime: T0 + (i + 1) * q - 6 * 60 * MINUTE, value: (i % 13) - 6.25 }));
      const oneTime = rolling.map((b) => ({ ...b, beliefTime: T0 - MINUTE, value: b.value * 2 }));
      for (const beliefs of [rolling, oneTime]) {
        expect(await repository.insert(fixture.dataSource.manager, a, columns(regular, beliefs))).toMatchObject({ stored: 500 });
        const mixed = [...beliefs].sort((x, y) => ((x.eventStart * 7919) % 500) - ((y.eventStart * 7919) % 500));
        expect(await repository.insert(fixture.dataSource.manager, a, columns(shuffled, mixed))).toMatchObject({ stored: 500 });
        expect(await repository.insert(fixture.dataSource.manager, a, columns(regular, beliefs))).toMatchObject({ stored: 0, known: 500 });
      }
      const strip = (rows: Awaited<ReturnType<typeof rowsOf>>) => rows.map(({ event, belief, source, cp, value }) => ({ event, belief, source, cp, value }));
      const stored = strip(await rowsOf(fixture.dataSource, regular));
      expect(stored).toHaveLength(1000);
      expect(stored).toEqual(strip(await rowsOf(fixture.dataSource, shuffled)));
      expect(stored.filter((r) => r.belief === T0 + 1 * q - 6 * 60 * MINUTE)).toEqual([{ event: T0, belief: T0 + q - 6 * 60 * MINUTE, source: a, cp: 0.5, value: -6.25 }]);
    });

    it('stores a large batch in one statement', async () => {
      const sensor = await fixture.newSensor(5);
      const [a] = fixture.sources;
      const many = Array.from({ length: 20_000 }, (_, i) => ({ eventStart: T0 + i * 5 * MINUTE, beliefTime: T0, value: i % 97 }));
      expect(await repository.insert(fixture.dataSource.manager, a, columns(sensor, many))).toEqual({ received: 20_000, stored: 20_000, known: 0, conflicting: 0 });
      expect(await repository.insert(fixture.dataSource.manager, a, columns(sensor, many))).toEqual({ received: 20_000, stored: 0, known: 20_000, conflicting: 0 });
    });
  });

  describe('integrity, kept per statement (no foreign keys on timed_belief)', () => {
    const one = { eventStart: T0, beliefTime: T0, value: 1 };

    it('refuses beliefs of a sensor or a source that does not exist, and writes nothing', async () => {
      const sensor = await fixture.newSensor(15);
      const [a] = fixture.sources;
      await expect(repository.insert(fixture.dataSource.manager, a, columns(sensor + 10_000, [one]))).rejects.toMatchObject({ code: 'UNRECOGNIZED_SENSOR' });
      await expect(repository.insert(fixture.dataSource.manager, a + 10_000, columns(sensor, [one]))).rejects.toMatchObject({ code: 'INVALID_SOURCE' });
      const mixed = { ...columns(sensor, [one, one]), sensorIds: [sensor, sensor + 10_000] };
      await expect(repository.insert(fixture.dataSource.manager, a, mixed)).rejects.toMatchObject({ code: 'UNRECOGNIZED_SENSOR' });
      expect(await rowsOf(fixture.dataSource, sensor)).toEqual([]);
    });

    it('deleting a sensor deletes its beliefs; deleting a source deletes its beliefs of every sensor and no others', async () => {
      const [first, second] = [await fixture.newSensor(15), await fixture.newSensor(15)];
      const [source] = await fixture.dataSource.query(`INSERT INTO data_source (name, type) VALUES ('short-lived', 'test script') RETURNING id`);
      const doomed = Number(source.id);
      const [kept] = fixture.sources;
      for (const sensor of [first, second]) {
        await repository.insert(fixture.dataSource.manager, doomed, columns(sensor, [one]));
        await repository.insert(fixture.dataSource.manager, kept, columns(sensor, [{ ...one, value: 2 }]));
      }
      await fixture.dataSource.query('DELETE FROM data_source WHERE id = $1', [doomed]);
      expect((await rowsOf(fixture.dataSource, first)).map((r) => r.source)).toEqual([kept]);
      expect((await rowsOf(fixture.dataSource, second)).map((r) => r.source)).toEqual([kept]);
      await fixture.dataSource.query('DELETE FROM sensor WHERE id = $1', [first]);
      expect(await rowsOf(fixture.dataSource, first)).toEqual([]);
      expect(await rowsOf(fixture.dataSource, second)).toHaveLength(1);
      expect(await orphans(fixture.dataSource)).toEqual({ beliefs: 0, pairs: 0 });
    });
  });

  describe('replace (play mode)', () => {
    it('updates changed values only, adds new ones and leaves equal ones untouched', async () => {
      const sensor = await fixture.newSensor(15);
      const [a, b] = fixture.sources;
      const q = 15 * MINUTE;
      const three = [0, 1, 2].map((i) => ({ eventStart: T0 + i * q, beliefTime: T0, value: i }));
      expect(await repository.insert(fixture.dataSource.manager, a, columns(sensor, three), { replace: true })).toEqual({ received: 3, stored: 3, known: 0, conflicting: 0 });
      await repository.insert(fixture.dataSource.manager, b, columns(sensor, [{ ...three[1], value: 50 }]));
      const before = await rowsOf(fixture.dataSource, sensor);

      const next = [three[0], { ...three[1], value: 10 }, three[2], { eventStart: T0 + 3 * q, beliefTime: T0, value: 3 }];
      expect(await repository.insert(fixture.dataSource.manager, a, columns(sensor, next), { replace: true })).toEqual({ received: 4, stored: 2, known: 2, conflicting: 0 });
      const after = await rowsOf(fixture.dataSource, sensor);
      expect(after.map((r) => [r.event - T0, r.source, r.value])).toEqual([
        [0, a, 0],
        [q, a, 10],
        [q, b, 50],
        [2 * q, a, 2],
        [3 * q, a, 3],
      ]);
      // Rows whose value did not change were not rewritten (same row version); the other source's belief is untouched.
      const version = (rows: typeof before, event: number, source: number) => rows.find((r) => r.event === T0 + event && r.source === source)?.xmin;
      expect(version(after, 0, a)).toBe(version(before, 0, a));
      expect(version(after, 2 * q, a)).toBe(version(before, 2 * q, a));
      expect(version(after, q, b)).toBe(version(before, q, b));
      expect(version(after, q, a)).not.toBe(version(before, q, a));

      expect(await repository.insert(fixture.dataSource.manager, a, columns(sensor, next), { replace: true })).toEqual({ received: 4, stored: 0, known: 4, conflicting: 0 });
    });

    it('takes a belief given twice in one batch once', async () => {
      const sensor = await fixture.newSensor(15);
      const [a] = fixture.sources;
      const one = { eventStart: T0, beliefTime: T0, value: 7 };
      expect(await repository.insert(fixture.dataSource.manager, a, columns(sensor, [one, one]), { replace: true })).toEqual({ received: 2, stored: 1, known: 1, conflicting: 0 });
      expect((await rowsOf(fixture.dataSource, sensor)).map((r) => r.value)).toEqual([7]);
    });

    it('keeps the last of two values given for one belief in one batch', async () => {
      const sensor = await fixture.newSensor(15);
      const [a] = fixture.sources;
      const first = { eventStart: T0, beliefTime: T0, value: 7 };
      await repository.insert(fixture.dataSource.manager, a, columns(sensor, [first, { ...first, value: 8 }, { ...first, value: 9 }]), { replace: true });
      expect((await rowsOf(fixture.dataSource, sensor)).map((r) => r.value)).toEqual([9]);
    });
  });

  describe('latest()', () => {
    it('takes the most recent belief per event; on a tie in belief time the highest source id wins', async () => {
      const sensor = await fixture.newSensor(15);
      const [a, b, c] = fixture.sources;
      const q = 15 * MINUTE;
      await repository.insert(fixture.dataSource.manager, c, columns(sensor, [{ eventStart: T0, beliefTime: T0 - q, value: 1 }]));
      await repository.insert(fixture.dataSource.manager, b, columns(sensor, [{ eventStart: T0, beliefTime: T0, value: 2 }]));
      await repository.insert(fixture.dataSource.manager, a, columns(sensor, [{ eventStart: T0, beliefTime: T0, value: 3 }]));
      const query = { sensorId: sensor, startMs: T0, endMs: T0 + q, resolutionMs: q, binMs: q };
      expect(await repository.latest(fixture.dataSource.manager, query)).toEqual({ bins: [0], values: [2] });
      expect(await repository.latest(fixture.dataSource.manager, { ...query, sourceIds: [a, c] })).toEqual({ bins: [0], values: [3] });
      expect(await repository.latest(fixture.dataSource.manager, { ...query, priorMs: T0 })).toEqual({ bins: [0], values: [1] });
      expect(await repository.latest(fixture.dataSource.manager, { ...query, horizonMs: 2 * q })).toEqual({ bins: [0], values: [1] });
      expect(await repository.latest(fixture.dataSource.manager, { ...query, horizonMs: 3 * q })).toEqual({ bins: [], values: [] });
    });

    it('ignores beliefs whose cumulative probability is not 0.5, however recent', async () => {
      const sensor = await fixture.newSensor(15);
      const [a, b] = fixture.sources;
      const q = 15 * MINUTE;
      await repository.insert(fixture.dataSource.manager, a, columns(sensor, [{ eventStart: T0, beliefTime: T0, value: 1 }]));
      await repository.insert(
        fixture.dataSource.manager,
        b,
        columns(sensor, [
          { eventStart: T0, beliefTime: T0 + q, value: 100, cp: 0.1 },
          { eventStart: T0, beliefTime: T0 + q, value: 300, cp: 0.9 },
          { eventStart: T0 + q, beliefTime: T0 + q, value: 5, cp: 0.25 },
        ]),
      );
      expect(await repository.latest(fixture.dataSource.manager, { sensorId: sensor, startMs: T0, endMs: T0 + 2 * q, resolutionMs: q, binMs: q })).toEqual({ bins: [0], values: [1] });
    });

    it('equals the domain reference (selectLatestBeliefs, then downsample) on random beliefs and filters', async () => {
      const sourceIds = fixture.sources;
      const sourceCount = sourceIds.length;
      let compared = 0;
      let nonEmpty = 0;
      await fc.assert(
        fc.asyncProperty(datasetArb(sourceCount), fc.array(queryArb(sourceCount), { minLength: 1, maxLength: 6 }), async (dataset, queries) => {
          const sensor = await fixture.newSensor(dataset.resolutionMin);
          await store(repository, fixture, sensor, dataset);
          for (const query of queries) {
            const expected = reference(dataset, query, sourceIds);
            const actual = await repository.latest(fixture.dataSource.manager, sqlQuery(sensor, dataset, query, sourceIds));
            expect({ query, ...actual }).toEqual({ query, ...expected });
            compared += 1;
            if (expected.bins.length > 0) nonEmpty += 1;
          }
        }),
        { seed: SEED, numRuns: runs },
      );
      process.stdout.write(`latest() = domain reference: ${compared} queries on ${runs} random sensors (${nonEmpty} with data), fast-check seed ${SEED}\n`);
      expect(nonEmpty).toBeGreaterThan(compared / 3);
    });

    it('with one source asked for, equals the domain reference with that source (latest per event and source)', async () => {
      const sourceIds = fixture.sources;
      await fc.assert(
        fc.asyncProperty(datasetArb(sourceIds.length), queryArb(sourceIds.length), fc.integer({ min: 0, max: sourceIds.length - 1 }), async (dataset, query, pick) => {
          const sensor = await fixture.newSensor(dataset.resolutionMin);
          await store(repository, fixture, sensor, dataset);
          const res = dataset.resolutionMin * MINUTE;
          const one = { ...query, binFactor: 1, sourcePicks: [pick] };
          const startMs = T0 + one.startSlot * res;
          const endMs = startMs + res * one.bins;
          const median = dataset.beliefs
            .map((b) => ({ ...b, sourceId: sourceIds[b.sourceId] }))
            .filter((b) => b.cumulativeProbability === 0.5 && b.eventStart >= startMs && b.eventStart < endMs);
          const selected = selectLatestBeliefs(median, {
            sources: [sourceIds[pick]],
            ...(one.horizonSlots === undefined ? {} : { horizonMs: one.horizonSlots * res }),
            ...(one.priorSlot === undefined ? {} : { priorMs: T0 + one.priorSlot * res }),
          });
          const actual = await repository.latest(fixture.dataSource.manager, sqlQuery(sensor, dataset, one, sourceIds));
          expect(actual).toEqual({ bins: selected.map((b) => (b.eventStart - startMs) / res), values: selected.map((b) => b.value) });
        }),
        { seed: SEED + 1, numRuns: Math.ceil(runs / 2) },
      );
    });
  });
}

describe('BeliefsRepository on the embedded database (PGlite)', () => {
  const dir = makeTempDir('beliefs-repository');
  afterAll(() => removeDir(dir));
  const config: DatabaseConfig = { kind: 'embedded', dataDir: path.join(dir, 'pgdata'), migrateOnStart: true };
  describe('shared behaviour', () => repositoryBehaviour(() => openDatabase(config), 150));
});

describeWithPostgres('BeliefsRepository on PostgreSQL', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => testDb?.drop());
  describe('shared behaviour', () => repositoryBehaviour(() => openDatabase({ kind: 'postgres', url: testDb.url, poolSize: 4, migrateOnStart: true }), 150));

  describe('a sensor deleted while beliefs of it are being stored', () => {
    let database: Database;
    let fixture: Fixture;
    const repository = new BeliefsRepository();
    const one = { eventStart: T0, beliefTime: T0, value: 1 };

    beforeAll(async () => {
      database = await openDatabase({ kind: 'postgres', url: testDb.url, poolSize: 4, migrateOnStart: true });
      fixture = await prepare(database, 'concurrency');
    });
    afterAll(async () => database?.close());

    it('waits for an insert in progress, then deletes what it stored too', async () => {
      const sensor = await fixture.newSensor(15);
      let deletion: Promise<unknown> | undefined;
      let deletionDone = false;
      await fixture.dataSource.transaction(async (manager) => {
        await repository.insert(manager, fixture.sources[0], columns(sensor, [one]));
        deletion = fixture.dataSource.query('DELETE FROM sensor WHERE id = $1', [sensor]).then(() => (deletionDone = true));
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(deletionDone).toBe(false);
      });
      await deletion;
      expect(await rowsOf(fixture.dataSource, sensor)).toEqual([]);
      expect(await orphans(fixture.dataSource)).toEqual({ beliefs: 0, pairs: 0 });
    });

    it('makes an insert that waited for the deletion fail, storing nothing', async () => {
      const sensor = await fixture.newSensor(15);
      let insertion: Promise<unknown> | undefined;
      await fixture.dataSource.transaction(async (manager) => {
        await manager.query('DELETE FROM sensor WHERE id = $1', [sensor]);
        insertion = repository.insert(fixture.dataSource.manager, fixture.sources[0], columns(sensor, [one])).catch((error: unknown) => error);
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      expect(await insertion).toMatchObject({ code: 'UNRECOGNIZED_SENSOR' });
      expect(await rowsOf(fixture.dataSource, sensor)).toEqual([]);
      expect(await orphans(fixture.dataSource)).toEqual({ beliefs: 0, pairs: 0 });
    });
  });
});

/**
 * Concurrent posts lose nothing and duplicate nothing. Twenty clients post at
 * once: the same 96 quarter-hours (same horizon, so the same beliefs) plus 96
 * of their own; afterwards the asset holds exactly the distinct beliefs, and
 * every client got a 200. On the embedded database transactions take turns;
 * on PostgreSQL (an api on a fresh database with a pool as large as the
 * crowd) they truly race.
 */
import { addStructure, AssetsService } from '@flexmeasures/assets';
import type { Database } from '@flexmeasures/persistence';
import { DATABASE } from '@flexmeasures/server-core';
import { createTestDatabase, describeWithPostgres, TestDatabase } from '@flexmeasures/testing';
import { AuthFixture } from '../../test/auth-fixture';

jest.setTimeout(180_000);

const P = 'ea1.2021-01.io.flexmeasures';
const CLIENTS = 20;
const DAY = 'P1D';
const QUARTERS = 96;

interface Response {
  readonly status: number;
  readonly body: { status?: string; message?: string };
}

/** Day `n` after 2021-03-01, as a start timestamp. */
function day(n: number): string {
  return new Date(Date.UTC(2021, 2, 1 + n)).toISOString().replace('.000Z', 'Z');
}

function quarterValues(seed: number): number[] {
  return Array.from({ length: QUARTERS }, (_, i) => ((seed * 31 + i * 7) % 23) - 11);
}

/**
 * How many values a 200 says it stored: all it received, the number it
 * names, or none when everything was known.
 */
function storedBy(response: Response, received: number): number {
  const message = response.body.message ?? '';
  if (response.body.status === 'ALREADY_RECEIVED_AND_SUCCESSFULLY_PROCESSED') return 0;
  const named = /(\d+)\s+(?:new\s+)?values?\s+(?:were\s+)?stored/i.exec(message);
  return named ? Number(named[1]) : received;
}

function expectAllProcessed(responses: readonly Response[]): void {
  const unexpected = responses.filter((r) => r.status !== 200 || !['PROCESSED', 'ALREADY_RECEIVED_AND_SUCCESSFULLY_PROCESSED'].includes(r.body.status ?? ''));
  expect(unexpected.map((r) => ({ status: r.status, body: r.body }))).toEqual([]);
}

function concurrencyBehaviour(start: () => Promise<AuthFixture>, label: string) {
  let fixture: AuthFixture;
  let database: Database;
  let ownerId: number;
  let ownerToken: string;
  let market: number;
  const assets: Record<string, number> = {};

  const newAsset = async (name: string, owner: number) =>
    (
      await fixture.app.get(AssetsService).create({
        name: `${label} ${name}`,
        asset_type: 'battery',
        unit: 'MW',
        owner,
        market,
        event_resolution: 15,
        capacity_in_mw: 10,
        latitude: 52,
        longitude: 5,
        min_soc_in_mwh: 0,
        max_soc_in_mwh: 5,
      })
    ).id;

  const count = async (sql: string, params: unknown[]): Promise<number> => Number((await database.dataSource.query(sql, params))[0].n);
  const rowsOf = (sensor: number) => count('SELECT count(*)::int AS n FROM timed_belief WHERE sensor_id = $1', [sensor]);

  const post = (service: string, token: string, body: object): Promise<Response> =>
    fixture
      .http()
      .post(`/api/v2_0/${service}`)
      .set('Authorization', token)
      .send(body)
      .then((r) => ({ status: r.status, body: r.body as Response['body'] }));

  beforeAll(async () => {
    fixture = await start();
    database = fixture.app.get<Database>(DATABASE);
    ownerId = await fixture.user('owner@example.com', ['Prosumer']);
    ownerToken = await fixture.token('owner@example.com');
    await addStructure(database.dataSource);
    [{ id: market }] = await database.dataSource.query(`SELECT id FROM market WHERE name = 'epex_da'`);
    for (const name of ['overlap', 'opposite', 'newcomer']) assets[name] = await newAsset(name, ownerId);
  });
  afterAll(async () => fixture?.stop());

  it(`${CLIENTS} clients post the same 96 quarter-hours and 96 of their own at once: nothing lost, nothing doubled`, async () => {
    const asset = assets.overlap;
    const shared = quarterValues(0);
    const connection = `${P}:${ownerId}:${asset}`;
    const responses = await Promise.all(
      Array.from({ length: CLIENTS }, (_, client) =>
        post('postMeterData', ownerToken, {
          type: 'PostMeterDataRequest',
          groups: [
            { connection, values: shared, start: day(0) },
            { connection, values: quarterValues(client + 1), start: day(client + 1) },
          ],
          duration: DAY,
          horizon: 'PT0H',
          unit: 'MW',
        }),
      ),
    );
    expectAllProcessed(responses);
    const expected = QUARTERS + CLIENTS * QUARTERS;
    expect(await rowsOf(asset)).toBe(expected);
    // Every stored belief was reported stored by exactly one client.
    expect(responses.reduce((sum, r) => sum + storedBy(r, 2 * QUARTERS), 0)).toBe(expected);
    // The shared day holds the posted values once, from one source, at one belief time.
    const sharedRows = await database.dataSource.query(
      `SELECT event_value AS v FROM timed_belief WHERE sensor_id = $1 AND event_start >= $2 AND event_start < $3 ORDER BY event_start`,
      [asset, day(0), day(1)],
    );
    expect(sharedRows.map((r: { v: number }) => Number(r.v))).toEqual(shared);
  });

  it(`${CLIENTS} clients post two shared weeks in opposite orders at once (no deadlock between their inserts)`, async () => {
    const asset = assets.opposite;
    const connection = `${P}:${ownerId}:${asset}`;
    const week = (seed: number) => Array.from({ length: 7 }, (_, d) => quarterValues(seed + d)).flat();
    // Long enough that the inserts overlap in time: each waits for rows the other inserted first.
    const first = { connection, values: week(100), start: day(40) };
    const second = { connection, values: week(200), start: day(47) };
    const responses = await Promise.all(
      Array.from({ length: CLIENTS }, (_, client) =>
        post('postMeterData', ownerToken, {
          type: 'PostMeterDataRequest',
          groups: client % 2 === 0 ? [first, second] : [second, first],
          duration: 'P7D',
          horizon: 'PT0H',
          unit: 'MW',
        }),
      ),
    );
    expectAllProcessed(responses);
    expect(await rowsOf(asset)).toBe(14 * QUARTERS);
    expect(responses.reduce((sum, r) => sum + storedBy(r, 14 * QUARTERS), 0)).toBe(14 * QUARTERS);
  });

  it('two users post the same prices to the shared market at once: one belief per event for each of them', async () => {
    const second = await fixture.user('trader@example.com', ['Supplier']);
    const secondToken = await fixture.token('trader@example.com');
    const before = await rowsOf(market);
    const prices = Array.from({ length: 24 }, (_, h) => 40 + h);
    const body = { type: 'PostPriceDataRequest', market: `${P}:epex_da`, values: prices, start: '2021-06-01T00:00:00Z', duration: DAY, horizon: 'PT12H', unit: 'EUR/MWh' };
    const responses = await Promise.all(Array.from({ length: CLIENTS }, (_, client) => post('postPriceData', client % 2 === 0 ? ownerToken : secondToken, body)));
    expectAllProcessed(responses);
    expect((await rowsOf(market)) - before).toBe(2 * prices.length);
    const perSource = await database.dataSource.query(
      `SELECT ds.user_id AS "user", count(*)::int AS n, array_agg(b.event_value ORDER BY b.event_start) AS v
         FROM timed_belief b JOIN data_source ds ON ds.id = b.source_id
        WHERE b.sensor_id = $1 AND b.event_start >= '2021-06-01T00:00:00Z' AND b.event_start < '2021-06-02T00:00:00Z'
        GROUP BY ds.user_id ORDER BY ds.user_id`,
      [market],
    );
    expect(perSource.map((r: { user: number; n: number; v: number[] }) => [Number(r.user), r.n, r.v.map(Number)])).toEqual([
      [ownerId, 24, prices],
      [second, 24, prices],
    ]);
    expect(responses.reduce((sum, r) => sum + storedBy(r, prices.length), 0)).toBe(2 * prices.length);
  });

  it(`a new user's ${CLIENTS} first posts, all at once, make exactly one data source for that user`, async () => {
    const newcomer = await fixture.user('newcomer@example.com', ['Prosumer']);
    const token = await fixture.token('newcomer@example.com');
    const asset = await newAsset('newcomer own', newcomer);
    const connection = `${P}:${newcomer}:${asset}`;
    expect(await count('SELECT count(*)::int AS n FROM data_source WHERE user_id = $1', [newcomer])).toBe(0);
    const responses = await Promise.all(
      Array.from({ length: CLIENTS }, (_, client) =>
        post('postMeterData', token, { type: 'PostMeterDataRequest', connection, values: quarterValues(client), start: day(60 + client), duration: DAY, horizon: 'PT0H', unit: 'MW' }),
      ),
    );
    expectAllProcessed(responses);
    expect(await count('SELECT count(*)::int AS n FROM data_source WHERE user_id = $1', [newcomer])).toBe(1);
    expect(await rowsOf(asset)).toBe(CLIENTS * QUARTERS);
    expect(await count('SELECT count(DISTINCT source_id)::int AS n FROM timed_belief WHERE sensor_id = $1', [asset])).toBe(1);
  });
}

describe('concurrent posts on the embedded database (transactions take turns)', () => {
  concurrencyBehaviour(() => new AuthFixture().start(), 'embedded');
});

describeWithPostgres('concurrent posts on PostgreSQL (transactions race)', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => testDb?.drop());
  concurrencyBehaviour(
    () =>
      new AuthFixture().start({
        DATABASE_URL: testDb.url,
        // Room for every client's transaction at once, plus the token checks.
        DATABASE_POOL_SIZE: String(CLIENTS + 5),
        SECRET_KEY: 'concurrent-posts-test-secret-key-0123456789',
      }),
    'postgres',
  );
});

import { addStructure, AssetsService } from '@flexmeasures/assets';
import type { Database } from '@flexmeasures/persistence';
import { DATABASE } from '@flexmeasures/server-core';
import type { DataSource } from 'typeorm';
import { AuthFixture } from '../../test/auth-fixture';

jest.setTimeout(120_000);

describe('GET /api/v2_0/asset/:id/state', () => {
  const fixture = new AuthFixture();
  let db: DataSource;
  let admin: string;
  let owner: string;
  let other: string;
  let ownerId: number;
  let market: number;
  let counter = 0;

  beforeAll(async () => {
    await fixture.start();
    db = fixture.app.get<Database>(DATABASE).dataSource;
    await addStructure(db);
    [{ id: market }] = await db.query(`SELECT id FROM market WHERE name = 'epex_da'`);
    await fixture.user('admin@example.com', ['admin']);
    ownerId = await fixture.user('owner@example.com', ['Prosumer']);
    await fixture.user('other@example.com', ['Prosumer']);
    [admin, owner, other] = await Promise.all(['admin', 'owner', 'other'].map((name) => fixture.token(`${name}@example.com`)));
  });
  afterAll(() => fixture.stop());

  const newAsset = async (unit = 'MW') =>
    (await fixture.app.get(AssetsService).create({
      name: `state asset ${++counter}`, asset_type: 'solar', unit, owner: ownerId, market, event_resolution: 15, capacity_in_mw: 1, latitude: 52, longitude: 5,
    })).id;

  async function source(name: string, type: string): Promise<number> {
    const [{ id }] = await db.query('INSERT INTO data_source (name, type) VALUES ($1, $2) RETURNING id', [name, type]);
    return Number(id);
  }

  async function belief(sensor: number, eventStart: string, beliefTime: string, sourceId: number, value: number, cp = 0.5): Promise<void> {
    await db.query('INSERT INTO timed_belief (sensor_id, event_start, belief_time, source_id, cumulative_probability, event_value) VALUES ($1, $2, $3, $4, $5, $6)', [
      sensor, eventStart, beliefTime, sourceId, cp, value,
    ]);
  }

  const state = (id: number | string, token: string) => fixture.http().get(`/api/v2_0/asset/${id}/state`).set('Authorization', token);

  it('says latest: null for an asset without data', async () => {
    const id = await newAsset('kW');
    const response = await state(id, owner).expect(200);
    expect(response.body).toEqual({ asset_id: id, unit: 'kW', latest: null });
  });

  it('gives the latest event with its most recent median belief, whichever source holds it', async () => {
    const id = await newAsset();
    const meter = await source(`meter ${id}`, 'user');
    const forecaster = await source(`forecaster ${id}`, 'forecasting script');
    await belief(id, '2021-01-01T10:00:00Z', '2021-01-01T10:15:00Z', meter, 7); // an older event
    await belief(id, '2021-01-01T10:15:00Z', '2021-01-01T09:00:00Z', forecaster, 3); // the latest event: a forecast …
    await belief(id, '2021-01-01T10:15:00Z', '2021-01-01T10:30:00Z', meter, 4.5); // … then the measurement …
    await belief(id, '2021-01-01T10:15:00Z', '2021-01-01T10:20:00Z', forecaster, 2); // … an earlier belief, another source
    await belief(id, '2021-01-01T10:15:00Z', '2021-01-01T11:00:00Z', forecaster, 99, 0.9); // not a median
    await belief(id, '2021-01-01T10:30:00Z', '2021-01-01T10:00:00Z', forecaster, 98, 0.1); // a later event, without a median

    const response = await state(id, owner).expect(200);
    expect(response.body).toEqual({
      asset_id: id,
      unit: 'MW',
      latest: {
        value: 4.5,
        event_start: '2021-01-01T10:15:00.000Z',
        event_end: '2021-01-01T10:30:00.000Z',
        belief_time: '2021-01-01T10:30:00.000Z',
        source: { id: meter, name: `meter ${id}`, type: 'user' },
      },
    });
  });

  it('is the state by now: a schedule for later does not count', async () => {
    const id = await newAsset();
    const meter = await source(`meter ${id}`, 'user');
    const scheduler = await source(`scheduler ${id}`, 'scheduling script');
    await belief(id, '2021-06-01T00:00:00Z', '2021-06-01T00:15:00Z', meter, 1);
    await belief(id, '2199-01-01T00:00:00Z', '2021-06-01T00:15:00Z', scheduler, 2);
    expect((await state(id, owner).expect(200)).body.latest).toMatchObject({ value: 1, event_start: '2021-06-01T00:00:00.000Z' });
  });

  it('is for the owner and admins, refused to another prosumer exactly as the asset itself', async () => {
    const id = await newAsset();
    await state(id, admin).expect(200);
    const refused = await state(id, other).expect(403);
    const asset = await fixture.http().get(`/api/v2_0/asset/${id}`).set('Authorization', other).expect(403);
    expect(refused.body).toEqual(asset.body);
    await state(id, '').expect(401);
  });

  it('works with the dashboard session (a read needs no extra header)', async () => {
    const id = await newAsset();
    const cookie = await fixture.session('owner@example.com');
    await fixture.http().get(`/api/v2_0/asset/${id}/state`).set('Cookie', cookie).expect(200);
  });

  it('answers an unknown or malformed id', async () => {
    const missing = await state(99999, admin).expect(404);
    expect(missing.body).toEqual({ status: 'NOT_FOUND', message: 'No asset with id 99999.' });
    await state('abc', admin).expect(400);
  });
});

import { addStructure } from '@flexmeasures/assets';
import type { Database } from '@flexmeasures/persistence';
import { DATABASE } from '@flexmeasures/server-core';
import { seedAssetPost } from '@flexmeasures/testing';
import { AuthFixture } from '../../test/auth-fixture';

jest.setTimeout(120_000);

/** The seed's POST /api/v2_0/assets example (§16), with our owner and market ids. */
const seedPost = seedAssetPost;

const ASSET_KEYS = [
  'asset_type', 'capacity_in_mw', 'charging_efficiency', 'discharging_efficiency', 'display_name', 'event_resolution', 'id', 'latitude', 'longitude', 'market',
  'max_soc_in_mwh', 'min_soc_in_mwh', 'name', 'owner', 'soc_datetime', 'soc_in_mwh', 'soc_udi_event_id', 'unit',
].sort();

describe('assets API v2_0', () => {
  const fixture = new AuthFixture();
  let admin: string;
  let owner: string;
  let ownerId: number;
  let otherId: number;
  let market: number;
  let db: Database;

  beforeAll(async () => {
    await fixture.start({ FLEXMEASURES_HOSTS_AND_AUTH_START: '{"flexmeasures.io": "2021-01"}' });
    db = fixture.app.get<Database>(DATABASE);
    await addStructure(db.dataSource);
    [{ id: market }] = await db.dataSource.query(`SELECT id FROM market WHERE name = 'epex_da'`);
    await fixture.user('admin@example.com', ['admin']);
    ownerId = await fixture.user('owner@example.com', ['Prosumer']);
    otherId = await fixture.user('other@example.com', ['Prosumer']);
    admin = await fixture.token('admin@example.com');
    owner = await fixture.token('owner@example.com');
  });
  afterAll(() => fixture.stop());

  const post = (body: object) => fixture.http().post('/api/v2_0/assets').set('Authorization', admin).send(body);

  it('creates the seed example: 201 with every field', async () => {
    const response = await post(seedPost(ownerId, market)).expect(201);
    expect(Object.keys(response.body).sort()).toEqual(ASSET_KEYS);
    expect(response.body).toMatchObject({ ...seedPost(ownerId, market), display_name: 'Test battery', soc_in_mwh: null, soc_datetime: null });
    expect(response.body).toMatchObject({ charging_efficiency: 1, discharging_efficiency: 1 });
  });

  it('gets an asset in the documented shape, and patches it as the seed shows (id ignored)', async () => {
    const [{ id }] = await db.dataSource.query(`SELECT id FROM asset WHERE name = 'Test battery'`);
    await fixture
      .http()
      .patch(`/api/v2_0/asset/${id}`)
      .set('Authorization', owner)
      .send({ soc_in_mwh: 2.5, soc_datetime: '2015-01-01T00:00:00+00:00', soc_udi_event_id: 203 })
      .expect(200);
    const got = await fixture.http().get(`/api/v2_0/asset/${id}`).set('Authorization', owner).expect(200);
    expect(Object.keys(got.body).sort()).toEqual(ASSET_KEYS);
    expect(got.body).toMatchObject({ id, event_resolution: 5, soc_datetime: '2015-01-01T00:00:00.000Z', soc_in_mwh: 2.5, soc_udi_event_id: 203 });
    const patched = await fixture.http().patch(`/api/v2_0/asset/${id}`).set('Authorization', owner).send({ id: 999, latitude: 11.1, longitude: 99.9 }).expect(200);
    expect(patched.body).toMatchObject({ id, latitude: 11.1, longitude: 99.9, name: 'Test battery' });
    const lossy = await fixture.http().patch(`/api/v2_0/asset/${id}`).set('Authorization', owner).send({ charging_efficiency: 0.95, discharging_efficiency: 0.9 }).expect(200);
    expect(lossy.body).toMatchObject({ charging_efficiency: 0.95, discharging_efficiency: 0.9 });
  });

  it("lists the owner's assets, and all or one owner's for admins", async () => {
    await post({ ...seedPost(otherId, market), name: 'Other battery' }).expect(201);
    const mine = await fixture.http().get('/api/v2_0/assets').set('Authorization', owner).expect(200);
    expect(mine.body.map((a: { name: string }) => a.name)).toEqual(['Test battery']);
    expect(Object.keys(mine.body[0]).sort()).toEqual(ASSET_KEYS);
    const all = await fixture.http().get('/api/v2_0/assets').set('Authorization', admin).expect(200);
    expect(all.body.map((a: { name: string }) => a.name)).toEqual(['Test battery', 'Other battery']);
    const others = await fixture.http().get(`/api/v2_0/assets?owner_id=${otherId}`).set('Authorization', admin).expect(200);
    expect(others.body.map((a: { name: string }) => a.name)).toEqual(['Other battery']);
    await fixture.http().get(`/api/v2_0/assets?owner_id=${otherId}`).set('Authorization', owner).expect(403);
    await fixture.http().get('/api/v2_0/assets?owner_id=me').set('Authorization', admin).expect(400);
  });

  it.each([
    [{ latitude: 'north' }, 'latitude'],
    [{ longitude: 200 }, 'longitude'],
    [{ capacity_in_mw: -2 }, 'capacity_in_mw'],
    [{ event_resolution: 7 }, 'event_resolution'],
    [{ min_soc_in_mwh: 6 }, 'min_soc_in_mwh'],
    [{ asset_type: 'nuclear' }, 'asset_type'],
    [{ market: 9999 }, 'market'],
    [{ owner: 9999 }, 'owner'],
    [{ unit: 'MWh' }, 'unit'],
    [{ name: 'Test battery' }, 'name'],
    [{ flavour: 'lemon' }, 'flavour'],
    [{ charging_efficiency: 0 }, 'charging_efficiency'],
    [{ discharging_efficiency: 1.2 }, 'discharging_efficiency'],
  ])('refuses %p with 422 naming %s', async (change, field) => {
    const response = await post({ ...seedPost(ownerId, market), name: 'Another', ...change }).expect(422);
    expect(response.body.status).toBe('UNPROCESSABLE_ENTITY');
    expect(Object.keys(response.body.errors)).toEqual([field]);
  });

  it('names every missing required field', async () => {
    const response = await post({}).expect(422);
    expect(Object.keys(response.body.errors).sort()).toEqual(
      ['asset_type', 'capacity_in_mw', 'event_resolution', 'latitude', 'longitude', 'market', 'name', 'owner', 'unit'],
    );
    await fixture.http().post('/api/v2_0/assets').set('Authorization', admin).send([1, 2]).expect(400);
  });

  it('deletes an asset with all its beliefs in one go: 204, then 404', async () => {
    const { body } = await post({ ...seedPost(ownerId, market), name: 'Doomed' }).expect(201);
    const [{ id: source }] = await db.dataSource.query(`INSERT INTO data_source (name, type) VALUES ('meter', 'user') RETURNING id`);
    await db.dataSource.query(
      `INSERT INTO timed_belief (sensor_id, event_start, belief_time, source_id, event_value)
       SELECT $1, t, t, $2, 1.0 FROM generate_series('2026-01-01'::timestamptz, '2026-01-02'::timestamptz, interval '5 minutes') t`,
      [body.id, source],
    );
    await fixture.http().delete(`/api/v2_0/asset/${body.id}`).set('Authorization', owner).expect(204);
    const [{ count }] = await db.dataSource.query('SELECT count(*)::int AS count FROM timed_belief WHERE sensor_id = $1', [body.id]);
    expect(count).toBe(0);
    const [{ sensors }] = await db.dataSource.query('SELECT count(*)::int AS sensors FROM sensor WHERE id = $1', [body.id]);
    expect(sensors).toBe(0);
    await fixture.http().get(`/api/v2_0/asset/${body.id}`).set('Authorization', admin).expect(404);
  });

  describe('getConnection', () => {
    it("lists the caller's connections newest first, as entity addresses with names", async () => {
      const response = await fixture.http().get('/api/v1_3/getConnection').set('Authorization', owner).set('Host', 'flexmeasures.io').expect(200);
      const [{ id }] = await db.dataSource.query(`SELECT id FROM asset WHERE name = 'Test battery'`);
      expect(response.body).toEqual({
        type: 'GetConnectionResponse',
        connections: [`ea1.2021-01.io.flexmeasures:${ownerId}:${id}`],
        names: ['Test battery'],
      });
    });

    it('gives admins every connection, newest first, in every version', async () => {
      for (const version of ['v1_1', 'v1_2', 'v1_3', 'v2_0']) {
        const response = await fixture.http().get(`/api/${version}/getConnection`).set('Authorization', admin).expect(200);
        expect(response.body.names).toEqual(['Other battery', 'Test battery']);
      }
    });

    it('refuses another message type', async () => {
      const response = await fixture.http().get('/api/v2_0/getConnection?type=GetMeterDataRequest').set('Authorization', admin).expect(400);
      expect(response.body.status).toBe('INVALID_MESSAGE_TYPE');
    });
  });
});

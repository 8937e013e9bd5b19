import { addStructure, AssetsService } from '@flexmeasures/assets';
import type { Database } from '@flexmeasures/persistence';
import { DATABASE } from '@flexmeasures/server-core';
import type { DataSource } from 'typeorm';
import { AuthFixture, PASSWORD } from '../../test/auth-fixture';

jest.setTimeout(120_000);

const PREFIX = 'ea1.2021-01.io.flexmeasures';
const count = async (db: DataSource, sql: string, params: unknown[]) => Number((await db.query(`SELECT count(*)::int AS n ${sql}`, params))[0].n);

describe('users API: own account, deactivation and deletion', () => {
  const fixture = new AuthFixture();
  let db: DataSource;
  let market: number;
  let adminId: number;
  let adminToken: string;
  let prosumerId: number;
  let prosumerToken: string;

  beforeAll(async () => {
    await fixture.start({ SECURITY_LOGIN_ATTEMPTS_PER_ADDRESS: '200' });
    db = fixture.app.get<Database>(DATABASE).dataSource;
    await addStructure(db);
    [{ id: market }] = await db.query(`SELECT id FROM market WHERE name = 'epex_da'`);
    adminId = await fixture.user('admin@example.com', ['admin']);
    prosumerId = await fixture.user('prosumer@example.com', ['Prosumer']);
    adminToken = await fixture.token('admin@example.com');
    prosumerToken = await fixture.token('prosumer@example.com');
  });
  afterAll(() => fixture.stop());

  const patch = (id: number, token: string, body: object) => fixture.http().patch(`/api/v2_0/user/${id}`).set('Authorization', token).send(body);

  describe('own account', () => {
    it('a user changes their own timezone, with a token or with the dashboard session', async () => {
      expect((await patch(prosumerId, prosumerToken, { timezone: 'Europe/Amsterdam' }).expect(200)).body.timezone).toBe('Europe/Amsterdam');
      const cookie = await fixture.session('prosumer@example.com');
      const bySession = await fixture
        .http()
        .patch(`/api/v2_0/user/${prosumerId}`)
        .set('Cookie', cookie)
        .set('X-Requested-With', 'flexmeasures-dashboard')
        .send({ timezone: 'America/New_York' })
        .expect(200);
      expect(bySession.body.timezone).toBe('America/New_York');
    });

    it.each([
      [{ roles: ['admin'] }, /roles/],
      [{ roles: [] }, /roles/],
      [{ active: false }, /active/],
      [{ email: 'someone.else@example.com' }, /email/],
      [{ timezone: 'Asia/Tokyo', roles: ['Prosumer', 'admin'] }, /roles/],
    ])('refuses a user changing their own security fields: %p', async (body, field) => {
      const response = await patch(prosumerId, prosumerToken, body).expect(403);
      expect(response.body).toEqual({ status: 'INVALID_SENDER', message: expect.stringMatching(field) });
      const after = await fixture.http().get(`/api/v2_0/user/${prosumerId}`).set('Authorization', prosumerToken).expect(200);
      expect(after.body).toMatchObject({ roles: ['Prosumer'], active: true, email: 'prosumer@example.com' });
      expect(after.body.timezone).not.toBe('Asia/Tokyo'); // nothing of a refused change is applied
    });

    it("refuses a user changing someone else's timezone", async () => {
      await patch(adminId, prosumerToken, { timezone: 'Asia/Tokyo' }).expect(403);
    });
  });

  describe('deactivation by an admin', () => {
    it("ends the user's tokens and sessions, refuses their login, and reactivation lets them log in again", async () => {
      const email = 'seasonal@example.com';
      const id = await fixture.user(email, ['Prosumer']);
      const token = await fixture.token(email);
      const cookie = await fixture.session(email);
      await patch(id, adminToken, { active: false }).expect(200);
      await fixture.http().get('/api/whoami').set('Authorization', token).expect(401);
      await fixture.http().get('/api/whoami').set('Cookie', cookie).expect(401);
      await fixture.http().post('/api/session').send({ email, password: PASSWORD }).expect(403);
      await fixture.http().post('/api/requestAuthToken').send({ email, password: PASSWORD }).expect(403);

      expect((await patch(id, adminToken, { active: true }).expect(200)).body.active).toBe(true);
      await fixture.http().get('/api/whoami').set('Cookie', cookie).expect(401); // what deactivation ended stays ended
      await fixture.http().get('/api/whoami').set('Cookie', await fixture.session(email)).expect(200);
    });
  });

  describe('deletion', () => {
    /** A prosumer with an asset, meter data on it, a scheduler's belief about it, and prices they posted. */
    async function userWithData(email: string): Promise<{ id: number; token: string; asset: number }> {
      const id = await fixture.user(email, ['Prosumer']);
      const token = await fixture.token(email);
      const asset = await fixture.app.get(AssetsService).create({
        name: `${email} battery`, asset_type: 'battery', unit: 'MW', owner: id, market, event_resolution: 15,
        capacity_in_mw: 1, latitude: 52, longitude: 5, min_soc_in_mwh: 0, max_soc_in_mwh: 2,
      });
      await fixture
        .http()
        .post('/api/v2_0/postMeterData')
        .set('Authorization', token)
        .send({ type: 'PostMeterDataRequest', connection: `${PREFIX}:${id}:${asset.id}`, values: [-1, -2], start: '2021-01-01T00:00:00Z', duration: 'PT30M', horizon: 'PT0H', unit: 'MW' })
        .expect(200);
      await fixture
        .http()
        .post('/api/v2_0/postPriceData')
        .set('Authorization', token)
        .send({ type: 'PostPriceDataRequest', market: `${PREFIX}:epex_da`, values: [40, 60], start: '2021-01-01T00:00:00Z', duration: 'PT2H', unit: 'EUR/MWh' })
        .expect(200);
      await db.query(`INSERT INTO data_source (name, type, model, version) VALUES ('Seita', 'scheduling script', 'test', '1') ON CONFLICT DO NOTHING`);
      const [{ id: scheduler }] = await db.query(`SELECT id FROM data_source WHERE type = 'scheduling script' AND model = 'test'`);
      await db.query(`INSERT INTO timed_belief (sensor_id, event_start, belief_time, source_id, event_value) VALUES ($1, '2021-01-02T00:00:00Z', '2021-01-01T00:00:00Z', $2, 0.5)`, [
        asset.id,
        scheduler,
      ]);
      return { id, token, asset: asset.id };
    }

    it('lets an admin delete a user with their assets and the data they posted, and nothing else', async () => {
      const doomed = await userWithData('doomed@example.com');
      const kept = await userWithData('kept@example.com');
      await fixture.http().delete(`/api/v2_0/user/${doomed.id}`).set('Authorization', adminToken).expect(204);

      await fixture.http().get(`/api/v2_0/user/${doomed.id}`).set('Authorization', adminToken).expect(404);
      await fixture.http().get('/api/whoami').set('Authorization', doomed.token).expect(401);
      expect(await count(db, 'FROM asset WHERE id = $1', [doomed.asset])).toBe(0);
      expect(await count(db, 'FROM sensor WHERE id = $1', [doomed.asset])).toBe(0);
      expect(await count(db, 'FROM timed_belief WHERE sensor_id = $1', [doomed.asset])).toBe(0);
      expect(await count(db, 'FROM data_source WHERE user_id = $1', [doomed.id])).toBe(0);

      expect(await count(db, 'FROM timed_belief WHERE sensor_id = $1', [kept.asset])).toBe(3);
      expect(await count(db, 'FROM timed_belief b JOIN data_source s ON s.id = b.source_id WHERE s.user_id = $1 AND b.sensor_id = $2', [kept.id, market])).toBe(2);
      await fixture.http().get('/api/whoami').set('Authorization', kept.token).expect(200);
    });

    it('is for admins only', async () => {
      const id = await fixture.user('survivor@example.com', ['Prosumer']);
      const refused = await fixture.http().delete(`/api/v2_0/user/${id}`).set('Authorization', prosumerToken).expect(403);
      expect(refused.body.status).toBe('INVALID_SENDER');
      await fixture.http().delete(`/api/v2_0/user/${prosumerId}`).set('Authorization', prosumerToken).expect(403); // not even oneself
      await fixture.http().delete(`/api/v2_0/user/${id}`).expect(401);
      await fixture.http().get(`/api/v2_0/user/${id}`).set('Authorization', adminToken).expect(200);
    });

    it('refuses an admin deleting their own account', async () => {
      const response = await fixture.http().delete(`/api/v2_0/user/${adminId}`).set('Authorization', adminToken).expect(409);
      expect(response.body).toEqual({ status: 'CANNOT_DELETE_SELF', message: 'You cannot delete your own account; another administrator can.' });
      await fixture.http().get('/api/whoami').set('Authorization', adminToken).expect(200);
    });

    it('answers an unknown or malformed id', async () => {
      const missing = await fixture.http().delete('/api/v2_0/user/99999').set('Authorization', adminToken).expect(404);
      expect(missing.body).toEqual({ status: 'NOT_FOUND', message: 'No user with id 99999.' });
      await fixture.http().delete('/api/v2_0/user/abc').set('Authorization', adminToken).expect(400);
    });

    it('needs the dashboard header when made with the session cookie', async () => {
      const id = await fixture.user('by-session@example.com');
      const cookie = await fixture.session('admin@example.com');
      await fixture.http().delete(`/api/v2_0/user/${id}`).set('Cookie', cookie).expect(403);
      await fixture.http().delete(`/api/v2_0/user/${id}`).set('Cookie', cookie).set('X-Requested-With', 'flexmeasures-dashboard').expect(204);
    });
  });
});

import { AuthFixture } from '../../test/auth-fixture';

jest.setTimeout(120_000);

const KEYS = ['database', 'demoCredentials', 'environment', 'mapboxAccessToken', 'mode', 'platformName', 'queue', 'timezone', 'version'];
const DEMO_LOGIN = '["demo@example.com", "flexdemo"]';

describe('GET /api/platform for the dashboard', () => {
  describe('in demo mode, with a map token', () => {
    const fixture = new AuthFixture();
    beforeAll(() =>
      fixture.start({
        FLEXMEASURES_MODE: 'demo',
        FLEXMEASURES_PUBLIC_DEMO_CREDENTIALS: DEMO_LOGIN,
        MAPBOX_ACCESS_TOKEN: 'pk.public-map-token',
        SECRET_KEY: 'a-secret-that-must-never-leave-the-server',
        MAIL_PASSWORD: 'smtp-secret',
      }),
    );
    afterAll(() => fixture.stop());

    it('gives the map token and the public demo login, and no secret', async () => {
      const response = await fixture.http().get('/api/platform').expect(200);
      expect(Object.keys(response.body).sort()).toEqual(KEYS);
      expect(response.body).toMatchObject({ mode: 'demo', mapboxAccessToken: 'pk.public-map-token', demoCredentials: { email: 'demo@example.com', password: 'flexdemo' } });
      expect(response.text).not.toMatch(/a-secret-that-must-never-leave-the-server|smtp-secret|ops-token/);
    });
  });

  describe('outside demo mode, without a map token', () => {
    const fixture = new AuthFixture();
    beforeAll(() => fixture.start({ FLEXMEASURES_PUBLIC_DEMO_CREDENTIALS: DEMO_LOGIN }));
    afterAll(() => fixture.stop());

    it('gives null for both: demo credentials are shown in demo mode only', async () => {
      const response = await fixture.http().get('/api/platform').expect(200);
      expect(Object.keys(response.body).sort()).toEqual(KEYS);
      expect(response.body).toMatchObject({ mode: '', mapboxAccessToken: null, demoCredentials: null });
    });
  });
});

import { ACCESS_TABLE, rolesAdmitted } from '@flexmeasures/contracts';
import { AuthFixture } from '../../test/auth-fixture';

jest.setTimeout(120_000);

describe('getService', () => {
  const fixture = new AuthFixture();
  beforeAll(() => fixture.start());
  afterAll(() => fixture.stop());

  it('lists what v2_0 offers, without a token, with the roles the guard enforces', async () => {
    const response = await fixture.http().get('/api/v2_0/getService').expect(200);
    expect(response.body.type).toBe('GetServiceResponse');
    expect(response.body.version).toBe('2.0');
    const byName = Object.fromEntries(response.body.services.map((s: { name: string; access: string[] }) => [s.name, s.access]));
    expect(byName.postAsset).toEqual(['admin']);
    expect(byName.getUsers).toEqual(rolesAdmitted(ACCESS_TABLE['users.list']));
    expect(byName.getService).toEqual(['anonymous']);
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(['getConnection', 'getAssets', 'getAsset', 'patchAsset', 'deleteAsset', 'getUser', 'patchUser', 'resetUserPassword']));
  });

  it('lists older versions without the v2_0 services', async () => {
    const v1 = await fixture.http().get('/api/v1/getService').expect(200);
    expect(v1.body.version).toBe('1.0');
    expect(v1.body.services.map((s: { name: string }) => s.name)).toEqual(['getService', 'getMeterData', 'postMeterData']);
    const v1_3 = await fixture.http().get('/api/v1_3/getService').expect(200);
    expect(v1_3.body.version).toBe('1.3');
    expect(v1_3.body.services.map((s: { name: string }) => s.name)).toEqual([
      'getService', 'getMeterData', 'postMeterData', 'getPrognosis', 'postPrognosis', 'postPriceData', 'postWeatherData', 'getDeviceMessage', 'postUdiEvent', 'getConnection',
    ]);
    const v1_1 = await fixture.http().get('/api/v1_1/getService').expect(200);
    expect(v1_1.body.services.map((s: { name: string }) => s.name)).not.toContain('postUdiEvent');
  });

  it('filters by role with access', async () => {
    const response = await fixture.http().get('/api/v2_0/getService?access=admin').expect(200);
    expect(response.body.services.every((s: { access: string[] }) => s.access.includes('admin'))).toBe(true);
    expect(response.body.services.map((s: { name: string }) => s.name)).toContain('resetUserPassword');
    const mdc = await fixture.http().get('/api/v2_0/getService?access=MDC').expect(200);
    expect(mdc.body.services.map((s: { name: string }) => s.name)).not.toContain('resetUserPassword');
    expect(mdc.body.services.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['postMeterData', 'getMeterData', 'postPrognosis']));
    const anonymous = await fixture.http().get('/api/v2_0/getService?access=anonymous').expect(200);
    expect(anonymous.body.services.map((s: { name: string }) => s.name)).not.toContain('postMeterData');
    await fixture.http().get('/api/v2_0/getService?access=%20bad').expect(400);
  });
});

import jwt from 'jsonwebtoken';
import { AuthFixture, PASSWORD } from '../../test/auth-fixture';

jest.setTimeout(120_000);

const DASHBOARD = ['X-Requested-With', 'flexmeasures-dashboard'] as const;

function sessionCookieLine(headers: Record<string, unknown>): string | undefined {
  return [(headers['set-cookie'] as string[] | undefined) ?? []].flat().find((line) => line.startsWith('fm_session='));
}

function attributes(line: string): Record<string, string | true> {
  const [, ...parts] = line.split(';').map((part) => part.trim());
  return Object.fromEntries(parts.map((part) => {
    const [name, value] = part.split('=');
    return [name.toLowerCase(), value ?? true];
  }));
}

describe('dashboard sessions', () => {
  const fixture = new AuthFixture();
  let adminToken: string;
  let prosumerId: number;

  beforeAll(async () => {
    // Every test logs in from the same address: only the per-email limit is under test here.
    await fixture.start({ SECURITY_LOGIN_ATTEMPTS_PER_ADDRESS: '200' });
    await fixture.user('admin@example.com', ['admin']);
    prosumerId = await fixture.user('prosumer@example.com', ['Prosumer']);
    adminToken = await fixture.token('admin@example.com');
  });
  afterAll(() => fixture.stop());

  it('logs in: an HttpOnly, SameSite=Strict cookie for the whole site, and the user as whoami shows it', async () => {
    const response = await fixture.http().post('/api/session').send({ email: 'Prosumer@example.com', password: PASSWORD }).expect(200);
    const line = sessionCookieLine(response.headers)!;
    expect(line).toBeDefined();
    expect(attributes(line)).toMatchObject({ httponly: true, samesite: 'Strict', path: '/', 'max-age': String(12 * 3600) });
    expect(attributes(line).secure).toBeUndefined(); // plain http, no forcing setting
    expect(Object.keys(response.body)).toEqual(['user']);
    expect(response.body.user).toMatchObject({ id: prosumerId, email: 'prosumer@example.com', roles: ['Prosumer'], active: true });
    expect(response.body.user.login_count).toBeGreaterThanOrEqual(1);

    const me = await fixture.http().get('/api/whoami').set('Cookie', line.split(';')[0]).expect(200);
    expect(me.body).toEqual(response.body.user);
  });

  it('answers a wrong password like the token endpoint, and sets no cookie', async () => {
    const session = await fixture.http().post('/api/session').send({ email: 'prosumer@example.com', password: 'Wrong-Horse-41' }).expect(401);
    const token = await fixture.http().post('/api/requestAuthToken').send({ email: 'prosumer@example.com', password: 'Wrong-Horse-41' }).expect(401);
    expect(session.body).toEqual(token.body);
    expect(session.body).toEqual({ status: 'UNAUTHORIZED', message: 'Unknown email or wrong password.' });
    expect(sessionCookieLine(session.headers)).toBeUndefined();
  });

  it('cannot be started by a cross-site form (no JSON body, no session)', async () => {
    const response = await fixture.http().post('/api/session').set('Content-Type', 'text/plain').send(`{"email":"prosumer@example.com","password":"${PASSWORD}"}`);
    expect(response.status).toBe(422);
    expect(sessionCookieLine(response.headers)).toBeUndefined();
  });

  describe('changes made with the cookie', () => {
    it('need the X-Requested-With header of the dashboard', async () => {
      const cookie = await fixture.session('prosumer@example.com');
      const patch = () => fixture.http().patch(`/api/v2_0/user/${prosumerId}`).set('Cookie', cookie).send({ timezone: 'Europe/Amsterdam' });

      const bare = await patch().expect(403);
      expect(bare.body).toEqual({ status: 'CSRF_CHECK_FAILED', message: expect.stringMatching(/X-Requested-With: flexmeasures-dashboard/) });
      await patch().set('X-Requested-With', 'XMLHttpRequest').expect(403);
      expect((await fixture.http().get(`/api/v2_0/user/${prosumerId}`).set('Cookie', cookie).expect(200)).body.timezone).not.toBe('Europe/Amsterdam');

      const sent = await patch().set(...DASHBOARD).expect(200);
      expect(sent.body.timezone).toBe('Europe/Amsterdam');
    });

    it('but a request with a header token needs no such header, also when it carries a cookie too (the header wins)', async () => {
      const token = await fixture.token('prosumer@example.com');
      await fixture.http().patch(`/api/v2_0/user/${prosumerId}`).set('Authorization', token).send({ timezone: 'Asia/Seoul' }).expect(200);
      const adminCookie = await fixture.session('admin@example.com');
      const both = await fixture.http().get('/api/whoami').set('Authorization', token).set('Cookie', adminCookie).expect(200);
      expect(both.body.id).toBe(prosumerId);
      await fixture.http().patch(`/api/v2_0/user/${prosumerId}`).set('Authorization', token).set('Cookie', adminCookie).send({ timezone: 'UTC' }).expect(200);
    });
  });

  it('hands the logged-in user a fresh API token without the password', async () => {
    const cookie = await fixture.session('prosumer@example.com');
    await fixture.http().post('/api/session/token').set('Cookie', cookie).expect(403); // a change: needs the dashboard header
    const response = await fixture.http().post('/api/session/token').set('Cookie', cookie).set(...DASHBOARD).expect(200);
    expect(response.body).toEqual({ auth_token: expect.any(String), user_id: prosumerId });
    expect((await fixture.http().get('/api/whoami').set('Authorization', response.body.auth_token).expect(200)).body.id).toBe(prosumerId);
    const byToken = await fixture.http().post('/api/session/token').set('Authorization', adminToken).expect(200);
    expect(byToken.body.user_id).not.toBe(prosumerId);
    await fixture.http().post('/api/session/token').expect(401);
  });

  it('keeps sessions and API tokens apart: neither works in the other place', async () => {
    const cookie = await fixture.session('prosumer@example.com');
    const sessionToken = cookie.slice('fm_session='.length);
    const asHeader = await fixture.http().get('/api/whoami').set('Authorization', sessionToken).expect(401);
    expect(asHeader.body).toEqual({ status: 'UNAUTHORIZED', message: expect.stringMatching(/dashboard session, not an API token/) });
    const apiToken = await fixture.token('prosumer@example.com');
    const asCookie = await fixture.http().get('/api/whoami').set('Cookie', `fm_session=${apiToken}`).expect(401);
    expect(asCookie.body).toEqual({ status: 'UNAUTHORIZED', message: 'The session cookie holds no valid session; log in again.' });
    await fixture.http().get('/api/whoami').set('Cookie', 'fm_session=garbage').expect(401);
  });

  it('expires after FLEXMEASURES_SESSION_MAX_AGE', async () => {
    const expired = jwt.sign({ st: 'x' }, fixture.config.security.secretKey, { subject: String(prosumerId), audience: 'flexmeasures-session', expiresIn: -10 });
    const response = await fixture.http().get('/api/whoami').set('Cookie', `fm_session=${expired}`).expect(401);
    expect(response.body.message).toBe('Your session has expired; log in again.');
  });

  it('logs out: 204 and the cookie cleared, with or without a session', async () => {
    const cookie = await fixture.session('prosumer@example.com');
    for (const request of [fixture.http().delete('/api/session').set('Cookie', cookie), fixture.http().delete('/api/session')]) {
      const response = await request.expect(204);
      const line = sessionCookieLine(response.headers)!;
      expect(line.split(';')[0]).toBe('fm_session=');
      expect(attributes(line)).toMatchObject({ 'max-age': '0', httponly: true, samesite: 'Strict', path: '/' });
    }
  });

  it('ends the sessions of a deactivated user and refuses them a new one', async () => {
    const email = 'leaver@example.com';
    const id = await fixture.user(email, ['Prosumer']);
    const cookie = await fixture.session(email);
    await fixture.http().get('/api/whoami').set('Cookie', cookie).expect(200);
    await fixture.http().patch(`/api/v2_0/user/${id}`).set('Authorization', adminToken).send({ active: false }).expect(200);
    const ended = await fixture.http().get('/api/whoami').set('Cookie', cookie).expect(401);
    expect(ended.body.message).toMatch(/session has ended/);
    const refused = await fixture.http().post('/api/session').send({ email, password: PASSWORD }).expect(403);
    expect(refused.body).toEqual({ status: 'INVALID_SENDER', message: 'This account is deactivated; ask an administrator to activate it.' });
    expect(sessionCookieLine(refused.headers)).toBeUndefined();
  });

  it('ends sessions when an admin resets the password', async () => {
    const email = 'reset@example.com';
    const id = await fixture.user(email, ['Prosumer']);
    const cookie = await fixture.session(email);
    await fixture.http().patch(`/api/v2_0/user/${id}/password-reset`).set('Authorization', adminToken).expect(200);
    await fixture.http().get('/api/whoami').set('Cookie', cookie).expect(401);
  });

  it('shares the brute-force limit with the token endpoint: 429 with Retry-After', async () => {
    const email = 'target@example.com';
    await fixture.user(email);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const path = attempt % 2 === 0 ? '/api/session' : '/api/requestAuthToken';
      statuses.push((await fixture.http().post(path).send({ email, password: `Wrong-${attempt}-Horse` })).status);
    }
    expect(statuses).toEqual(Array(10).fill(401));
    const limited = await fixture.http().post('/api/session').send({ email, password: PASSWORD }).expect(429);
    expect(limited.body.status).toBe('TOO_MANY_REQUESTS');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(sessionCookieLine(limited.headers)).toBeUndefined();
  });
});

describe('dashboard sessions behind a TLS-terminating proxy', () => {
  const fixture = new AuthFixture();
  beforeAll(async () => {
    await fixture.start({ FLEXMEASURES_TRUST_PROXY: 'loopback', FLEXMEASURES_SESSION_MAX_AGE: '600' });
    await fixture.user('proxied@example.com');
  });
  afterAll(() => fixture.stop());

  it('marks the cookie Secure when the trusted proxy says the login came over https', async () => {
    const login = () => fixture.http().post('/api/session').send({ email: 'proxied@example.com', password: PASSWORD }).expect(200);
    const overHttps = sessionCookieLine((await login().set('X-Forwarded-Proto', 'https')).headers)!;
    expect(attributes(overHttps)).toMatchObject({ secure: true, 'max-age': '600' });
    expect(attributes(sessionCookieLine((await login()).headers)!).secure).toBeUndefined();
  });
});

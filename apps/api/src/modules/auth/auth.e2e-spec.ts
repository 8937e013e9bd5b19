import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuthFixture, PASSWORD } from '../../test/auth-fixture';

jest.setTimeout(120_000);

function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

function latestMail(outbox: string): { to: string; subject: string; text: string } {
  const files = fs.readdirSync(outbox).sort();
  return JSON.parse(fs.readFileSync(path.join(outbox, files[files.length - 1]), 'utf8'));
}

const tokenFromMail = (text: string) => decodeURIComponent(/reset-password\?token=([^\s]+)/.exec(text)![1]);

describe('authentication', () => {
  const fixture = new AuthFixture();
  let adminToken: string;
  let prosumerId: number;

  beforeAll(async () => {
    await fixture.start({ FLEXMEASURES_BASE_URL: 'https://flex.example.com' });
    await fixture.user('admin@example.com', ['admin']);
    prosumerId = await fixture.user('Prosumer@Example.com', ['Prosumer']);
    adminToken = await fixture.token('admin@example.com');
  });
  afterAll(() => fixture.stop());

  it('gives a token for the right password, with any case of the email, and counts the login', async () => {
    const response = await fixture.http().post('/api/requestAuthToken').send({ email: 'prosumer@EXAMPLE.com', password: PASSWORD }).expect(200);
    expect(response.body).toEqual({ auth_token: expect.any(String), user_id: prosumerId });
    const me = await fixture.http().get('/api/whoami').set('Authorization', response.body.auth_token).expect(200);
    expect(me.body).toMatchObject({ id: prosumerId, email: 'Prosumer@Example.com', roles: ['Prosumer'], login_count: 1 });
    expect(me.body.last_login_at).toEqual(expect.any(String));
  });

  it('answers an unknown email and a wrong password alike', async () => {
    const unknown = await fixture.http().post('/api/requestAuthToken').send({ email: 'ghost@example.com', password: PASSWORD }).expect(401);
    const wrong = await fixture.http().post('/api/requestAuthToken').send({ email: 'admin@example.com', password: 'Wrong-Horse-41' }).expect(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toEqual({ status: 'UNAUTHORIZED', message: 'Unknown email or wrong password.' });
  });

  it('puts no secret in the token and expires it after SECURITY_TOKEN_MAX_AGE', async () => {
    const token = await fixture.token('admin@example.com');
    const payload = decodePayload(token);
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'st', 'sub']);
    expect(payload.exp as number - (payload.iat as number)).toBe(6 * 3600);
    expect(JSON.stringify(payload)).not.toMatch(/\$2[aby]\$/); // no bcrypt hash
  });

  it('hands the request a user without secrets', async () => {
    const user = await fixture.accounts.userForToken(await fixture.token('admin@example.com'));
    expect(user.email).toBe('admin@example.com');
    expect(Object.keys(user)).not.toEqual(expect.arrayContaining(['password']));
    expect(Object.keys(user)).not.toEqual(expect.arrayContaining(['fsUniquifier']));
  });

  it('accepts the token bare and as a Bearer token', async () => {
    await fixture.http().get('/api/whoami').set('Authorization', adminToken).expect(200);
    await fixture.http().get('/api/whoami').set('Authorization', `Bearer ${adminToken}`).expect(200);
  });

  it.each([
    [{ password: PASSWORD }, 'email'],
    [{ email: 'admin@example.com' }, 'password'],
    [{ email: 42, password: PASSWORD }, 'email'],
    [{ email: 'admin@example.com', password: PASSWORD, remember: true }, 'remember'],
  ])('names the field of a bad token request %p', async (body, field) => {
    const response = await fixture.http().post('/api/requestAuthToken').send(body).expect(422);
    expect(response.body.status).toBe('UNPROCESSABLE_ENTITY');
    expect(Object.keys(response.body.errors)).toContain(field);
  });

  it('refuses malformed JSON with 400', async () => {
    await fixture.http().post('/api/requestAuthToken').set('Content-Type', 'application/json').send('{"email":').expect(400);
  });

  it('sends security headers', async () => {
    const response = await fixture.http().get('/api/health').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  describe('users API', () => {
    it('lists active users to admins, and inactive ones on request', async () => {
      const inactiveId = await fixture.user('gone@example.com');
      await fixture.http().patch(`/api/v2_0/user/${inactiveId}`).set('Authorization', adminToken).send({ active: false }).expect(200);
      const active = await fixture.http().get('/api/v2_0/users').set('Authorization', adminToken).expect(200);
      expect(active.body.map((u: { email: string }) => u.email)).not.toContain('gone@example.com');
      const all = await fixture.http().get('/api/v2_0/users?include_inactive=true').set('Authorization', adminToken).expect(200);
      expect(all.body.find((u: { email: string }) => u.email === 'gone@example.com')).toMatchObject({ active: false, flexmeasures_roles: [] });
      await fixture.http().get('/api/v2_0/users?include_inactive=maybe').set('Authorization', adminToken).expect(400);
    });

    it('lets users change their harmless fields, ignoring the id and unchanged admin-only fields', async () => {
      const token = await fixture.token('prosumer@example.com');
      const response = await fixture
        .http()
        .patch(`/api/v2_0/user/${prosumerId}`)
        .set('Authorization', token)
        .send({ id: 999, timezone: 'Europe/Amsterdam', username: 'Pro', active: true, email: 'prosumer@example.COM', roles: ['Prosumer'] })
        .expect(200);
      expect(response.body).toMatchObject({ id: prosumerId, timezone: 'Europe/Amsterdam', username: 'Pro', active: true, email: 'Prosumer@Example.com', roles: ['Prosumer'] });
    });

    it('names the field of a bad change', async () => {
      const response = await fixture.http().patch(`/api/v2_0/user/${prosumerId}`).set('Authorization', adminToken).send({ timezone: 'Mars/Base' }).expect(422);
      expect(response.body.errors).toEqual({ timezone: ['is not an IANA time zone such as Europe/Amsterdam'] });
      await fixture.http().patch(`/api/v2_0/user/${prosumerId}`).set('Authorization', adminToken).send([1]).expect(400);
      await fixture.http().get('/api/v2_0/user/abc').set('Authorization', adminToken).expect(400);
      await fixture.http().get('/api/v2_0/user/99999').set('Authorization', adminToken).expect(404);
    });

    it('lets admins change roles, with role names checked', async () => {
      const id = await fixture.user('roles@example.com', ['Prosumer']);
      const bad = await fixture.http().patch(`/api/v2_0/user/${id}`).set('Authorization', adminToken).send({ roles: ['MDC', 'x y'] }).expect(422);
      expect(Object.keys(bad.body.errors)).toEqual(['roles']);
      const good = await fixture.http().patch(`/api/v2_0/user/${id}`).set('Authorization', adminToken).send({ roles: ['MDC'] }).expect(200);
      expect(good.body.roles).toEqual(['MDC']);
    });

    it('refuses an email another user has, whatever its case', async () => {
      const response = await fixture.http().patch(`/api/v2_0/user/${prosumerId}`).set('Authorization', adminToken).send({ email: 'ADMIN@example.com' }).expect(422);
      expect(response.body.errors.email).toEqual(['is already used by another user']);
    });
  });

  describe('password reset', () => {
    it('by an admin: revokes tokens, mails a single-use link, and the new password works', async () => {
      const email = 'reset@example.com';
      const id = await fixture.user(email, ['Prosumer']);
      const oldToken = await fixture.token(email);
      await fixture.http().patch(`/api/v2_0/user/${id}/password-reset`).set('Authorization', adminToken).expect(200);
      await fixture.http().get('/api/whoami').set('Authorization', oldToken).expect(401);
      await fixture.http().post('/api/requestAuthToken').send({ email, password: PASSWORD }).expect(401);

      const mail = latestMail(fixture.outbox);
      expect(mail.to).toBe(email);
      expect(mail.text).toContain('https://flex.example.com/reset-password?token=');
      const link = tokenFromMail(mail.text);

      const weak = await fixture.http().post('/api/password-reset').send({ token: link, password: 'short' }).expect(422);
      expect(Object.keys(weak.body.errors)).toEqual(['password']);
      await fixture.http().post('/api/password-reset').send({ token: link, password: 'Brand-New-Horse-7' }).expect(200);
      const reused = await fixture.http().post('/api/password-reset').send({ token: link, password: 'Other-New-Horse-8' }).expect(400);
      expect(reused.body.status).toBe('INVALID_RESET_TOKEN');
      await fixture.token(email, 'Brand-New-Horse-7');
    });

    it('on request: says the same for known and unknown addresses, and mails only the known', async () => {
      const before = fs.existsSync(fixture.outbox) ? fs.readdirSync(fixture.outbox).length : 0;
      const unknown = await fixture.http().post('/api/password-reset/request').send({ email: 'ghost@example.com' }).expect(202);
      expect(fs.existsSync(fixture.outbox) ? fs.readdirSync(fixture.outbox).length : 0).toBe(before);
      const known = await fixture.http().post('/api/password-reset/request').send({ email: 'admin@example.com' }).expect(202);
      expect(known.body).toEqual(unknown.body);
      expect(fs.readdirSync(fixture.outbox)).toHaveLength(before + 1);
      expect(latestMail(fixture.outbox).to).toBe('admin@example.com');
      await fixture.http().get('/api/whoami').set('Authorization', adminToken).expect(200); // asking alone revokes nothing
    });
  });

  it('revokes the tokens of a deactivated user, and refuses them a new one', async () => {
    const email = 'leaver@example.com';
    const id = await fixture.user(email);
    const token = await fixture.token(email);
    await fixture.http().patch(`/api/v2_0/user/${id}`).set('Authorization', adminToken).send({ active: false }).expect(200);
    await fixture.http().get('/api/whoami').set('Authorization', token).expect(401);
    const refused = await fixture.http().post('/api/requestAuthToken').send({ email, password: PASSWORD }).expect(403);
    expect(refused.body.message).toMatch(/deactivated/);
  });

  it('slows down brute force per email with 429 and Retry-After', async () => {
    const email = 'target@example.com';
    await fixture.user(email);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      statuses.push((await fixture.http().post('/api/requestAuthToken').send({ email, password: `Wrong-${attempt}-Horse` })).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    const limited = await fixture.http().post('/api/requestAuthToken').send({ email, password: PASSWORD }).expect(429);
    expect(limited.body.status).toBe('TOO_MANY_REQUESTS');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(statuses[10]).toBe(429);
  });
});

describe('a custom token header', () => {
  const fixture = new AuthFixture();
  beforeAll(() => fixture.start({ SECURITY_TOKEN_AUTHENTICATION_HEADER: 'X-FM-Token', SECURITY_TOKEN_MAX_AGE: '60' }));
  afterAll(() => fixture.stop());

  it('is where the token is read from, and the max age applies', async () => {
    await fixture.user('custom@example.com');
    const token = await fixture.token('custom@example.com');
    expect((decodePayload(token).exp as number) - (decodePayload(token).iat as number)).toBe(60);
    await fixture.http().get('/api/whoami').set('X-FM-Token', token).expect(200);
    const wrongHeader = await fixture.http().get('/api/whoami').set('Authorization', token).expect(401);
    expect(wrongHeader.body.message).toMatch(/X-FM-Token header/);
  });
});

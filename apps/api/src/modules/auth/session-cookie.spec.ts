import type { PlatformConfig } from '@flexmeasures/config';
import express from 'express';
import request from 'supertest';
import { clearSessionCookie, cookieFrom, setSessionCookie } from './session-cookie';

function configWith(sessionCookieSecure: boolean): PlatformConfig {
  return { security: { sessionMaxAgeSeconds: 600, sessionCookieSecure } } as unknown as PlatformConfig;
}

/** A bare Express app that logs in and out, behind the given trust-proxy setting. */
function app(config: PlatformConfig, trustProxy: boolean | string[]) {
  const server = express();
  server.set('trust proxy', trustProxy);
  server.post('/login', (req, res) => {
    setSessionCookie(req, res, config, 'a.b.c');
    res.end();
  });
  server.delete('/login', (req, res) => {
    clearSessionCookie(req, res, config);
    res.end();
  });
  server.get('/cookie', (req, res) => {
    res.json({ session: cookieFrom(req, 'fm_session') });
  });
  return server;
}

const cookieLine = (response: request.Response) => [response.headers['set-cookie'] ?? []].flat()[0] ?? '';

describe('the session cookie', () => {
  it('is Secure only over https, believing X-Forwarded-Proto only from a trusted proxy', async () => {
    const untrusted = await request(app(configWith(false), false)).post('/login').set('X-Forwarded-Proto', 'https');
    expect(cookieLine(untrusted)).not.toMatch(/Secure/);
    const trusted = await request(app(configWith(false), ['loopback'])).post('/login').set('X-Forwarded-Proto', 'https');
    expect(cookieLine(trusted)).toMatch(/; Secure/);
    const plain = await request(app(configWith(false), ['loopback'])).post('/login');
    expect(cookieLine(plain)).not.toMatch(/Secure/);
  });

  it('is always Secure when FLEXMEASURES_SESSION_COOKIE_SECURE says so, also when cleared', async () => {
    const server = app(configWith(true), false);
    const login = await request(server).post('/login');
    expect(cookieLine(login)).toMatch(/^fm_session=a\.b\.c; Max-Age=600; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/);
    const logout = await request(server).delete('/login');
    expect(cookieLine(logout)).toMatch(/^fm_session=; Max-Age=0; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/);
  });

  it.each([
    ['fm_session=a.b.c', 'a.b.c'],
    ['theme=dark; fm_session=a.b.c; other=1', 'a.b.c'],
    ['fm_session_old=x; fm_session="q.r.s"', 'q.r.s'],
    ['xfm_session=a.b.c', null],
    ['fm_session=', null],
    ['fm_session=%E0%A4%A', null],
    [undefined, null],
  ])('is read from the Cookie header %p as %p', async (header, expected) => {
    const call = request(app(configWith(false), false)).get('/cookie');
    const response = await (header === undefined ? call : call.set('Cookie', header));
    expect(response.body.session).toBe(expected);
  });
});

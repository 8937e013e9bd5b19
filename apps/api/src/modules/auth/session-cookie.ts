import { DASHBOARD_REQUEST_HEADER } from '@flexmeasures/contracts';
import type { PlatformConfig } from '@flexmeasures/config';
import type { Request, Response } from 'express';

/** The dashboard's login: a session token in an http-only cookie. */
export const SESSION_COOKIE = 'fm_session';

/**
 * The second guard against cross-site requests (after SameSite=Strict): a
 * request that a cookie authenticates and that changes something must carry
 * this header, which a plain form or link cannot set and which a script of
 * another origin may only send after a CORS preflight.
 */
export const DASHBOARD_HEADER = DASHBOARD_REQUEST_HEADER;

/** A cookie's value from the request's Cookie header (the api has no cookie parser). */
export function cookieFrom(request: Request, name: string): string | null {
  for (const pair of (request.header('cookie') ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at < 0 || pair.slice(0, at).trim() !== name) continue;
    const raw = pair.slice(at + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw) || null;
    } catch {
      return null;
    }
  }
  return null;
}

function cookieOptions(request: Request, config: PlatformConfig, maxAgeMs: number) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    path: '/',
    maxAge: maxAgeMs,
    // req.secure believes X-Forwarded-Proto only from proxies FLEXMEASURES_TRUST_PROXY names.
    secure: request.secure || config.security.sessionCookieSecure,
  };
}

export function setSessionCookie(request: Request, response: Response, config: PlatformConfig, token: string): void {
  response.cookie(SESSION_COOKIE, token, cookieOptions(request, config, config.security.sessionMaxAgeSeconds * 1000));
}

export function clearSessionCookie(request: Request, response: Response, config: PlatformConfig): void {
  response.cookie(SESSION_COOKIE, '', cookieOptions(request, config, 0));
}

import type { Request } from 'express';
import { cookieFrom, SESSION_COOKIE } from './session-cookie';

/** The token from the configured header, bare (as the seed shows) or as "Bearer <token>". */
export function tokenFromRequest(headerName: string) {
  return (request: Request): string | null => {
    const value = request.header(headerName)?.trim();
    if (!value) return null;
    return value.replace(/^Bearer\s+/i, '') || null;
  };
}

/** Where a request's credential came from: API clients send a header, the dashboard its session cookie. */
export interface RequestCredential {
  readonly token: string;
  readonly via: 'header' | 'session-cookie';
}

/** The header's token if there is one (it wins), else the session cookie's. */
export function credentialFromRequest(headerName: string) {
  const fromHeader = tokenFromRequest(headerName);
  return (request: Request): RequestCredential | null => {
    const header = fromHeader(request);
    if (header) return { token: header, via: 'header' };
    const cookie = cookieFrom(request, SESSION_COOKIE);
    return cookie ? { token: cookie, via: 'session-cookie' } : null;
  };
}

import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';

/**
 * Access tokens are HS256 JWTs signed with SECRET_KEY. They carry the user id
 * and a stamp derived from the user's per-user secret (never the password or
 * its hash): rotating that secret revokes every token issued before.
 */
export interface AccessTokenClaims {
  readonly userId: number;
  readonly stamp: string;
}

export const ACCESS_AUDIENCE = 'flexmeasures-api';
/**
 * Dashboard logins: the same claims, another audience, so a session (read
 * from its cookie) and an API token (read from the header) never stand in
 * for each other.
 */
export const SESSION_AUDIENCE = 'flexmeasures-session';
const RESET_AUDIENCE = 'flexmeasures-password-reset';

export function tokenStamp(secretKey: string, userSecret: string): string {
  return createHmac('sha256', secretKey).update(`token:${userSecret}`).digest('base64url').slice(0, 22);
}

export function issueAccessToken(secretKey: string, userId: number, userSecret: string, maxAgeSeconds: number): string {
  return issueStampedToken(ACCESS_AUDIENCE, secretKey, userId, userSecret, maxAgeSeconds);
}

/** Revoked like an access token: by a new per-user secret (password reset, deactivation). */
export function issueSessionToken(secretKey: string, userId: number, userSecret: string, maxAgeSeconds: number): string {
  return issueStampedToken(SESSION_AUDIENCE, secretKey, userId, userSecret, maxAgeSeconds);
}

function issueStampedToken(audience: string, secretKey: string, userId: number, userSecret: string, maxAgeSeconds: number): string {
  return jwt.sign({ st: tokenStamp(secretKey, userSecret) }, secretKey, {
    algorithm: 'HS256',
    subject: String(userId),
    audience,
    expiresIn: maxAgeSeconds,
  });
}

export type TokenProblem = 'expired' | 'invalid';

export function readAccessToken(secretKey: string, token: string): AccessTokenClaims | TokenProblem {
  return readToken(secretKey, token, ACCESS_AUDIENCE);
}

function readToken(secretKey: string, token: string, audience: string): AccessTokenClaims | TokenProblem {
  try {
    const payload = jwt.verify(token, secretKey, { algorithms: ['HS256'], audience }) as jwt.JwtPayload;
    const userId = Number(payload.sub);
    if (!Number.isInteger(userId) || typeof payload.st !== 'string') return 'invalid';
    return { userId, stamp: payload.st };
  } catch (error) {
    return error instanceof jwt.TokenExpiredError ? 'expired' : 'invalid';
  }
}

/**
 * Reset links: signed, expiring, and single-use — the stamp covers the
 * current password hash, so once the password changes the link is dead.
 */
export function resetStamp(secretKey: string, passwordHash: string, userSecret: string): string {
  return createHmac('sha256', secretKey).update(`reset:${passwordHash}:${userSecret}`).digest('base64url').slice(0, 22);
}

export function issueResetToken(secretKey: string, userId: number, stamp: string, maxAgeMs: number): string {
  return jwt.sign({ st: stamp }, secretKey, {
    algorithm: 'HS256',
    subject: String(userId),
    audience: RESET_AUDIENCE,
    expiresIn: Math.max(1, Math.round(maxAgeMs / 1000)),
  });
}

export function readResetToken(secretKey: string, token: string): AccessTokenClaims | TokenProblem {
  return readToken(secretKey, token, RESET_AUDIENCE);
}

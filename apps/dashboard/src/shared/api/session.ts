import { ApiError, deleteJson, getJson, postJson } from './http';
import { parseUser, type UserResponse } from './users';
import { expectNumber, expectObject, expectString } from './validate';

/** Session calls answer 401 as part of their normal job, so they never report an expired session. */
const SESSION_CALL = { reportsExpiredSession: false } as const;

/** The logged-in user, or null when nobody is (401). */
export async function fetchCurrentUser(signal?: AbortSignal): Promise<UserResponse | null> {
  try {
    return parseUser(await getJson('/api/whoami', { ...SESSION_CALL, signal }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Starts a session (an http-only cookie); 401 for wrong credentials, 429 with Retry-After when rate limited. */
export async function logIn(email: string, password: string): Promise<UserResponse> {
  const body = expectObject(await postJson('/api/session', { email, password }, SESSION_CALL), 'session');
  return parseUser(body.user, 'session.user');
}

export async function logOut(): Promise<void> {
  await deleteJson('/api/session', SESSION_CALL);
}

export interface ApiToken {
  readonly authToken: string;
  readonly userId: number;
}

/** A fresh API token for the logged-in user (for the Authorization header of API clients). */
export async function makeApiToken(): Promise<ApiToken> {
  const body = expectObject(await postJson('/api/session/token'), 'token');
  return { authToken: expectString(body, 'auth_token', 'token'), userId: expectNumber(body, 'user_id', 'token') };
}

/** Always 202, whether or not the address belongs to an account. */
export async function requestPasswordReset(email: string): Promise<void> {
  await postJson('/api/password-reset/request', { email }, SESSION_CALL);
}

export async function resetPassword(token: string, password: string): Promise<void> {
  await postJson('/api/password-reset', { token, password }, SESSION_CALL);
}

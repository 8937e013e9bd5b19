import type { UserResponse } from '../shared/api/users';
import { apiError, installFetch, jsonResponse, type FetchHandler } from './fetchMock';
import { platformInfo, readyReport } from './fixtures';

export interface ApiMockOptions {
  /** Who GET /api/whoami says is logged in; null: nobody (401). */
  user: UserResponse | null;
  /** Extra or replacing handlers, by path. */
  handlers?: Record<string, FetchHandler>;
}

/**
 * The API as every page needs it: platform info, readiness, the session (whoami) and, unless replaced,
 * empty asset and connection lists.
 */
export function installApi({ user, handlers = {} }: ApiMockOptions) {
  return installFetch({
    '/api/platform': () => jsonResponse(platformInfo),
    '/api/health/ready': () => jsonResponse(readyReport),
    '/api/whoami': () => (user === null ? apiError(401, 'UNAUTHORIZED', 'Log in first.') : jsonResponse(user)),
    '/api/v2_0/assets': () => jsonResponse([]),
    '/api/v2_0/getConnection': () => jsonResponse({ type: 'GetConnectionResponse', connections: [], names: [] }),
    ...handlers,
  });
}

/** A user as the users API shows it (seed §16: flexmeasures_roles holds role ids). */
export interface UserResponse {
  readonly id: number;
  readonly email: string;
  readonly username: string;
  readonly active: boolean;
  readonly timezone: string;
  readonly flexmeasures_roles: readonly number[];
  readonly roles: readonly string[];
  readonly last_login_at: string | null;
  readonly login_count: number;
}

/** `POST /api/session`: the user who logged in; the session itself travels in the fm_session cookie. */
export interface SessionResponse {
  readonly user: UserResponse;
}

export interface AuthTokenResponse {
  readonly auth_token: string;
  readonly user_id: number;
}

/**
 * The header every change the dashboard makes (POST, PUT, PATCH, DELETE with
 * the session cookie) must carry: a page on another site cannot add it, so a
 * forged cross-site request is refused (403 CSRF_CHECK_FAILED).
 */
export const DASHBOARD_REQUEST_HEADER = { name: 'X-Requested-With', value: 'flexmeasures-dashboard' } as const;

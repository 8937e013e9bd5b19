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

export interface AuthTokenResponse {
  readonly auth_token: string;
  readonly user_id: number;
}

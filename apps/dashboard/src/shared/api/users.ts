import type { UserResponse } from '@flexmeasures/contracts';
import {
  expectArray,
  expectBoolean,
  expectNullableString,
  expectNumber,
  expectNumberArray,
  expectObject,
  expectString,
  expectStringArray,
} from './validate';

export type { UserResponse };

export function parseUser(value: unknown, what = 'user'): UserResponse {
  const body = expectObject(value, what);
  return {
    id: expectNumber(body, 'id', what),
    email: expectString(body, 'email', what),
    username: expectString(body, 'username', what),
    active: expectBoolean(body, 'active', what),
    timezone: expectString(body, 'timezone', what),
    flexmeasures_roles: expectNumberArray(body, 'flexmeasures_roles', what),
    roles: expectStringArray(body, 'roles', what),
    last_login_at: expectNullableString(body, 'last_login_at', what),
    login_count: expectNumber(body, 'login_count', what),
  };
}

export function parseUsers(value: unknown): UserResponse[] {
  return expectArray(value, 'users').map((user, index) => parseUser(user, `users[${index}]`));
}

export const ADMIN_ROLE = 'admin';

export function isAdmin(user: Pick<UserResponse, 'roles'>): boolean {
  return user.roles.includes(ADMIN_ROLE);
}

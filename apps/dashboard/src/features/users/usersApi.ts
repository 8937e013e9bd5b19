import { deleteJson, getJson, patchJson } from '../../shared/api/http';
import { parseUser, parseUsers, type UserResponse } from '../../shared/api/users';
import { isJsonObject } from '../../shared/api/validate';

export async function fetchUsers(includeInactive: boolean, signal?: AbortSignal): Promise<UserResponse[]> {
  const path = includeInactive ? '/api/v2_0/users?include_inactive=true' : '/api/v2_0/users';
  return parseUsers(await getJson(path, { signal }));
}

export async function fetchUser(id: number, signal?: AbortSignal): Promise<UserResponse> {
  return parseUser(await getJson(`/api/v2_0/user/${id}`, { signal }));
}

/** Admins (de)activate accounts; an inactive user can neither log in nor use API tokens. */
export async function setUserActive(id: number, active: boolean): Promise<UserResponse> {
  return parseUser(await patchJson(`/api/v2_0/user/${id}`, { active }));
}

export async function setUserTimezone(id: number, timezone: string): Promise<UserResponse> {
  return parseUser(await patchJson(`/api/v2_0/user/${id}`, { timezone }));
}

export async function deleteUser(id: number): Promise<void> {
  await deleteJson(`/api/v2_0/user/${id}`);
}

/** Returns the API's sentence about what happened (the user is mailed a link). */
export async function resetUserPassword(id: number): Promise<string> {
  const body = await patchJson(`/api/v2_0/user/${id}/password-reset`);
  return isJsonObject(body) && typeof body.message === 'string' ? body.message : 'The password was reset; the user has been sent a link to choose a new one.';
}

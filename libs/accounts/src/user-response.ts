import type { UserResponse } from '@flexmeasures/contracts';
import type { UserEntity } from '@flexmeasures/persistence';

/** The users API's view of a user (seed §16), in the user's or else the platform's time zone. */
export function toUserResponse(user: UserEntity, platformTimezone: string): UserResponse {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    active: user.active,
    timezone: user.timezone ?? platformTimezone,
    flexmeasures_roles: user.roles.map((role) => role.id),
    roles: user.roles.map((role) => role.name),
    last_login_at: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
    login_count: user.loginCount,
  };
}

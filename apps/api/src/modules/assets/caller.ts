import type { Caller } from '@flexmeasures/assets';
import { currentUser } from '../auth/access.guard';
import type { AuthenticatedRequest } from '../auth/access.guard';

export function callerOf(request: AuthenticatedRequest): Caller {
  const user = currentUser(request);
  return { id: user.id, isAdmin: user.roles.some((role) => role.name === 'admin') };
}

import { Outlet } from 'react-router-dom';
import { NotAllowed } from '../../shared/ui/NotAllowed';
import { useIsAdmin } from '../../shared/auth/useAuth';

/** Admin-only pages: anyone else gets the "not allowed" page at the same address. */
export function RequireAdmin() {
  return useIsAdmin() ? <Outlet /> : <NotAllowed />;
}

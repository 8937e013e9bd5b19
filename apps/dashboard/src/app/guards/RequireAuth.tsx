import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../../shared/auth/useAuth';
import { ErrorState, LoadingState } from '../../shared/ui/States';

/** What the login page needs to know about why it was shown and where to go afterwards. */
export interface LoginRedirectState {
  /** Path (with query) the user wanted to see. */
  from?: string;
  reason?: 'not-logged-in' | 'logged-out' | 'expired';
}

/** Pages below this route need a logged-in user; others are sent to /login and brought back after. */
export function RequireAuth() {
  const { state, recheck } = useAuth();
  const location = useLocation();

  switch (state.status) {
    case 'checking':
      return <LoadingState>Checking whether you are logged in…</LoadingState>;
    case 'error':
      return (
        <ErrorState title="We could not check whether you are logged in." error={state.error} onRetry={recheck}>
          <p>Is the platform running? Try again in a moment.</p>
        </ErrorState>
      );
    case 'anonymous': {
      const redirect: LoginRedirectState = { from: `${location.pathname}${location.search}`, reason: state.reason };
      return <Navigate to="/login" replace state={redirect} />;
    }
    case 'authenticated':
      return <Outlet />;
  }
}

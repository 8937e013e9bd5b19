import { useContext } from 'react';
import { isAdmin, type UserResponse } from '../api/users';
import { AuthContext, type AuthContextValue } from './AuthContext';

export function useAuth(): AuthContextValue {
  const auth = useContext(AuthContext);
  if (auth === null) throw new Error('useAuth() must be used inside <AuthProvider>.');
  return auth;
}

/** The logged-in user, or null. */
export function useOptionalUser(): UserResponse | null {
  const { state } = useAuth();
  return state.status === 'authenticated' ? state.user : null;
}

/** The logged-in user; only for pages behind the login guard. */
export function useCurrentUser(): UserResponse {
  const user = useOptionalUser();
  if (user === null) throw new Error('useCurrentUser() must be used on a page that requires login.');
  return user;
}

export function useIsAdmin(): boolean {
  const user = useOptionalUser();
  return user !== null && isAdmin(user);
}

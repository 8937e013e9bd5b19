import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onSessionExpired } from '../../shared/api/http';
import { fetchCurrentUser, logIn as startSession, logOut as endSession } from '../../shared/api/session';
import type { UserResponse } from '../../shared/api/users';
import { AuthContext, type AuthContextValue, type AuthState } from '../../shared/auth/AuthContext';

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Knows who is logged in: asks GET /api/whoami at start, and notices when the session ends. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchCurrentUser(controller.signal).then(
      (user) => {
        if (controller.signal.aborted) return;
        setState(user === null ? { status: 'anonymous', reason: 'not-logged-in' } : { status: 'authenticated', user });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error: toError(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  // Any 401 from the API while logged in means the session ended (expired, or revoked elsewhere).
  useEffect(
    () =>
      onSessionExpired(() =>
        setState((current) => (current.status === 'authenticated' ? { status: 'anonymous', reason: 'expired' } : current)),
      ),
    [],
  );

  const logIn = useCallback(async (email: string, password: string) => {
    const user = await startSession(email, password);
    setState({ status: 'authenticated', user });
    return user;
  }, []);

  const logOut = useCallback(async () => {
    await endSession();
    setState({ status: 'anonymous', reason: 'logged-out' });
  }, []);

  const updateUser = useCallback((user: UserResponse) => {
    setState((current) => (current.status === 'authenticated' && current.user.id === user.id ? { status: 'authenticated', user } : current));
  }, []);

  const recheck = useCallback(() => {
    setState({ status: 'checking' });
    setAttempt((previous) => previous + 1);
  }, []);

  const value = useMemo<AuthContextValue>(() => ({ state, logIn, logOut, updateUser, recheck }), [state, logIn, logOut, updateUser, recheck]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

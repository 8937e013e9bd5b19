import { createContext } from 'react';
import type { UserResponse } from '../api/users';

export type AuthState =
  /** Asking the API who is logged in (at start, or after a failed check). */
  | { status: 'checking' }
  | { status: 'anonymous'; reason: 'not-logged-in' | 'logged-out' | 'expired' }
  | { status: 'authenticated'; user: UserResponse }
  /** The check itself failed (API unreachable): we do not know. */
  | { status: 'error'; error: Error };

export interface AuthContextValue {
  readonly state: AuthState;
  /** Starts a session; rejects with the API's error (401 wrong credentials, 429 rate limited). */
  logIn(email: string, password: string): Promise<UserResponse>;
  logOut(): Promise<void>;
  /** The own account after a change (e.g. a new time zone). */
  updateUser(user: UserResponse): void;
  /** Asks the API again who is logged in. */
  recheck(): void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

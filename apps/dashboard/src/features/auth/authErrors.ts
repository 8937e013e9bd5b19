import { ApiError } from '../../shared/api/http';
import { formatWaitTime } from '../../shared/format/time';

/** The 429 answer of a rate-limited login or reset request, as a sentence with the wait time. */
export function rateLimitMessage(error: ApiError, what: string): string {
  const wait = error.retryAfterSeconds;
  return wait === undefined
    ? `Too many ${what}. Wait a while and try again. (${error.message})`
    : `Too many ${what}. Wait ${formatWaitTime(wait)} and try again.`;
}

/** A message for a failed login: plain words for the cases people run into. */
export function loginErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.status === 401) {
    return 'The email address or password is not right. Check both and try again, or reset your password.';
  }
  if (error.status === 429) return rateLimitMessage(error, 'login attempts');
  if (error.status === 403) return `You cannot log in with this account: ${error.message}`;
  return error.message;
}

import { useOptionalUser } from '../auth/useAuth';
import { usePlatform } from '../platform/usePlatform';

/** The zone every time is shown in: the user's own, else the platform's, else the browser's. */
export function useDisplayTimezone(): string {
  const user = useOptionalUser();
  const { state } = usePlatform();
  if (user !== null && user.timezone !== '') return user.timezone;
  if (state.status === 'success' && state.data.timezone !== '') return state.data.timezone;
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

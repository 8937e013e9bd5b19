import { useCallback, useState } from 'react';
import { errorMessage } from '../api/http';

export interface AsyncAction<A extends unknown[]> {
  /** Runs the action; a rejection becomes `error` (it is not rethrown). */
  run: (...args: A) => Promise<void>;
  busy: boolean;
  /** The last failure, as a message for people; cleared when the action runs again. */
  error: string | null;
}

/** Something the user started (a button): whether it is running, and why it failed. */
export function useAsyncAction<A extends unknown[]>(action: (...args: A) => Promise<void>): AsyncAction<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(null);
      try {
        await action(...args);
      } catch (caught) {
        setError(errorMessage(caught));
      } finally {
        setBusy(false);
      }
    },
    [action],
  );
  return { run, busy, error };
}

import { useLocation } from 'react-router-dom';

/** Navigation state that carries the result of an action to the next page ("Asset deleted."). */
export interface FlashState {
  message?: string;
}

export function flash(message: string): { state: FlashState } {
  return { state: { message } };
}

/** The message the previous page left for this one, if any. */
export function useFlashMessage(): string | null {
  const { state } = useLocation();
  const message = typeof state === 'object' && state !== null ? (state as FlashState).message : undefined;
  return typeof message === 'string' ? message : null;
}

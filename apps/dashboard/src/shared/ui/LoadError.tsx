import type { ReactNode } from 'react';
import { ApiError } from '../api/http';
import { NotAllowed } from './NotAllowed';
import { ErrorState } from './States';

export interface LoadErrorProps {
  /** "The asset", "This user": what could not be loaded. */
  what: string;
  error: Error;
  onRetry: () => void;
  /** Where to go instead, e.g. a link to the list. */
  back: ReactNode;
}

/** A page's main resource failed: "not allowed" for 403, "not found" for 404, else the error with Retry. */
export function LoadError({ what, error, onRetry, back }: LoadErrorProps) {
  if (error instanceof ApiError && error.status === 403) return <NotAllowed reason={error.message} />;
  if (error instanceof ApiError && error.status === 404) {
    return (
      <>
        <div className="notice notice--error" role="alert">
          <p className="notice__title">{what} does not exist (any more).</p>
          <p>{error.message}</p>
        </div>
        <p>{back}</p>
      </>
    );
  }
  return (
    <>
      <ErrorState title={`${what} could not be loaded.`} error={error} onRetry={onRetry} />
      <p>{back}</p>
    </>
  );
}

import type { ReactNode } from 'react';

/** A request is running: announced politely to screen readers. */
export function LoadingState({ children }: { children: ReactNode }) {
  return (
    <p className="loading-state" role="status">
      {children}
    </p>
  );
}

/** Something failed: what happened, what to do, and a way to try again. */
export function ErrorState({ title, error, onRetry, children }: { title: string; error: Error; onRetry?: () => void; children?: ReactNode }) {
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">{title}</p>
      <p>{error.message}</p>
      {children}
      {onRetry !== undefined && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Nothing to show yet, and how to change that. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state__title">{title}</p>
      {children}
    </div>
  );
}

/** The result of an action the user took ("Asset saved."). */
export function SuccessMessage({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice--success" role="status">
      {children}
    </div>
  );
}

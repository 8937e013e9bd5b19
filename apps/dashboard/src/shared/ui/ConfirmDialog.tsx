import type { ReactNode } from 'react';
import { useAsyncAction } from '../hooks/useAsyncAction';
import { Modal } from './Modal';

export interface ConfirmDialogProps {
  title: string;
  /** What will happen, in a sentence or two. */
  children: ReactNode;
  confirmLabel: string;
  /** Runs the action; a rejection is shown in the dialog, which stays open. */
  onConfirm: () => Promise<void>;
  onCancel: () => void;
  /** Red confirm button for actions that cannot be undone. */
  destructive?: boolean;
  /** The button that opened the dialog; focus returns to it. */
  opener?: HTMLElement | null;
}

/** Asks before doing something; shows progress and any error without closing. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, destructive = false, opener = null }: ConfirmDialogProps) {
  const { run, busy, error } = useAsyncAction(onConfirm);

  return (
    <Modal title={title} onClose={onCancel} closeDisabled={busy} returnFocusTo={opener}>
      <div className="modal__body">{children}</div>
      {error !== null && (
        <div className="notice notice--error" role="alert">
          {error}
        </div>
      )}
      {busy && (
        <p className="muted" role="status">
          Working…
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className={destructive ? 'button button--danger' : 'button'}
          onClick={() => void run()}
          disabled={busy}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}

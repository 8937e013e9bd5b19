import { useState, type MouseEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import type { UserResponse } from '../../shared/api/users';
import { flash } from '../../shared/hooks/useFlashMessage';
import { ConfirmDialog } from '../../shared/ui/ConfirmDialog';
import { deleteUser, resetUserPassword, setUserActive } from './usersApi';

type Action = 'reset' | 'activation' | 'delete';

export interface UserActionsProps {
  user: UserResponse;
  /** How many assets the user owns: deleting the user deletes them too. */
  assetCount: number;
  onChanged: (user: UserResponse) => void;
  /** The result of an action, for the page's status region. */
  onResult: (message: string) => void;
}

/** What an admin can do to an account, each after a confirmation. */
export function UserActions({ user, assetCount, onChanged, onResult }: UserActionsProps) {
  const navigate = useNavigate();
  const [open, setOpen] = useState<{ action: Action; opener: HTMLElement } | null>(null);
  const confirming = open?.action ?? null;
  const opener = open?.opener ?? null;
  const close = () => setOpen(null);
  const ask = (action: Action) => (event: MouseEvent<HTMLButtonElement>) => setOpen({ action, opener: event.currentTarget });
  const name = user.username;

  const resetPassword = async () => {
    const message = await resetUserPassword(user.id);
    close();
    onResult(message);
  };
  const toggleActive = async () => {
    const updated = await setUserActive(user.id, !user.active);
    close();
    onChanged(updated);
    onResult(updated.active ? `${name} was reactivated and can log in again.` : `${name} was deactivated and can no longer log in.`);
  };
  const remove = async () => {
    await deleteUser(user.id);
    await navigate('/users', flash(`User ${name} was deleted.`));
  };

  return (
    <>
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={ask('reset')}>
          Reset password
        </button>
        <button type="button" className="button button--secondary" onClick={ask('activation')}>
          {user.active ? 'Deactivate user' : 'Reactivate user'}
        </button>
        <button type="button" className="button button--danger" onClick={ask('delete')}>
          Delete user
        </button>
      </div>
      {confirming === 'reset' && (
        <ConfirmDialog title={`Reset the password of ${name}?`} confirmLabel="Reset password" onConfirm={resetPassword} onCancel={close} opener={opener}>
          <p>
            The current password of {name} stops working, and so do their API tokens. They get an email ({user.email}) with a link to
            choose a new password.
          </p>
        </ConfirmDialog>
      )}
      {confirming === 'activation' &&
        (user.active ? (
          <ConfirmDialog title={`Deactivate ${name}?`} confirmLabel="Deactivate" destructive onConfirm={toggleActive} onCancel={close} opener={opener}>
            <p>{name} can no longer log in or use API tokens until an administrator reactivates the account. Their assets and data stay.</p>
          </ConfirmDialog>
        ) : (
          <ConfirmDialog title={`Reactivate ${name}?`} confirmLabel="Reactivate" onConfirm={toggleActive} onCancel={close} opener={opener}>
            <p>{name} can log in and use the API again.</p>
          </ConfirmDialog>
        ))}
      {confirming === 'delete' && (
        <ConfirmDialog title={`Delete user ${name}?`} confirmLabel="Delete" destructive onConfirm={remove} onCancel={close} opener={opener}>
          <p>
            This deletes the account of {name} ({user.email}) together with {assetCount === 1 ? 'the asset' : `the ${assetCount} assets`} they own and
            all data of {assetCount === 1 ? 'it' : 'those'}. It cannot be undone; to only stop them logging in, deactivate the account instead.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { fetchUsers } from '../features/users/usersApi';
import type { UserResponse } from '../shared/api/users';
import { formatDateTime } from '../shared/format/time';
import { useDisplayTimezone } from '../shared/format/useDisplayTimezone';
import { useAsyncResource } from '../shared/hooks/useAsyncResource';
import { useFlashMessage } from '../shared/hooks/useFlashMessage';
import { PageHeading } from '../shared/ui/PageHeading';
import { EmptyState, ErrorState, LoadingState, SuccessMessage } from '../shared/ui/States';
import { StatusBadge } from '../shared/ui/StatusBadge';

function UserTable({ users }: { users: UserResponse[] }) {
  const timezone = useDisplayTimezone();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Email</th>
            <th scope="col">Roles</th>
            <th scope="col">Time zone</th>
            <th scope="col">Last login</th>
            <th scope="col">Active</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>
                <Link to={`/users/${user.id}`}>{user.username}</Link>
              </td>
              <td>{user.email}</td>
              <td>{user.roles.join(', ') || '—'}</td>
              <td>{user.timezone}</td>
              <td>{user.last_login_at === null ? 'never' : formatDateTime(user.last_login_at, timezone)}</td>
              <td>{user.active ? <StatusBadge tone="good" label="Active" /> : <StatusBadge tone="neutral" label="Inactive" />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UsersPage() {
  const [includeInactive, setIncludeInactive] = useState(false);
  const message = useFlashMessage();
  const load = useCallback((signal: AbortSignal) => fetchUsers(includeInactive, signal), [includeInactive]);
  const { state, reload } = useAsyncResource(load);

  return (
    <>
      <PageHeading title="Users">{includeInactive ? 'All users, active and inactive.' : 'All active users.'}</PageHeading>
      {message !== null && <SuccessMessage>{message}</SuccessMessage>}
      <p className="checkbox">
        <input id="include-inactive" type="checkbox" checked={includeInactive} onChange={(event) => setIncludeInactive(event.target.checked)} />
        <label htmlFor="include-inactive">Include inactive users</label>
      </p>
      {state.status === 'loading' && <LoadingState>Loading users…</LoadingState>}
      {state.status === 'error' && <ErrorState title="The users could not be loaded." error={state.error} onRetry={reload} />}
      {state.status === 'success' &&
        (state.data.length === 0 ? (
          <EmptyState title="No users to show.">
            <p>{includeInactive ? 'Add users with the command line: flexmeasures add user.' : 'Try “Include inactive users”.'}</p>
          </EmptyState>
        ) : (
          <UserTable users={state.data} />
        ))}
    </>
  );
}

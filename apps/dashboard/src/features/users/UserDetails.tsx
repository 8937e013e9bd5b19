import { Link } from 'react-router-dom';
import type { UserResponse } from '../../shared/api/users';
import { formatDateTime } from '../../shared/format/time';
import { useDisplayTimezone } from '../../shared/format/useDisplayTimezone';
import type { Asset } from '../assets/assetsApi';
import { assetTypeLabel } from '../assets/assetTypes';

function AssetsOwned({ assets }: { assets: Asset[] }) {
  if (assets.length === 0) return <span>0</span>;
  return (
    <>
      {assets.length}
      <ul className="plain-list">
        {assets.map((asset) => (
          <li key={asset.id}>
            <Link to={`/assets/${asset.id}`}>{asset.display_name}</Link> <span className="muted">({assetTypeLabel(asset.asset_type)})</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** An account as the user page and the account page show it. */
export function UserDetails({ user, assets }: { user: UserResponse; assets?: Asset[] }) {
  const timezone = useDisplayTimezone();
  return (
    <dl className="details">
      <div>
        <dt>Email address</dt>
        <dd>{user.email}</dd>
      </div>
      <div>
        <dt>Username</dt>
        <dd>{user.username}</dd>
      </div>
      <div>
        <dt>Time zone</dt>
        <dd>{user.timezone}</dd>
      </div>
      <div>
        <dt>Last login</dt>
        <dd>{user.last_login_at === null ? 'never' : formatDateTime(user.last_login_at, timezone, { withZone: true })}</dd>
      </div>
      <div>
        <dt>Number of logins</dt>
        <dd>{user.login_count}</dd>
      </div>
      <div>
        <dt>Roles</dt>
        <dd>{user.roles.join(', ') || 'none'}</dd>
      </div>
      <div>
        <dt>Active</dt>
        <dd>{user.active ? 'Yes' : 'No'}</dd>
      </div>
      {assets !== undefined && (
        <div className="details__wide">
          <dt>Assets owned</dt>
          <dd>
            <AssetsOwned assets={assets} />
          </dd>
        </div>
      )}
    </dl>
  );
}

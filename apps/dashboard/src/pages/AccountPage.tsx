import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { TimezoneForm } from '../features/account/TimezoneForm';
import { TokenPanel } from '../features/account/TokenPanel';
import { fetchAssets } from '../features/assets/assetsApi';
import { UserDetails } from '../features/users/UserDetails';
import { useCurrentUser } from '../shared/auth/useAuth';
import { useAsyncResource } from '../shared/hooks/useAsyncResource';
import { PageHeading } from '../shared/ui/PageHeading';

export function AccountPage() {
  const user = useCurrentUser();
  const loadAssets = useCallback((signal: AbortSignal) => fetchAssets(signal, user.id), [user.id]);
  const { state: assets } = useAsyncResource(loadAssets);

  return (
    <>
      <PageHeading title="Account">Your account on the platform.</PageHeading>
      <div className="stack">
        <section className="panel" aria-labelledby="details-heading">
          <h2 id="details-heading">Your details</h2>
          <UserDetails user={user} assets={assets.status === 'success' ? assets.data : undefined} />
          <p>
            To change your password, <Link to="/forgot-password">request a reset link</Link>.
          </p>
        </section>
        <section className="panel" aria-labelledby="timezone-heading">
          <h2 id="timezone-heading">Your time zone</h2>
          <TimezoneForm user={user} />
        </section>
        <TokenPanel />
      </div>
    </>
  );
}

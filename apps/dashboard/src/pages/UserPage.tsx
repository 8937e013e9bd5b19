import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { fetchAssets } from '../features/assets/assetsApi';
import { UserActions } from '../features/users/UserActions';
import { UserDetails } from '../features/users/UserDetails';
import { fetchUser } from '../features/users/usersApi';
import type { UserResponse } from '../shared/api/users';
import { useAsyncResource } from '../shared/hooks/useAsyncResource';
import { LoadError } from '../shared/ui/LoadError';
import { PageHeading } from '../shared/ui/PageHeading';
import { LoadingState, SuccessMessage } from '../shared/ui/States';
import { NotFoundPage } from './NotFoundPage';

export function UserPage() {
  const id = Number(useParams().userId);
  const load = useCallback(async (signal: AbortSignal) => {
    const [user, assets] = await Promise.all([fetchUser(id, signal), fetchAssets(signal, id)]);
    return { user, assets };
  }, [id]);
  const { state, reload } = useAsyncResource(load);
  const [changed, setChanged] = useState<UserResponse | null>(null);
  const [result, setResult] = useState<string | null>(null);

  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  const back = <Link to="/users">Back to the users</Link>;
  if (state.status === 'loading') return <LoadingState>Loading the user…</LoadingState>;
  if (state.status === 'error') return <LoadError what="This user" error={state.error} onRetry={reload} back={back} />;

  const user = changed !== null && changed.id === id ? changed : state.data.user;
  return (
    <>
      <PageHeading title={`Account overview for ${user.username}`}>{back}</PageHeading>
      {result !== null && <SuccessMessage>{result}</SuccessMessage>}
      <UserActions user={user} assetCount={state.data.assets.length} onChanged={setChanged} onResult={setResult} />
      <section className="panel" aria-label="Account details">
        <UserDetails user={user} assets={state.data.assets} />
      </section>
    </>
  );
}

import { useCallback } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { AssetForm } from '../features/assets/components/AssetForm';
import { newAssetValues } from '../features/assets/assetFormValues';
import { createAsset, fetchAssets, type Asset } from '../features/assets/assetsApi';
import { fetchUsers } from '../features/users/usersApi';
import { useCurrentUser } from '../shared/auth/useAuth';
import { useAsyncResource } from '../shared/hooks/useAsyncResource';
import { flash } from '../shared/hooks/useFlashMessage';
import { PageHeading } from '../shared/ui/PageHeading';
import { ErrorState, LoadingState } from '../shared/ui/States';

/** The market most assets use: the likeliest choice for a new one (1, the first market, when there are none). */
function usualMarket(assets: readonly Asset[]): number {
  const counts = new Map<number, number>();
  for (const { market } of assets) if (market !== null) counts.set(market, (counts.get(market) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 1;
}

export function NewAssetPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [assets, users] = await Promise.all([fetchAssets(signal), fetchUsers(false, signal)]);
      return { assets, users };
    },
    [],
  );
  const { state, reload } = useAsyncResource(load);

  const create = async (changes: Parameters<typeof createAsset>[0]) => {
    const asset = await createAsset(changes);
    await navigate(`/assets/${asset.id}`, flash(`Asset “${asset.display_name}” was created.`));
  };

  return (
    <>
      <PageHeading title="New asset">
        Fill in the asset’s details and click the map to set its location. <Link to="/assets">Back to the assets</Link>
      </PageHeading>
      {state.status === 'loading' && <LoadingState>Loading owners and assets…</LoadingState>}
      {state.status === 'error' && <ErrorState title="The form could not be prepared." error={state.error} onRetry={reload} />}
      {state.status === 'success' && (
        <AssetForm
          initial={newAssetValues({ owner: me.id, market: usualMarket(state.data.assets) })}
          isNew
          contextAssets={state.data.assets}
          owners={state.data.users}
          submitLabel="Create asset"
          onSubmit={create}
        />
      )}
    </>
  );
}

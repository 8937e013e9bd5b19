import { useCallback, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { AssetForm } from '../features/assets/components/AssetForm';
import { AssetLatestState } from '../features/assets/components/AssetLatestState';
import { assetValues } from '../features/assets/assetFormValues';
import { deleteAsset, fetchAsset, fetchEntityAddresses, updateAsset, type Asset, type AssetChanges } from '../features/assets/assetsApi';
import { assetTypeLabel } from '../features/assets/assetTypes';
import { ownerNameFor } from '../features/assets/useAssetRows';
import { AssetTypeIcon } from '../features/map/AssetTypeIcon';
import { fetchUsers } from '../features/users/usersApi';
import { orFallback } from '../shared/api/http';
import type { UserResponse } from '../shared/api/users';
import { useCurrentUser, useIsAdmin } from '../shared/auth/useAuth';
import { useDisplayTimezone } from '../shared/format/useDisplayTimezone';
import { useAsyncResource } from '../shared/hooks/useAsyncResource';
import { flash, useFlashMessage } from '../shared/hooks/useFlashMessage';
import { ConfirmDialog } from '../shared/ui/ConfirmDialog';
import { LoadError } from '../shared/ui/LoadError';
import { PageHeading } from '../shared/ui/PageHeading';
import { LoadingState, SuccessMessage } from '../shared/ui/States';
import { NotFoundPage } from './NotFoundPage';

interface AssetPageData {
  asset: Asset;
  entityAddress: string | null;
  /** Possible owners (admins); null for others, who cannot hand an asset over. */
  users: UserResponse[] | null;
}

function ApiInfo({ asset, entityAddress, ownerName }: { asset: Asset; entityAddress: string | null; ownerName: string }) {
  return (
    <section className="panel" aria-labelledby="api-info-heading">
      <h2 id="api-info-heading">API info for this asset</h2>
      <dl className="details details--compact">
        <div>
          <dt>Asset id</dt>
          <dd>{asset.id}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>
            {ownerName} (id {asset.owner})
          </dd>
        </div>
        <div>
          <dt>Entity address</dt>
          <dd className="mono">{entityAddress ?? 'unknown'}</dd>
        </div>
      </dl>
    </section>
  );
}

function AssetDetails({ data, onSaved }: { data: AssetPageData; onSaved: (asset: Asset) => void }) {
  const { asset, entityAddress, users } = data;
  const me = useCurrentUser();
  const timezone = useDisplayTimezone();
  const navigate = useNavigate();
  /** The delete button while its confirmation is open (focus returns to it). */
  const [deleteOpener, setDeleteOpener] = useState<HTMLElement | null>(null);
  const [saved, setSaved] = useState<string | null>(useFlashMessage());
  const ownerName = ownerNameFor(asset.owner, users ?? [me]);

  const save = async (changes: AssetChanges) => {
    setSaved(null);
    const updated = await updateAsset(asset.id, changes);
    onSaved(updated);
    setSaved(`Changes to “${updated.display_name}” were saved.`);
  };

  const remove = async () => {
    await deleteAsset(asset.id);
    await navigate('/assets', flash(`Asset “${asset.display_name}” was deleted.`));
  };

  return (
    <>
      <PageHeading title={asset.display_name}>
        <AssetTypeIcon assetType={asset.asset_type} /> {assetTypeLabel(asset.asset_type)} · <Link to="/assets">Back to the assets</Link>
      </PageHeading>
      {saved !== null && <SuccessMessage>{saved}</SuccessMessage>}
      <div className="button-row">
        <button type="button" className="button button--danger" onClick={(event) => setDeleteOpener(event.currentTarget)}>
          Delete asset
        </button>
      </div>
      <div className="asset-page">
        <section className="panel asset-page__form" aria-labelledby="edit-heading">
          <h2 id="edit-heading">Edit asset</h2>
          <AssetForm
            key={JSON.stringify(asset)}
            initial={assetValues(asset, timezone)}
            isNew={false}
            contextAssets={[]}
            owners={users}
            submitLabel="Save changes"
            onSubmit={save}
          />
        </section>
        <div className="asset-page__side stack">
          <ApiInfo asset={asset} entityAddress={entityAddress} ownerName={ownerName} />
          <section className="panel" aria-labelledby="state-heading">
            <h2 id="state-heading">Latest state</h2>
            <AssetLatestState assetId={asset.id} />
          </section>
        </div>
      </div>
      {deleteOpener !== null && (
        <ConfirmDialog
          title={`Delete asset “${asset.display_name}”?`}
          confirmLabel="Delete"
          destructive
          onConfirm={remove}
          onCancel={() => setDeleteOpener(null)}
          opener={deleteOpener}
        >
          <p>This deletes the asset with all its measurements, forecasts and schedules. It cannot be undone.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

export function AssetPage() {
  const id = Number(useParams().assetId);
  const isAdmin = useIsAdmin();
  const load = useCallback(
    async (signal: AbortSignal): Promise<AssetPageData> => {
      const [asset, addresses, users] = await Promise.all([
        fetchAsset(id, signal),
        orFallback(fetchEntityAddresses(signal), new Map<number, string>()),
        isAdmin ? orFallback(fetchUsers(true, signal), null) : Promise.resolve(null),
      ]);
      return { asset, entityAddress: addresses.get(id) ?? null, users };
    },
    [id, isAdmin],
  );
  const { state, reload } = useAsyncResource(load);
  const [edited, setEdited] = useState<Asset | null>(null);

  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  if (state.status === 'loading') return <LoadingState>Loading the asset…</LoadingState>;
  if (state.status === 'error') {
    return <LoadError what="The asset" error={state.error} onRetry={reload} back={<Link to="/assets">Back to the assets</Link>} />;
  }
  const data = edited !== null && edited.id === id ? { ...state.data, asset: edited } : state.data;
  return <AssetDetails data={data} onSaved={setEdited} />;
}

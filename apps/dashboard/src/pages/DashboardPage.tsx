import { useState } from 'react';
import { Link } from 'react-router-dom';
import { AssetTypeSummary } from '../features/assets/components/AssetTypeSummary';
import { SelectedAssetPanel } from '../features/assets/components/SelectedAssetPanel';
import type { Asset } from '../features/assets/assetsApi';
import { useAssets } from '../features/assets/useAssets';
import { AssetMap } from '../features/map/AssetMap';
import { useIsAdmin } from '../shared/auth/useAuth';
import { EmptyState, ErrorState, LoadingState } from '../shared/ui/States';
import { PageHeading } from '../shared/ui/PageHeading';
import { HealthPanel } from './dashboard/HealthPanel';
import { WelcomePanel } from './dashboard/WelcomePanel';

function NoAssets() {
  const isAdmin = useIsAdmin();
  return (
    <EmptyState title="There are no assets yet.">
      {isAdmin ? (
        <p>
          <Link to="/assets/new">Create an asset</Link> to see it on the map.
        </p>
      ) : (
        <p>Assets are added by an administrator of the platform; ask them to add yours.</p>
      )}
    </EmptyState>
  );
}

function AssetOverview({ assets }: { assets: Asset[] }) {
  const isAdmin = useIsAdmin();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const selected = assets.find((asset) => asset.id === selectedId);

  return (
    <>
      <section className="panel" aria-labelledby="map-heading">
        <h2 id="map-heading">{isAdmin ? 'All assets' : 'Your assets'}</h2>
        {/* The panel's place is kept while nothing is selected, so selecting does not resize the map. */}
        <div className="map-layout">
          <AssetMap label={isAdmin ? 'Map of all assets' : 'Map of your assets'} assets={assets} selectedId={selectedId} onSelect={setSelectedId} />
          {selected === undefined ? (
            <p className="panel panel--placeholder muted">Select an asset on the map to see its latest state here.</p>
          ) : (
            <SelectedAssetPanel asset={selected} onClose={() => setSelectedId(null)} />
          )}
        </div>
      </section>
      <section className="panel" aria-labelledby="types-heading">
        <h2 id="types-heading">Asset types</h2>
        <AssetTypeSummary assets={assets} />
      </section>
    </>
  );
}

export function DashboardPage() {
  const { state, reload } = useAssets();

  return (
    <>
      <PageHeading title="Dashboard">Where the assets are and what they are doing. Select an asset on the map to see its latest state.</PageHeading>
      <div className="stack">
        {state.status === 'loading' && <LoadingState>Loading assets…</LoadingState>}
        {state.status === 'error' && <ErrorState title="The assets could not be loaded." error={state.error} onRetry={reload} />}
        {state.status === 'success' && (state.data.length === 0 ? <NoAssets /> : <AssetOverview assets={state.data} />)}
        <div className="panel-grid">
          <WelcomePanel />
          <HealthPanel />
        </div>
      </div>
    </>
  );
}

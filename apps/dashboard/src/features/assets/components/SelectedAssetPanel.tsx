import { Link } from 'react-router-dom';
import { formatCapacity } from '../../../shared/format/numbers';
import { AssetTypeIcon } from '../../map/AssetTypeIcon';
import type { Asset } from '../assetsApi';
import { assetTypeLabel } from '../assetTypes';
import { AssetLatestState } from './AssetLatestState';

/** What the dashboard shows for the asset clicked on the map. */
export function SelectedAssetPanel({ asset, onClose }: { asset: Asset; onClose: () => void }) {
  return (
    <section className="panel selected-asset" aria-label="Selected asset">
      <div className="selected-asset__heading">
        <AssetTypeIcon assetType={asset.asset_type} size={28} />
        <h3>{asset.display_name}</h3>
      </div>
      <p className="muted">
        {assetTypeLabel(asset.asset_type)} · {formatCapacity(asset.capacity_in_mw)}
      </p>
      <AssetLatestState key={asset.id} assetId={asset.id} />
      <div className="button-row">
        <Link to={`/assets/${asset.id}`} className="button">
          Open the asset page
        </Link>
        <button type="button" className="button button--secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}

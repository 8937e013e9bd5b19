import { Link } from 'react-router-dom';
import { AssetTypeIcon } from '../../map/AssetTypeIcon';
import { countAssetTypes } from '../assetTable';
import type { Asset } from '../assetsApi';

/** How many assets of each type; each type links to the assets list filtered on it. */
export function AssetTypeSummary({ assets }: { assets: readonly Asset[] }) {
  const counts = countAssetTypes(assets);
  return (
    <ul className="type-summary">
      {counts.map(({ assetType, label, count }) => (
        <li key={assetType} className="type-summary__item">
          <AssetTypeIcon assetType={assetType} size={28} />
          <Link to={`/assets?q=${encodeURIComponent(assetType)}`} className="type-summary__label">
            {label}
          </Link>
          <span className="type-summary__count">
            {count} {count === 1 ? 'asset' : 'assets'}
          </span>
        </li>
      ))}
    </ul>
  );
}

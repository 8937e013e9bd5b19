import { Link } from 'react-router-dom';
import { formatCapacity, formatLocation, formatResolution } from '../../../shared/format/numbers';
import { AssetTypeIcon } from '../../map/AssetTypeIcon';
import type { AssetRow, AssetSort, AssetSortKey } from '../assetTable';
import { assetTypeLabel } from '../assetTypes';

const COLUMNS: readonly { key: AssetSortKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'location', label: 'Location' },
  { key: 'capacity', label: 'Capacity' },
  { key: 'resolution', label: 'Resolution' },
  { key: 'id', label: 'Asset id' },
  { key: 'owner', label: 'Owner' },
  { key: 'entityAddress', label: 'Entity address' },
];

export interface AssetTableProps {
  rows: readonly AssetRow[];
  sort: AssetSort;
  onSort: (key: AssetSortKey) => void;
}

/** The assets list as the seed shows it; column headers sort (aria-sort says how). */
export function AssetTable({ rows, sort, onSort }: AssetTableProps) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">Assets, sorted by {COLUMNS.find((column) => column.key === sort.key)?.label.toLowerCase()} ({sort.direction})</caption>
        <thead>
          <tr>
            {COLUMNS.map(({ key, label }) => (
              <th key={key} scope="col" aria-sort={sort.key === key ? sort.direction : undefined}>
                <button type="button" className="sort-button" onClick={() => onSort(key)}>
                  {label}
                  <span aria-hidden="true" className="sort-button__arrow">
                    {sort.key === key ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ asset, ownerName, entityAddress }) => (
            <tr key={asset.id}>
              <td>
                <div className="asset-name">
                  <AssetTypeIcon assetType={asset.asset_type} />
                  <div>
                    <Link to={`/assets/${asset.id}`}>{asset.display_name}</Link>
                    <div className="muted small">{assetTypeLabel(asset.asset_type)}</div>
                  </div>
                </div>
              </td>
              <td>{formatLocation(asset.latitude, asset.longitude)}</td>
              <td className="numeric">{formatCapacity(asset.capacity_in_mw)}</td>
              <td>{formatResolution(asset.event_resolution)}</td>
              <td className="numeric">{asset.id}</td>
              <td>{ownerName}</td>
              <td className="mono">{entityAddress ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

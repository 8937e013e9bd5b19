import type { Asset } from './assetsApi';
import { assetTypeLabel } from './assetTypes';

/** One row of the assets list: the asset plus what the list shows about it. */
export interface AssetRow {
  readonly asset: Asset;
  /** The owner's username where the viewer may know it, else "user <id>". */
  readonly ownerName: string;
  readonly entityAddress: string | null;
}

export const ASSET_SORT_KEYS = ['name', 'location', 'capacity', 'resolution', 'id', 'owner', 'entityAddress'] as const;
export type AssetSortKey = (typeof ASSET_SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface AssetSort {
  readonly key: AssetSortKey;
  readonly direction: SortDirection;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Rows whose name, type or owner contains every word of the query (case-insensitive). */
export function filterAssetRows(rows: readonly AssetRow[], query: string): AssetRow[] {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return [...rows];
  return rows.filter(({ asset, ownerName }) => {
    const haystack = [asset.name, asset.display_name, asset.asset_type, assetTypeLabel(asset.asset_type), ownerName, `owner ${asset.owner}`]
      .join(' ')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

function compare(a: AssetRow, b: AssetRow, key: AssetSortKey): number {
  switch (key) {
    case 'name':
      return collator.compare(a.asset.display_name, b.asset.display_name);
    case 'location':
      return a.asset.latitude - b.asset.latitude || a.asset.longitude - b.asset.longitude;
    case 'capacity':
      return a.asset.capacity_in_mw - b.asset.capacity_in_mw;
    case 'resolution':
      return a.asset.event_resolution - b.asset.event_resolution;
    case 'id':
      return a.asset.id - b.asset.id;
    case 'owner':
      return collator.compare(a.ownerName, b.ownerName);
    case 'entityAddress':
      return collator.compare(a.entityAddress ?? '', b.entityAddress ?? '');
  }
}

/** Sorted by one column; ties keep id order, so paging is stable. */
export function sortAssetRows(rows: readonly AssetRow[], sort: AssetSort): AssetRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compare(a, b, sort.key) || a.asset.id - b.asset.id);
}

export interface Page<T> {
  readonly items: T[];
  /** 1-based, clamped to the pages there are. */
  readonly page: number;
  readonly pageCount: number;
  /** 1-based index of the first and last item shown (0 when there are none). */
  readonly first: number;
  readonly last: number;
  readonly total: number;
}

export function pageOf<T>(items: readonly T[], page: number, pageSize: number): Page<T> {
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page)), pageCount);
  const start = (current - 1) * pageSize;
  const shown = items.slice(start, start + pageSize);
  return {
    items: shown,
    page: current,
    pageCount,
    first: shown.length === 0 ? 0 : start + 1,
    last: start + shown.length,
    total: items.length,
  };
}

export interface AssetTypeCount {
  readonly assetType: string;
  readonly label: string;
  readonly count: number;
}

/** How many assets of each type, most common first (then by name). */
export function countAssetTypes(assets: readonly Pick<Asset, 'asset_type'>[]): AssetTypeCount[] {
  const counts = new Map<string, number>();
  for (const { asset_type } of assets) counts.set(asset_type, (counts.get(asset_type) ?? 0) + 1);
  return [...counts]
    .map(([assetType, count]) => ({ assetType, label: assetTypeLabel(assetType), count }))
    .sort((a, b) => b.count - a.count || collator.compare(a.label, b.label));
}

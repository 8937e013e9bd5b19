import type { LatLng } from './projection';

/** What a map needs to know of an asset (the assets API's fields). */
export interface MapAsset {
  readonly id: number;
  readonly name: string;
  readonly display_name?: string;
  readonly asset_type: string;
  readonly latitude: number;
  readonly longitude: number;
}

/**
 * The one interface of the asset map, whichever implementation draws it (Mapbox with a token,
 * the built-in SVG map without).
 */
export interface AssetMapProps {
  /** Accessible name of the map, e.g. "Map of your assets". */
  readonly label: string;
  readonly assets: readonly MapAsset[];
  /** "view": markers can be selected; "pick": a click sets a position (the markers are only context). */
  readonly mode?: 'view' | 'pick';
  readonly selectedId?: number | null;
  readonly onSelect?: (assetId: number | null) => void;
  readonly picked?: LatLng | null;
  readonly onPick?: (position: LatLng) => void;
}

export function assetName(asset: MapAsset): string {
  return asset.display_name !== undefined && asset.display_name !== '' ? asset.display_name : asset.name;
}

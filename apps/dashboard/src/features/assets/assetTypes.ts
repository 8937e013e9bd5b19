import { STORAGE_ASSET_TYPES } from '@flexmeasures/contracts';
/**
 * How the dashboard shows asset types: a label for people and an icon. Types the platform adds later
 * still work: they get a label made from their name and the generic icon.
 */

export type AssetIconKind = 'battery' | 'solar' | 'wind' | 'building' | 'charging' | 'generic';

interface AssetTypeDisplay {
  readonly label: string;
  readonly icon: AssetIconKind;
}

/** The asset types of the platform's standard structure (`flexmeasures add structure`). */
const KNOWN_TYPES: Readonly<Record<string, AssetTypeDisplay>> = {
  battery: { label: 'Battery', icon: 'battery' },
  solar: { label: 'Solar', icon: 'solar' },
  wind: { label: 'Wind', icon: 'wind' },
  building: { label: 'Building', icon: 'building' },
  charging_station: { label: 'Charging station', icon: 'charging' },
  bidirectional_charging_station: { label: 'Charging station (bi-directional)', icon: 'charging' },
  'one-way_evse': { label: 'EV charger (one-way)', icon: 'charging' },
  'two-way_evse': { label: 'EV charger (two-way)', icon: 'charging' },
};

export const KNOWN_ASSET_TYPES: readonly string[] = Object.keys(KNOWN_TYPES);

export { STORAGE_ASSET_TYPES };

export function isStorageType(assetType: string): boolean {
  return STORAGE_ASSET_TYPES.includes(assetType);
}

function humanize(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words === '' ? 'Unknown type' : words.charAt(0).toUpperCase() + words.slice(1);
}

export function assetTypeLabel(assetType: string): string {
  return KNOWN_TYPES[assetType]?.label ?? humanize(assetType);
}

export function assetTypeIcon(assetType: string): AssetIconKind {
  return KNOWN_TYPES[assetType]?.icon ?? 'generic';
}

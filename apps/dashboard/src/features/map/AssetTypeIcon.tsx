import { assetTypeIcon } from '../assets/assetTypes';
import { ASSET_ICON_PATHS } from './assetIcons';

/** The icon of an asset type, decorative (the type's name is always written next to it). */
export function AssetTypeIcon({ assetType, size = 20 }: { assetType: string; size?: number }) {
  const kind = assetTypeIcon(assetType);
  return (
    <svg
      className={`asset-icon asset-icon--${kind}`}
      viewBox="0 0 24 24"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={ASSET_ICON_PATHS[kind]} />
    </svg>
  );
}

import type { AssetIconKind } from '../assets/assetTypes';

/**
 * Line icons on a 24×24 grid, drawn with `stroke: currentColor`. Plain path data, so both the
 * React map and the Mapbox markers (plain DOM) draw the same icons.
 */
export const ASSET_ICON_PATHS: Readonly<Record<AssetIconKind, string>> = {
  battery: 'M3 7h15v10H3z M18 10h2.5v4H18 M11.5 8.5 8.5 12.5h3.5l-1.5 3.5 3.5-4.5h-3.5l1.5-3',
  solar: 'M4 5h16l-2 10H6z M9.3 5 8.7 15 M14.7 5l.6 10 M5 10h14 M12 15v4 M8 19h8',
  wind: 'M12 10v11 M8.5 21h7 M12 10 12.5 2.5 M12 10l6.5 3.8 M12 10l-6.7 3.3',
  building: 'M5 21V4h9v17 M14 9h5v12 M3 21h18 M8 7.5h3 M8 11h3 M8 14.5h3 M16.5 12.5v1 M16.5 16v1',
  charging: 'M5 21V5a2 2 0 0 1 2-2h5a2 2 0 0 1 2 2v16 M3 21h13 M14 9h2a2 2 0 0 1 2 2v4.5a1.5 1.5 0 0 0 3 0V8l-2.5-3 M10 6.5 8 10.5h3l-2 4',
  generic: 'M12 21s7-6.2 7-11.5a7 7 0 0 0-14 0C5 14.8 12 21 12 21z M12 7a2.5 2.5 0 1 0 0 5 2.5 2.5 0 1 0 0-5z',
};

export const ASSET_ICON_KINDS = Object.keys(ASSET_ICON_PATHS) as AssetIconKind[];

/** The icon as SVG markup (for Mapbox's DOM markers); path data are constants, never user input. */
export function assetIconSvg(kind: AssetIconKind, size = 18): string {
  return `<svg viewBox="0 0 24 24" width="${size}" height="${size}" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="${ASSET_ICON_PATHS[kind]}"/></svg>`;
}

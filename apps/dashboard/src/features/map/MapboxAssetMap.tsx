/**
 * The asset map on Mapbox tiles. Loaded with import() only when the platform has a Mapbox token,
 * so mapbox-gl (and its CSS) never weigh on the initial bundle.
 */
import { LngLatBounds, Map as MapboxMap, Marker, NavigationControl, type MapMouseEvent } from 'mapbox-gl';
import 'mapbox-gl/dist/mapbox-gl.css';
import { useEffect, useRef, useState } from 'react';
import { assetTypeIcon, assetTypeLabel } from '../assets/assetTypes';
import { assetIconSvg } from './assetIcons';
import { mapCaption } from './mapCaption';
import { roundPosition } from './projection';
import { assetName, type AssetMapProps, type MapAsset } from './types';
import { useLatest } from './useLatest';

const STYLE = 'mapbox://styles/mapbox/streets-v12';
const WORLD = { center: [0, 20] as [number, number], zoom: 1 };

function markerElement(asset: MapAsset, interactive: boolean): HTMLElement {
  const kind = assetTypeIcon(asset.asset_type);
  const element = document.createElement(interactive ? 'button' : 'span');
  element.className = `mapbox-marker mapbox-marker--${kind}`;
  element.innerHTML = assetIconSvg(kind, 16);
  if (interactive) {
    const label = `${assetName(asset)} (${assetTypeLabel(asset.asset_type)})`;
    element.setAttribute('type', 'button');
    element.setAttribute('aria-label', label);
    element.setAttribute('aria-pressed', 'false');
    element.title = label;
  } else {
    element.setAttribute('aria-hidden', 'true');
  }
  return element;
}

function fitBounds(map: MapboxMap, assets: readonly MapAsset[]): void {
  if (assets.length === 0) return;
  const bounds = new LngLatBounds();
  for (const asset of assets) bounds.extend([asset.longitude, asset.latitude]);
  map.fitBounds(bounds, { padding: 48, maxZoom: 14, duration: 0 });
}

export default function MapboxAssetMap({
  accessToken,
  label,
  assets,
  mode = 'view',
  selectedId = null,
  onSelect,
  picked = null,
  onPick,
}: AssetMapProps & { accessToken: string }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapboxMap | null>(null);
  const markersRef = useRef(new Map<number, HTMLElement>());
  const pinRef = useRef<Marker | null>(null);
  const onSelectRef = useLatest(onSelect);
  const onPickRef = useLatest(onPick);
  const picking = mode === 'pick';
  const [tileError, setTileError] = useState<string | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (container === null) return;
    const map = new MapboxMap({ container, accessToken, style: STYLE, ...WORLD });
    map.addControl(new NavigationControl({ showCompass: false }));
    map.getCanvas().setAttribute('aria-label', label);
    // A wrong token or no network: the markers still work, but say why the background stays empty.
    map.on('error', (event) => setTileError(event.error?.message ?? 'unknown error'));
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, [accessToken, label]);

  useEffect(() => {
    const map = mapRef.current;
    if (map === null) return;
    const markers: Marker[] = [];
    markersRef.current.clear();
    for (const asset of assets) {
      const element = markerElement(asset, !picking);
      if (!picking) {
        element.addEventListener('click', (event) => {
          event.stopPropagation();
          onSelectRef.current?.(asset.id);
        });
        markersRef.current.set(asset.id, element);
      }
      markers.push(new Marker({ element }).setLngLat([asset.longitude, asset.latitude]).addTo(map));
    }
    if (picked !== null) map.jumpTo({ center: [picked.lng, picked.lat], zoom: 12 });
    else fitBounds(map, assets);
    return () => markers.forEach((marker) => marker.remove());
    // The view is fitted when the assets change, not when a position is picked (so `picked` is no dependency).
  }, [assets, picking, onSelectRef]);

  useEffect(() => {
    for (const [id, element] of markersRef.current) {
      element.setAttribute('aria-pressed', String(id === selectedId));
      element.classList.toggle('mapbox-marker--selected', id === selectedId);
    }
  }, [selectedId, assets]);

  useEffect(() => {
    const map = mapRef.current;
    if (map === null || !picking) return;
    const handleClick = (event: MapMouseEvent) => onPickRef.current?.(roundPosition({ lat: event.lngLat.lat, lng: event.lngLat.lng }));
    map.on('click', handleClick);
    map.getCanvas().style.cursor = 'crosshair';
    return () => {
      map.off('click', handleClick);
    };
  }, [picking, onPickRef]);

  useEffect(() => {
    const map = mapRef.current;
    if (map === null || !picking) return;
    if (picked === null) {
      pinRef.current?.remove();
      pinRef.current = null;
      return;
    }
    pinRef.current ??= new Marker({ color: '#a1261b' }).setLngLat([picked.lng, picked.lat]).addTo(map);
    pinRef.current.setLngLat([picked.lng, picked.lat]);
  }, [picking, picked]);

  useEffect(
    () => () => {
      pinRef.current?.remove();
    },
    [],
  );

  return (
    <div className="mapbox-map">
      <div ref={containerRef} className="mapbox-map__canvas" role="region" aria-label={label} />
      {tileError !== null && (
        <p className="notice notice--info">
          The map tiles could not be loaded ({tileError}). Check MAPBOX_ACCESS_TOKEN and the network; the markers still show the asset positions.
        </p>
      )}
      <p className="svg-map__caption">{mapCaption(picking, picked, assets.length)}</p>
    </div>
  );
}

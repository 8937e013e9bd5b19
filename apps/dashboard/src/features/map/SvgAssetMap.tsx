import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { assetTypeIcon, assetTypeLabel, type AssetIconKind } from '../assets/assetTypes';
import { ASSET_ICON_PATHS } from './assetIcons';
import { mapCaption } from './mapCaption';
import {
  clientToViewBox,
  contains,
  fitView,
  formatDegree,
  gridLines,
  MAP_VIEWPORT,
  panView,
  projectionFor,
  roundPosition,
  WORLD_VIEW,
  zoomView,
  type LatLng,
  type MapView,
  type Point,
} from './projection';
import { assetName, type AssetMapProps, type MapAsset } from './types';
import { useLatest } from './useLatest';

const { width: W, height: H } = MAP_VIEWPORT;
const MARKER_RADIUS = 11;

function positionOf(asset: MapAsset): LatLng {
  return { lat: asset.latitude, lng: asset.longitude };
}

/**
 * Assets at one spot (e.g. the chargers of one station) would hide each other: each marker of such a
 * group is moved onto a small circle around the spot, so every one can be seen and clicked.
 */
export function spreadColocated<T extends { point: Point }>(markers: T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const marker of markers) {
    const key = `${Math.round(marker.point.x / 2)},${Math.round(marker.point.y / 2)}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [marker]);
    else group.push(marker);
  }
  return markers.map((marker) => {
    const group = groups.get(`${Math.round(marker.point.x / 2)},${Math.round(marker.point.y / 2)}`) ?? [marker];
    if (group.length === 1) return marker;
    const index = group.indexOf(marker);
    const radius = Math.max(MARKER_RADIUS * 1.4, (group.length * MARKER_RADIUS * 2.2) / (2 * Math.PI));
    const angle = (2 * Math.PI * index) / group.length - Math.PI / 2;
    return { ...marker, point: { x: marker.point.x + radius * Math.cos(angle), y: marker.point.y + radius * Math.sin(angle) } };
  });
}

function initialView(assets: readonly MapAsset[], picked: LatLng | null): MapView {
  const positions = assets.map(positionOf);
  if (picked !== null) positions.push(picked);
  return positions.length === 0 ? WORLD_VIEW : fitView(positions);
}

/**
 * A round badge in the type's colour with the type's icon: two plain elements (no <use>, whose
 * shadow copies made 1,000 markers slow to draw).
 */
function MarkerBody({ kind }: { kind: AssetIconKind }) {
  return (
    <>
      <circle className={`svg-map__marker-dot svg-map__marker-dot--${kind}`} r={MARKER_RADIUS} />
      <path className="svg-map__marker-icon" d={ASSET_ICON_PATHS[kind]} transform="translate(-8 -8) scale(0.6667)" />
    </>
  );
}

interface MarkerProps {
  id: number;
  x: number;
  y: number;
  kind: AssetIconKind;
  label: string;
  selected: boolean;
  interactive: boolean;
  onActivate: (id: number) => void;
}

/** One asset: a round badge with its type icon; a button in view mode. */
const Marker = memo(function Marker({ id, x, y, kind, label, selected, interactive, onActivate }: MarkerProps) {
  const activate = (event: MouseEvent) => {
    event.stopPropagation();
    onActivate(id);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onActivate(id);
  };
  const size = selected ? 1.35 : 1;
  const body = <MarkerBody kind={kind} />;
  return interactive ? (
    <g
      className={selected ? 'svg-map__marker svg-map__marker--selected' : 'svg-map__marker'}
      transform={`translate(${x.toFixed(1)} ${y.toFixed(1)}) scale(${size})`}
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-pressed={selected}
      onClick={activate}
      onKeyDown={onKeyDown}
    >
      <title>{label}</title>
      {body}
    </g>
  ) : (
    <g className="svg-map__marker svg-map__marker--context" transform={`translate(${x.toFixed(1)} ${y.toFixed(1)})`} aria-hidden="true">
      {body}
    </g>
  );
});

function SelectedHighlight({ kind, point }: { kind: AssetIconKind; point: Point }) {
  return (
    <g className="svg-map__marker svg-map__marker--selected svg-map__marker--highlight" transform={`translate(${point.x.toFixed(1)} ${point.y.toFixed(1)}) scale(1.35)`} aria-hidden="true">
      <MarkerBody kind={kind} />
    </g>
  );
}

function Grid({ view }: { view: MapView }) {
  const projection = projectionFor(view);
  const { lats, lngs, step } = gridLines(projection.bounds);
  const { bounds } = projection;
  const north = projection.toPoint({ lat: 90, lng: bounds.west }).y;
  const south = projection.toPoint({ lat: -90, lng: bounds.west }).y;
  return (
    <g className="svg-map__grid" aria-hidden="true">
      {north > 0 && <rect className="svg-map__beyond" x={0} y={0} width={W} height={north} />}
      {south < H && <rect className="svg-map__beyond" x={0} y={south} width={W} height={H - south} />}
      {lats.map((lat) => {
        const { y } = projection.toPoint({ lat, lng: bounds.west });
        return (
          <g key={`lat${lat}`}>
            <line x1={0} x2={W} y1={y} y2={y} />
            {/* Labels that would run into the longitude labels along the bottom are left out. */}
            {y < H - 24 && (
              <text x={6} y={y - 4}>
                {formatDegree(lat, 'lat', step)}
              </text>
            )}
          </g>
        );
      })}
      {lngs.map((lng) => {
        const { x } = projection.toPoint({ lat: bounds.south, lng });
        return (
          <g key={`lng${lng}`}>
            <line x1={x} x2={x} y1={0} y2={H} />
            {x > 70 && x < W - 60 && (
              <text x={x + 4} y={H - 6}>
                {formatDegree(lng, 'lng', step)}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}

function PickedPin({ point }: { point: { x: number; y: number } }) {
  return (
    <g className="svg-map__pin" transform={`translate(${point.x.toFixed(1)} ${point.y.toFixed(1)})`} aria-hidden="true">
      <path d="M0 0c-6-9-10-13-10-19a10 10 0 0 1 20 0c0 6-4 10-10 19z" />
      <circle cx={0} cy={-19} r={3.5} />
    </g>
  );
}

/**
 * The built-in map: asset positions on a latitude/longitude grid, no tiles and no network.
 * Used without a Mapbox token (and in CI's browser tests).
 */
export function SvgAssetMap({ label, assets, mode = 'view', selectedId = null, onSelect, picked = null, onPick }: AssetMapProps) {
  const [view, setView] = useState<MapView>(() => initialView(assets, picked));
  const projection = useMemo(() => projectionFor(view), [view]);
  const svgRef = useRef<SVGSVGElement>(null);
  const instructionsId = useId();
  const onSelectRef = useLatest(onSelect);
  const picking = mode === 'pick';

  // A position typed into the form that lies outside the view brings the view to it.
  useEffect(() => {
    if (picked !== null && !contains(projectionFor(view).bounds, picked)) setView((current) => ({ ...current, center: picked }));
    // Only a new position moves the view (not the user's own panning), so `view` is not a dependency.
  }, [picked?.lat, picked?.lng]);

  const activate = useCallback((id: number) => onSelectRef.current?.(id), [onSelectRef]);

  const markers = useMemo(() => {
    const margin = { lat: view.latSpan * 0.05, lng: view.latSpan * 0.1 };
    const { bounds } = projection;
    const wide = { south: bounds.south - margin.lat, north: bounds.north + margin.lat, west: bounds.west - margin.lng, east: bounds.east + margin.lng };
    const placed = assets
      .filter((asset) => contains(wide, positionOf(asset)))
      .map((asset) => ({ asset, point: projection.toPoint(positionOf(asset)) }));
    return spreadColocated(placed);
  }, [assets, projection, view.latSpan]);

  const handleClick = (event: MouseEvent<SVGSVGElement>) => {
    if (picking) {
      const svg = svgRef.current;
      if (svg === null || onPick === undefined) return;
      const point = clientToViewBox(event.clientX, event.clientY, svg.getBoundingClientRect());
      onPick(roundPosition(projection.toLatLng(point)));
    } else if (selectedId !== null) {
      onSelect?.(null);
    }
  };

  const selected = markers.find(({ asset }) => asset.id === selectedId);
  const renderMarker = ({ asset, point }: (typeof markers)[number]) => (
    <Marker
      key={asset.id}
      id={asset.id}
      x={point.x}
      y={point.y}
      kind={assetTypeIcon(asset.asset_type)}
      label={`${assetName(asset)} (${assetTypeLabel(asset.asset_type)})`}
      selected={asset.id === selectedId}
      interactive={!picking}
      onActivate={activate}
    />
  );

  return (
    <div className={picking ? 'svg-map svg-map--pick' : 'svg-map'}>
      <div className="svg-map__controls" role="group" aria-label="Map controls">
        <button type="button" className="map-button" onClick={() => setView((current) => zoomView(current, 2))} aria-label="Zoom in">
          +
        </button>
        <button type="button" className="map-button" onClick={() => setView((current) => zoomView(current, 0.5))} aria-label="Zoom out">
          −
        </button>
        <button type="button" className="map-button" onClick={() => setView((current) => panView(current, 0, 0.25))} aria-label="Move north">
          ↑
        </button>
        <button type="button" className="map-button" onClick={() => setView((current) => panView(current, 0, -0.25))} aria-label="Move south">
          ↓
        </button>
        <button type="button" className="map-button" onClick={() => setView((current) => panView(current, -0.25, 0))} aria-label="Move west">
          ←
        </button>
        <button type="button" className="map-button" onClick={() => setView((current) => panView(current, 0.25, 0))} aria-label="Move east">
          →
        </button>
        {(assets.length > 0 || picked !== null) && (
          <button type="button" className="map-button map-button--wide" onClick={() => setView(initialView(assets, picked))}>
            {assets.length === 0 ? 'Show the location' : 'Fit to assets'}
          </button>
        )}
        <button type="button" className="map-button map-button--wide" onClick={() => setView(WORLD_VIEW)}>
          Whole world
        </button>
      </div>
      <svg
        ref={svgRef}
        className="svg-map__canvas"
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="xMidYMid meet"
        role="group"
        aria-label={label}
        aria-describedby={instructionsId}
        onClick={handleClick}
      >
        <rect className="svg-map__background" x={0} y={0} width={W} height={H} />
        <Grid view={view} />
        <g className="svg-map__markers">{markers.map(renderMarker)}</g>
        {selected !== undefined && (
          // SVG has no z-index: a copy drawn last keeps the selected marker on top, while the focusable original stays in place.
          <SelectedHighlight kind={assetTypeIcon(selected.asset.asset_type)} point={selected.point} />
        )}
        {picked !== null && <PickedPin point={projection.toPoint(picked)} />}
      </svg>
      <p id={instructionsId} className="svg-map__caption">
        {mapCaption(picking, picked, assets.length, markers.length)}
      </p>
    </div>
  );
}

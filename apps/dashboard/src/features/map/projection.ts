/**
 * The geometry of the built-in map: an equirectangular projection around a centre, with longitudes
 * shrunk by cos(centre latitude) so shapes look right at the latitudes being shown. Pure functions,
 * so the conversion from a click back to a position can be tested.
 */

export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Viewport {
  readonly width: number;
  readonly height: number;
}

/** What the map shows: a centre and how many degrees of latitude fit the height. */
export interface MapView {
  readonly center: LatLng;
  readonly latSpan: number;
}

export interface GeoBounds {
  readonly south: number;
  readonly west: number;
  readonly north: number;
  readonly east: number;
}

/** The viewBox of the SVG map; the element scales it to the space it gets. */
export const MAP_VIEWPORT: Viewport = { width: 800, height: 450 };

export const MIN_LAT_SPAN = 0.002;
export const MAX_LAT_SPAN = 180;

/** The whole inhabited world, for a map with nothing on it yet. */
export const WORLD_VIEW: MapView = { center: { lat: 15, lng: 0 }, latSpan: 150 };

/** Below ~0.2, |cos| would stretch the map absurdly near the poles. */
function lngScale(view: MapView): number {
  return Math.max(0.2, Math.cos((clampLat(view.center.lat) * Math.PI) / 180));
}

export function clampLat(lat: number): number {
  return Math.min(90, Math.max(-90, lat));
}

/** Longitude in [-180, 180). */
export function wrapLng(lng: number): number {
  return ((((lng + 180) % 360) + 360) % 360) - 180;
}

export interface Projection {
  toPoint(position: LatLng): Point;
  toLatLng(point: Point): LatLng;
  /** The area the viewport shows (may extend beyond ±90° / ±180°). */
  readonly bounds: GeoBounds;
}

export function projectionFor(view: MapView, viewport: Viewport = MAP_VIEWPORT): Projection {
  const pxPerDegLat = viewport.height / view.latSpan;
  const pxPerDegLng = pxPerDegLat * lngScale(view);
  const { lat: lat0, lng: lng0 } = view.center;
  const halfW = viewport.width / 2;
  const halfH = viewport.height / 2;
  return {
    toPoint: ({ lat, lng }) => ({ x: halfW + (lng - lng0) * pxPerDegLng, y: halfH - (lat - lat0) * pxPerDegLat }),
    toLatLng: ({ x, y }) => ({ lat: lat0 - (y - halfH) / pxPerDegLat, lng: lng0 + (x - halfW) / pxPerDegLng }),
    bounds: {
      south: lat0 - halfH / pxPerDegLat,
      north: lat0 + halfH / pxPerDegLat,
      west: lng0 - halfW / pxPerDegLng,
      east: lng0 + halfW / pxPerDegLng,
    },
  };
}

export function clampSpan(latSpan: number): number {
  return Math.min(MAX_LAT_SPAN, Math.max(MIN_LAT_SPAN, latSpan));
}

/**
 * The view that shows every position with `padding` (a share of the span) around them.
 * One position (or several at one spot) gets a neighbourhood of about 2 km; none gets the world.
 */
export function fitView(positions: readonly LatLng[], viewport: Viewport = MAP_VIEWPORT, padding = 0.1): MapView {
  if (positions.length === 0) return WORLD_VIEW;
  let south = Infinity;
  let north = -Infinity;
  let west = Infinity;
  let east = -Infinity;
  for (const { lat, lng } of positions) {
    south = Math.min(south, lat);
    north = Math.max(north, lat);
    west = Math.min(west, lng);
    east = Math.max(east, lng);
  }
  const center = { lat: (south + north) / 2, lng: (west + east) / 2 };
  const scale = lngScale({ center, latSpan: 1 });
  const aspect = viewport.height / viewport.width;
  const needed = Math.max(north - south, (east - west) * scale * aspect);
  return { center, latSpan: clampSpan(Math.max(needed * (1 + 2 * padding), 0.02)) };
}

export function zoomView(view: MapView, factor: number): MapView {
  return { center: view.center, latSpan: clampSpan(view.latSpan / factor) };
}

/** Moves the view by a share of its size: dx > 0 east, dy > 0 north. */
export function panView(view: MapView, dx: number, dy: number, viewport: Viewport = MAP_VIEWPORT): MapView {
  const lngSpan = (view.latSpan * viewport.width) / viewport.height / lngScale(view);
  return { latSpan: view.latSpan, center: { lat: clampLat(view.center.lat + dy * view.latSpan), lng: view.center.lng + dx * lngSpan } };
}

export function contains(bounds: GeoBounds, { lat, lng }: LatLng): boolean {
  return lat >= bounds.south && lat <= bounds.north && lng >= bounds.west && lng <= bounds.east;
}

/**
 * A point in viewBox units for a click at (clientX, clientY) on an SVG drawn in `rect` with
 * preserveAspectRatio "xMidYMid meet" (the viewBox is scaled to fit and centred).
 */
export function clientToViewBox(
  clientX: number,
  clientY: number,
  rect: { left: number; top: number; width: number; height: number },
  viewport: Viewport = MAP_VIEWPORT,
): Point {
  const scale = Math.min(rect.width / viewport.width, rect.height / viewport.height);
  if (!(scale > 0)) return { x: viewport.width / 2, y: viewport.height / 2 };
  const offsetX = (rect.width - viewport.width * scale) / 2;
  const offsetY = (rect.height - viewport.height * scale) / 2;
  return { x: (clientX - rect.left - offsetX) / scale, y: (clientY - rect.top - offsetY) / scale };
}

const NICE_STEPS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 45, 90];

/** A round step that divides `span` into about `target` parts. */
export function niceStep(span: number, target = 5): number {
  const raw = span / target;
  return NICE_STEPS.find((step) => step >= raw) ?? 90;
}

/** Grid line positions: round latitudes and longitudes inside the bounds (latitudes within ±90). */
export function gridLines(bounds: GeoBounds): { lats: number[]; lngs: number[]; step: number } {
  const step = niceStep(bounds.north - bounds.south);
  const lines = (from: number, to: number) => {
    const values: number[] = [];
    for (let index = Math.ceil(from / step); index * step <= to; index += 1) values.push(Number((index * step).toFixed(6)));
    return values;
  };
  return {
    lats: lines(Math.max(-90, bounds.south), Math.min(90, bounds.north)),
    lngs: lines(bounds.west, bounds.east),
    step,
  };
}

/** "33.5° N", "126.25° E", with as many decimals as the grid step needs. */
export function formatDegree(value: number, axis: 'lat' | 'lng', step: number): string {
  const decimals = Math.max(0, Math.min(4, Math.ceil(-Math.log10(step) - 1e-9)));
  const shown = axis === 'lng' ? wrapLng(value) : value;
  const hemisphere = axis === 'lat' ? (shown < 0 ? 'S' : 'N') : shown < 0 ? 'W' : 'E';
  const magnitude = Math.abs(shown);
  return magnitude === 0 ? '0°' : `${magnitude.toFixed(decimals)}° ${hemisphere}`;
}

/** A picked position, rounded to about 1 m and inside the valid ranges. */
export function roundPosition({ lat, lng }: LatLng): LatLng {
  const round = (value: number) => Math.round(value * 1e5) / 1e5;
  return { lat: round(clampLat(lat)), lng: round(wrapLng(lng)) };
}

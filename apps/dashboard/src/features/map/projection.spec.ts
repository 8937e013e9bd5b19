import fc from 'fast-check';
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
} from './projection';

const jeju = [
  { lat: 33.5236, lng: 126.8634 },
  { lat: 33.5544, lng: 126.0379 },
  { lat: 33.25, lng: 126.56 },
];

describe('equirectangular projection', () => {
  it('round-trips lat/lng → x/y → lat/lng for any view', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: 0.002, max: 180, noNaN: true }),
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        (centerLat, centerLng, latSpan, lat, lng) => {
          const projection = projectionFor({ center: { lat: centerLat, lng: centerLng }, latSpan });
          const back = projection.toLatLng(projection.toPoint({ lat, lng }));
          expect(back.lat).toBeCloseTo(lat, 6);
          expect(back.lng).toBeCloseTo(lng, 6);
        },
      ),
    );
  });

  it('puts the centre in the middle, north up and east right', () => {
    const projection = projectionFor({ center: { lat: 33.4, lng: 126.5 }, latSpan: 1 });
    expect(projection.toPoint({ lat: 33.4, lng: 126.5 })).toEqual({ x: 400, y: 225 });
    expect(projection.toPoint({ lat: 33.9, lng: 126.5 }).y).toBeCloseTo(0);
    expect(projection.toPoint({ lat: 33.4, lng: 127 }).x).toBeGreaterThan(400);
    // One degree of longitude is shorter than one of latitude away from the equator.
    const east = projection.toPoint({ lat: 33.4, lng: 127.5 }).x - 400;
    const north = 225 - projection.toPoint({ lat: 34.4, lng: 126.5 }).y;
    expect(east / north).toBeCloseTo(Math.cos((33.4 * Math.PI) / 180), 6);
  });

  it('fits every asset inside the view with padding', () => {
    const view = fitView(jeju);
    const { bounds } = projectionFor(view);
    for (const position of jeju) {
      expect(contains(bounds, position)).toBe(true);
      const { x, y } = projectionFor(view).toPoint(position);
      expect(x).toBeGreaterThan(MAP_VIEWPORT.width * 0.05);
      expect(x).toBeLessThan(MAP_VIEWPORT.width * 0.95);
      expect(y).toBeGreaterThan(MAP_VIEWPORT.height * 0.05);
      expect(y).toBeLessThan(MAP_VIEWPORT.height * 0.95);
    }
  });

  it('shows the world when there is nothing to fit, and a neighbourhood around a single asset', () => {
    expect(fitView([])).toEqual(WORLD_VIEW);
    const single = fitView([{ lat: 52.37, lng: 4.9 }]);
    expect(single.center).toEqual({ lat: 52.37, lng: 4.9 });
    expect(single.latSpan).toBeGreaterThan(0.01);
    expect(single.latSpan).toBeLessThan(0.1);
  });

  it('zooms around the centre within limits, and pans by a share of the view', () => {
    const view = { center: { lat: 10, lng: 20 }, latSpan: 8 };
    expect(zoomView(view, 2)).toEqual({ center: view.center, latSpan: 4 });
    expect(zoomView({ ...view, latSpan: 0.003 }, 2).latSpan).toBe(0.002);
    expect(zoomView(view, 1 / 1000).latSpan).toBe(180);
    expect(panView(view, 0, 0.25).center).toEqual({ lat: 12, lng: 20 });
    expect(panView(view, -0.25, 0).center.lng).toBeLessThan(20);
    expect(panView({ ...view, center: { lat: 89, lng: 0 } }, 0, 0.25).center.lat).toBe(90);
  });
});

describe('clicks on the SVG', () => {
  it('maps a click back to viewBox units, letterboxed ("xMidYMid meet")', () => {
    const exact = { left: 10, top: 20, width: 400, height: 225 };
    expect(clientToViewBox(10, 20, exact)).toEqual({ x: 0, y: 0 });
    expect(clientToViewBox(410, 245, exact)).toEqual({ x: 800, y: 450 });
    // Taller than 16:9: the drawing is centred vertically with bands above and below.
    const tall = { left: 0, top: 0, width: 400, height: 425 };
    expect(clientToViewBox(200, 212.5, tall)).toEqual({ x: 400, y: 225 });
    expect(clientToViewBox(0, 100, tall)).toEqual({ x: 0, y: 0 });
  });

  it('picks the position that was clicked, rounded to about a metre', () => {
    const view = fitView(jeju);
    const projection = projectionFor(view);
    const target = { lat: 33.41234567, lng: 126.7654321 };
    const { x, y } = projection.toPoint(target);
    const rect = { left: 0, top: 0, width: 800, height: 450 };
    const picked = roundPosition(projection.toLatLng(clientToViewBox(x, y, rect)));
    expect(picked).toEqual({ lat: 33.41235, lng: 126.76543 });
    expect(roundPosition({ lat: 95, lng: 190 })).toEqual({ lat: 90, lng: -170 });
  });
});

describe('grid', () => {
  it('draws round latitudes and longitudes inside the view, labelled with hemispheres', () => {
    const { lats, lngs, step } = gridLines({ south: 33.2, north: 33.6, west: 126, east: 127 });
    expect(step).toBe(0.1);
    expect(lats).toEqual([33.2, 33.3, 33.4, 33.5, 33.6]);
    expect(lngs[0]).toBe(126);
    expect(lngs).toHaveLength(11);
    expect(formatDegree(33.5, 'lat', step)).toBe('33.5° N');
    expect(formatDegree(-33.5, 'lat', step)).toBe('33.5° S');
    expect(formatDegree(-70.6, 'lng', step)).toBe('70.6° W');
    expect(formatDegree(190, 'lng', 10)).toBe('170° W');
    expect(formatDegree(0, 'lat', 10)).toBe('0°');
  });

  it('keeps latitude lines within ±90° in the world view', () => {
    const { lats } = gridLines(projectionFor(WORLD_VIEW).bounds);
    expect(Math.min(...lats)).toBeGreaterThanOrEqual(-90);
    expect(Math.max(...lats)).toBeLessThanOrEqual(90);
  });
});

import { greatCircleDistanceKm } from './great-circle';

describe('great-circle distance', () => {
  it.each([
    ['Amsterdam – Seoul', { latitude: 52.3676, longitude: 4.9041 }, { latitude: 37.5665, longitude: 126.978 }, 8570, 30],
    ['one degree of latitude', { latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 }, 111.2, 0.1],
    ['across the antimeridian', { latitude: 0, longitude: 179.9 }, { latitude: 0, longitude: -179.9 }, 22.2, 0.1],
    ['pole to pole', { latitude: 90, longitude: 0 }, { latitude: -90, longitude: 0 }, 20015, 1],
    ['the same place', { latitude: 33.4, longitude: 126.5 }, { latitude: 33.4, longitude: 126.5 }, 0, 1e-9],
  ])('%s', (_name, a, b, km, tolerance) => {
    expect(Math.abs(greatCircleDistanceKm(a, b) - km)).toBeLessThanOrEqual(tolerance);
    expect(greatCircleDistanceKm(b, a)).toBeCloseTo(greatCircleDistanceKm(a, b), 9);
  });
});

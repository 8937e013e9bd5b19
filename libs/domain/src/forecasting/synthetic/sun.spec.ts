import { clearSkyIrradiance, cloudyIrradiance, solarElevationDeg } from './sun';

const MIN = 60_000;

function maxElevationOfDay(dayStartMs: number, lat: number, lng: number): number {
  let max = -90;
  for (let t = dayStartMs; t < dayStartMs + 1440 * MIN; t += MIN) max = Math.max(max, solarElevationDeg(t, lat, lng));
  return max;
}

describe('solarElevationDeg', () => {
  it('puts the sun overhead at the equator at noon on an equinox, and below the horizon at midnight', () => {
    expect(maxElevationOfDay(Date.parse('2016-03-20T00:00:00Z'), 0, 0)).toBeGreaterThan(89.5);
    expect(solarElevationDeg(Date.parse('2016-03-20T00:07:00Z'), 0, 0)).toBeLessThan(-89);
  });

  it('gives 90° − latitude + 23.44° at noon on the June solstice (Jeju), with noon at about 03:36 UTC', () => {
    const day = Date.parse('2016-06-21T00:00:00Z');
    expect(maxElevationOfDay(day, 33.4843866, 126.477859)).toBeCloseTo(90 - 33.4843866 + 23.44, 0);
    expect(solarElevationDeg(Date.parse('2016-06-21T03:36:00Z'), 33.4843866, 126.477859)).toBeGreaterThan(79.5);
    expect(solarElevationDeg(Date.parse('2016-06-21T15:36:00Z'), 33.4843866, 126.477859)).toBeLessThan(-30);
  });
});

describe('irradiance', () => {
  it('is zero with the sun below the horizon, about 1 kW/m² overhead, and cut by clouds', () => {
    expect(clearSkyIrradiance(-5)).toBe(0);
    expect(clearSkyIrradiance(90)).toBeCloseTo(1098 * Math.exp(-0.057), 6);
    expect(cloudyIrradiance(1000, 0)).toBe(1000);
    expect(cloudyIrradiance(1000, 1)).toBeCloseTo(250, 6);
    expect(cloudyIrradiance(1000, 0.5)).toBeGreaterThan(900);
  });
});

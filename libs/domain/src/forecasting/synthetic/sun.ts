const DEG = Math.PI / 180;
const DAY_MS = 24 * 3600_000;
/** 2000-01-01T12:00:00Z, the J2000 epoch. */
const J2000_MS = Date.UTC(2000, 0, 1, 12);

/**
 * The sun's elevation above the horizon in degrees at an instant and place
 * (the low-precision solar position of the Astronomical Almanac, about 0.01°
 * over 1950–2050; refraction ignored).
 */
export function solarElevationDeg(instantMs: number, latDeg: number, lngDeg: number): number {
  const d = (instantMs - J2000_MS) / DAY_MS;
  const meanAnomaly = (357.529 + 0.98560028 * d) * DEG;
  const meanLongitude = 280.459 + 0.98564736 * d;
  const eclipticLongitude = (meanLongitude + 1.915 * Math.sin(meanAnomaly) + 0.02 * Math.sin(2 * meanAnomaly)) * DEG;
  const obliquity = (23.439 - 0.00000036 * d) * DEG;
  const rightAscension = Math.atan2(Math.cos(obliquity) * Math.sin(eclipticLongitude), Math.cos(eclipticLongitude));
  const declination = Math.asin(Math.sin(obliquity) * Math.sin(eclipticLongitude));
  const siderealHours = 18.697374558 + 24.06570982441908 * d;
  const hourAngle = (siderealHours * 15 + lngDeg) * DEG - rightAscension;
  const lat = latDeg * DEG;
  const sine = Math.sin(lat) * Math.sin(declination) + Math.cos(lat) * Math.cos(declination) * Math.cos(hourAngle);
  return Math.asin(Math.max(-1, Math.min(1, sine))) / DEG;
}

/** Global horizontal irradiance under a clear sky in W/m² (Haurwitz), from the sun's elevation. */
export function clearSkyIrradiance(elevationDeg: number): number {
  const cosZenith = Math.sin(elevationDeg * DEG);
  return cosZenith <= 0 ? 0 : 1098 * cosZenith * Math.exp(-0.057 / cosZenith);
}

/** Irradiance under clouds (Kasten–Czeplak): clear-sky × (1 − 0.75·cloudiness^3.4), cloudiness in [0, 1]. */
export function cloudyIrradiance(clearSky: number, cloudiness: number): number {
  return clearSky * (1 - 0.75 * Math.pow(Math.min(1, Math.max(0, cloudiness)), 3.4));
}

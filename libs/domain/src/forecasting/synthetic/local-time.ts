const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const YEAR_DAYS = 365.2425;

/** The offset of mean solar time at a longitude, rounded to whole hours: the "local time" of synthetic human behaviour. */
export function solarTimeOffsetMs(lngDeg: number): number {
  return Math.round(lngDeg / 15) * HOUR_MS;
}

export interface LocalTime {
  /** Hour of day with fraction, [0, 24). */
  readonly hour: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  /** Days since 1 January with fraction (approximately; a year is taken as 365.2425 days). */
  readonly dayOfYear: number;
}

export function localTime(instantMs: number, utcOffsetMs: number): LocalTime {
  const local = instantMs + utcOffsetMs;
  const days = local / DAY_MS;
  return {
    hour: (((local % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS,
    // 1970-01-01 was a Thursday.
    weekday: (((Math.floor(days) + 4) % 7) + 7) % 7,
    dayOfYear: ((days % YEAR_DAYS) + YEAR_DAYS) % YEAR_DAYS,
  };
}

/** cos of the phase of the year, 1 on `peakDay` (day of year) and −1 half a year later. */
export function seasonalCycle(dayOfYear: number, peakDay: number): number {
  return Math.cos((2 * Math.PI * (dayOfYear - peakDay)) / YEAR_DAYS);
}

/** cos of the phase of the day, 1 at `peakHour`. */
export function dailyCycle(hour: number, peakHour: number): number {
  return Math.cos((2 * Math.PI * (hour - peakHour)) / 24);
}

/** A bump of height 1 at `centre` hours with width `width` hours, wrapping around midnight. */
export function hourBump(hour: number, centre: number, width: number): number {
  const distance = Math.min(Math.abs(hour - centre), 24 - Math.abs(hour - centre));
  return Math.exp(-0.5 * (distance / width) ** 2);
}

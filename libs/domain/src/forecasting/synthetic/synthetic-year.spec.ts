import { errorOf } from '../../test/domain-error-of';
import { occupancy, powerCurve } from './power-assets';
import { generateYear, SYNTHETIC_ASSETS, type SyntheticYear } from './synthetic-year';

const JEJU = { lat: 33.4843866, lng: 126.477859 };
const START = Date.UTC(2015, 0, 1);
const values = (series: { values: readonly (number | null)[] }) => series.values as number[];
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('generateYear', () => {
  let year: SyntheticYear;
  beforeAll(() => {
    year = generateYear({ seed: 42, startMs: START, ...JEJU });
  });

  it('gives the same numbers for the same seed, and others for another seed', () => {
    const again = generateYear({ seed: 42, startMs: START, days: 30, ...JEJU });
    const other = generateYear({ seed: 43, startMs: START, days: 30, ...JEJU });
    // The 30 days are the start of the year: a longer period does not reshuffle the shorter one.
    expect(values(again.solar)).toEqual(values(year.solar).slice(0, 30 * 96));
    expect(values(again.evChargers)).toEqual(values(year.evChargers).slice(0, 30 * 96));
    expect(values(again.prices)).toEqual(values(year.prices).slice(0, 30 * 24));
    expect(values(other.wind)).not.toEqual(values(again.wind));
    expect(values(other.building)).not.toEqual(values(again.building));
  });

  it('covers a year in quarter-hours (prices hourly)', () => {
    for (const series of [year.solar, year.wind, year.building, year.evChargers, year.weather.temperature, year.weather.radiation]) {
      expect(series.values).toHaveLength(365 * 96);
      expect(series.startMs).toBe(START);
    }
    expect(year.prices.values).toHaveLength(365 * 24);
    expect(year.prices.resolutionMs).toBe(3600_000);
  });

  it('has plausible weather: warmer in summer than in winter, winds of a few m/s, no sun at night', () => {
    const temperature = values(year.weather.temperature);
    expect(mean(temperature.slice(180 * 96, 240 * 96))).toBeGreaterThan(mean(temperature.slice(0, 60 * 96)) + 10);
    const wind = values(year.weather.windSpeed);
    expect(mean(wind)).toBeGreaterThan(4);
    expect(mean(wind)).toBeLessThan(9);
    expect(Math.min(...wind)).toBeGreaterThanOrEqual(0);
    // Local midnight at Jeju (UTC+8 in solar time) is 16:00 UTC.
    expect(values(year.weather.radiation).filter((_, t) => t % 96 === 64).every((v) => v === 0)).toBe(true);
    expect(Math.max(...values(year.weather.radiation))).toBeGreaterThan(0.8);
  });

  it('keeps power within physical limits', () => {
    const solar = values(year.solar);
    expect(Math.min(...solar)).toBe(0);
    expect(Math.max(...solar)).toBeLessThanOrEqual(0.8 * SYNTHETIC_ASSETS.solar.capacityKw);
    expect(solar.filter((v) => v === 0).length / solar.length).toBeGreaterThan(0.4);
    const wind = values(year.wind);
    expect(Math.min(...wind)).toBe(0);
    expect(Math.max(...wind)).toBeLessThanOrEqual(SYNTHETIC_ASSETS.wind.capacityKw);
    const ev = values(year.evChargers);
    expect(Math.max(...ev)).toBeLessThanOrEqual(SYNTHETIC_ASSETS.evChargers.chargePoints * SYNTHETIC_ASSETS.evChargers.powerKw + 1e-9);
    expect(ev.filter((v) => v === 0).length / ev.length).toBeGreaterThan(0.3);
  });

  it('gives the building a daily and weekly pattern', () => {
    const building = values(year.building);
    // Local 11:00 is 03:00 UTC (quarter-hour 12); 1 January 2015 was a Thursday.
    const at11 = (weekdays: number[]) => mean(building.filter((_, t) => t % 96 === 12 && weekdays.includes((Math.floor(t / 96) + 4) % 7)));
    const atNight = mean(building.filter((_, t) => t % 96 === 76));
    expect(at11([1, 2, 3, 4, 5])).toBeGreaterThan(at11([0, 6]) + 80);
    expect(at11([0, 6])).toBeGreaterThan(atNight);
  });

  it('gives prices with a daily shape, and negative hours when sun and wind are plentiful', () => {
    const prices = values(year.prices);
    expect(mean(prices)).toBeGreaterThan(10);
    expect(mean(prices)).toBeLessThan(80);
    const negative = prices.filter((p) => p < 0).length;
    expect(negative).toBeGreaterThan(0);
    expect(negative / prices.length).toBeLessThan(0.25);
    // Local 19:00 (11:00 UTC) is the evening peak; local 03:00 (19:00 UTC) the night trough.
    expect(mean(prices.filter((_, h) => h % 24 === 11))).toBeGreaterThan(mean(prices.filter((_, h) => h % 24 === 19)));
  });

  it('refuses a start off the hour', () => {
    expect(errorOf(() => generateYear({ seed: 1, startMs: START + 15 * 60_000, ...JEJU }))?.code).toBe('UNPROCESSABLE_ENTITY');
  });
});

describe('asset models', () => {
  it.each([
    [2.9, 0],
    [3, 0],
    [7.5, (7.5 ** 3 - 27) / (1728 - 27)],
    [12, 1],
    [24.9, 1],
    [25, 0],
  ])('the power curve at %p m/s gives %p of rated power', (speed, share) => {
    expect(powerCurve(speed)).toBeCloseTo(share, 12);
  });

  it('the building is occupied on weekday office hours and barely at weekends', () => {
    expect(occupancy(12, 3)).toBe(1);
    expect(occupancy(3, 3)).toBe(0);
    expect(occupancy(12, 0)).toBeCloseTo(0.2, 12);
  });
});

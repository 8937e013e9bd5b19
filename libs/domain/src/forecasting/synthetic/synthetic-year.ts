import { DomainError } from '../../errors/domain-error';
import type { RegularSeries } from '../regular-series';
import { dayAheadPrices } from './day-ahead-prices';
import { evChargers } from './ev-chargers';
import { solarTimeOffsetMs } from './local-time';
import { building, solarPark, windPark } from './power-assets';
import { generateWeather, SYNTHETIC_RESOLUTION_MS, type Place, type SyntheticWeather } from './weather';

export interface SyntheticYearOptions extends Place {
  readonly seed: number;
  /** On a whole hour (prices are hourly). */
  readonly startMs: number;
  /** Default 365. */
  readonly days?: number;
}

/** Synthetic but realistic data of one place: weather and one asset of each kind (power in kW magnitudes), and the market's prices. */
export interface SyntheticYear {
  readonly place: Place;
  /** Local (solar) time offset used for human behaviour; pass it to forecasting for calendar terms. */
  readonly utcOffsetMs: number;
  readonly weather: SyntheticWeather;
  /** 500 kWp solar park, kW produced. */
  readonly solar: RegularSeries;
  /** 2 MW wind park, kW produced. */
  readonly wind: RegularSeries;
  /** Office building, kW consumed. */
  readonly building: RegularSeries;
  /** 8 public 11 kW charge points, kW consumed. */
  readonly evChargers: RegularSeries;
  /** Hourly day-ahead prices, EUR/MWh. */
  readonly prices: RegularSeries;
}

export const SYNTHETIC_ASSETS = {
  solar: { capacityKw: 500 },
  wind: { capacityKw: 2000 },
  building: { baseKw: 60, occupiedKw: 140 },
  evChargers: { chargePoints: 8, powerKw: 11 },
} as const;

/** One year (or `days`) of 15-minute data; the same options always give the same numbers. */
export function generateYear(options: SyntheticYearOptions): SyntheticYear {
  if (options.startMs % 3600_000 !== 0) throw new DomainError('UNPROCESSABLE_ENTITY', 'Synthetic data starts on a whole hour (the prices are hourly).');
  const days = options.days ?? 365;
  const steps = Math.round((days * 24 * 3600_000) / SYNTHETIC_RESOLUTION_MS);
  const place = { lat: options.lat, lng: options.lng };
  const { seed, startMs } = options;
  const utcOffsetMs = solarTimeOffsetMs(options.lng);
  const weather = generateWeather({ seed, startMs, steps, ...place });
  return {
    place,
    utcOffsetMs,
    weather,
    solar: solarPark(weather, { seed, ...SYNTHETIC_ASSETS.solar }),
    wind: windPark(weather, { seed, ...SYNTHETIC_ASSETS.wind }),
    building: building(weather, { seed, utcOffsetMs, ...SYNTHETIC_ASSETS.building }),
    evChargers: evChargers({ seed, startMs, resolutionMs: SYNTHETIC_RESOLUTION_MS, steps, utcOffsetMs, ...SYNTHETIC_ASSETS.evChargers }),
    prices: dayAheadPrices(weather, { seed, utcOffsetMs, hemisphere: options.lat >= 0 ? 1 : -1 }),
  };
}

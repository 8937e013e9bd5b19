import type { RegularSeries } from '../regular-series';
import { hourBump, localTime } from './local-time';
import { gaussian, mulberry32, poisson, seedFor } from './random';

export interface EvChargersOptions {
  readonly seed: number;
  readonly startMs: number;
  readonly resolutionMs: number;
  readonly steps: number;
  readonly chargePoints: number;
  /** Charging power of a point, kW. */
  readonly powerKw: number;
  readonly utcOffsetMs: number;
}

/** Arrivals per hour at the site by local hour: commuters in the morning, visitors at noon, residents in the evening; fewer at weekends. */
export function arrivalsPerHour(hour: number, weekday: number, chargePoints: number): number {
  const weekend = weekday === 0 || weekday === 6;
  const perPoint = weekend
    ? 0.05 * hourBump(hour, 12, 3) + 0.06 * hourBump(hour, 18, 2)
    : 0.22 * hourBump(hour, 8.5, 1) + 0.06 * hourBump(hour, 13, 2) + 0.12 * hourBump(hour, 18, 1.5);
  return perPoint * chargePoints;
}

interface Session {
  /** When charging stops (energy delivered), ms. */
  chargedUntil: number;
  /** When the car leaves and frees the point, ms. */
  leaves: number;
  arrived: number;
}

/**
 * Public charge points: sessions arrive as a Poisson process by time of day
 * (if a point is free), stay a log-normal time (median 3.5 h) and need a
 * log-normal energy (median 14 kWh), charged at full power from arrival
 * until delivered or the car leaves. The average power per step has many
 * zeros (nights, idle points).
 */
export function evChargers(options: EvChargersOptions): RegularSeries {
  const random = mulberry32(seedFor(options.seed, 'ev-chargers'));
  const normal = gaussian(random);
  const { startMs, resolutionMs, steps, powerKw } = options;
  const active: Session[] = [];
  const values: number[] = [];
  for (let t = 0; t < steps; t++) {
    const from = startMs + t * resolutionMs;
    const to = from + resolutionMs;
    const { hour, weekday } = localTime(from, options.utcOffsetMs);
    const arrivals = poisson(random, (arrivalsPerHour(hour, weekday, options.chargePoints) * resolutionMs) / 3600_000);
    for (let a = 0; a < arrivals; a++) {
      const arrived = from + random() * resolutionMs;
      const stayMs = 3.5 * 3600_000 * Math.exp(0.5 * normal());
      const energyKwh = Math.min(60, 14 * Math.exp(0.5 * normal()));
      if (active.filter((s) => s.leaves > arrived).length >= options.chargePoints) continue;
      const leaves = arrived + stayMs;
      active.push({ arrived, leaves, chargedUntil: Math.min(leaves, arrived + (energyKwh / powerKw) * 3600_000) });
    }
    let energyMs = 0;
    for (const session of active) energyMs += Math.max(0, Math.min(to, session.chargedUntil) - Math.max(from, session.arrived));
    values.push((powerKw * energyMs) / resolutionMs);
    for (let s = active.length - 1; s >= 0; s--) if (active[s].leaves <= to) active.splice(s, 1);
  }
  return { startMs, resolutionMs, values };
}

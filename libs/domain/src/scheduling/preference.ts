import { ValidStorageProblem } from './storage-problem';

/**
 * Tiny extra costs per MWh (grid side) of charging and of discharging, per
 * slot. Both are positive, so they never reward throughput: a penalty only
 * breaks ties between schedules that cost the same.
 */
export interface PreferencePenalties {
  /** ε: the largest penalty per MWh; see {@link preferencePenalties}. */
  readonly epsilon: number;
  readonly chargePerMwh: readonly number[];
  readonly dischargePerMwh: readonly number[];
}

/** Prices closer together than this share of the price scale count as equal (float noise, not a price step). */
const PRICE_NOISE = 1e-9;

/**
 * The tie-breaking penalties and how small they are.
 *
 * Shape. With `preferChargingSooner` (the default, §7.2.1) charging costs an
 * extra ε·(t+1)/T per MWh in slot t — rising over time — and discharging an
 * extra ε·(T−t)/T — falling over time: among equally priced slots the earliest
 * is charged and the latest discharged. Without it both are a flat ε/2: no
 * time preference, but still no pointless cycling. The seed's own slope
 * ("penalise the future with at most 1 per thousand times the price spread")
 * is put on the price of net power; that would *reward* charging early and
 * discharging late at a flat price (a loss-free cycle earns the slope), so
 * here the preference is a positive cost on each flow instead.
 *
 * Size. ε = min(g/4, spread/1000), where g is the smallest gap between two
 * distinct values among the prices and 0, and the spread is the range of
 * those values (the seed's bound). Why this never changes the economic
 * optimum when both efficiencies are 1: the model is then a network flow
 * (grid → SOC chain → grid), and every edge of its polytope is a simple
 * cycle through the grid node that moves energy over exactly two priced arcs
 * — charge here/discharge there, shift a charge, shift a discharge, or keep
 * energy at the end (a zero-price arc). Per MWh moved such a change alters the
 * economic cost by a difference of two values among {prices, 0}, hence by 0 or
 * at least g, and the penalties by less than 2ε ≤ g/2. So no economically worse
 * vertex can look better with the penalties; they only choose among optimal
 * schedules (with a factor 2 to spare for solver tolerances). With losses a
 * round trip is worth p_out·η_d − p_in/η_c, which can be arbitrarily close to
 * 0, so no positive ε is exact; the economic regret is then at most ε times the
 * energy moved (≤ spread/1000 per MWh).
 *
 * Resolution. Neighbouring slots differ by ε/T per MWh; the solver must still
 * see that (default tolerances ~1e-7): fine for cents and a month of
 * quarter-hours (0.0025/2976 ≈ 8e-7), not for prices given to 1e-6.
 */
export function preferencePenalties(problem: ValidStorageProblem): PreferencePenalties {
  const epsilon = preferenceEpsilon(problem.prices);
  const slots = problem.slots;
  const chargePerMwh: number[] = [];
  const dischargePerMwh: number[] = [];
  for (let t = 0; t < slots; t++) {
    chargePerMwh.push(problem.preferChargingSooner ? (epsilon * (t + 1)) / slots : epsilon / 2);
    dischargePerMwh.push(problem.preferChargingSooner ? (epsilon * (slots - t)) / slots : epsilon / 2);
  }
  return { epsilon, chargePerMwh, dischargePerMwh };
}

/** ε = min(g/4, spread/1000) over the prices and 0 (all prices 0: 0.001). */
export function preferenceEpsilon(prices: readonly number[]): number {
  const levels = [0, ...prices].sort((a, b) => a - b);
  const scale = Math.max(1, Math.abs(levels[0]), Math.abs(levels[levels.length - 1]));
  const noise = PRICE_NOISE * scale;
  let gap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < levels.length; i++) {
    const step = levels[i] - levels[i - 1];
    if (step > noise) gap = Math.min(gap, step);
  }
  const spread = levels[levels.length - 1] - levels[0];
  if (!Number.isFinite(gap) || spread <= noise) return scale / 1000;
  return Math.min(gap / 4, spread / 1000);
}

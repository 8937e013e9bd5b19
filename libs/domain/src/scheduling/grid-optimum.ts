import { DomainError } from '../errors/domain-error';
import { preferencePenalties } from './preference';
import { StorageProblem, validateStorageProblem } from './storage-problem';

export interface GridOptimum {
  /** Σ price·power·Δt of the schedule found. */
  readonly costs: number;
  /** The minimised value: costs plus, when asked for, the preference penalties. */
  readonly objective: number;
  readonly powerMw: readonly number[];
  readonly socMwh: readonly number[];
}

export interface GridOptions {
  /** Minimise costs plus the model's tie-breaking penalties (default true), or costs alone. */
  readonly withPreference?: boolean;
}

/**
 * A reference optimiser that shares no code with the LP model: dynamic
 * programming over SOC levels `socMin + k·stepMwh`, one transition per slot,
 * never charging and discharging at once. O(T·K·M) for K levels and M moves
 * per slot, so only for small problems — it checks solvers in tests. Exact for
 * the continuous problem when its optimum lies on the grid (e.g. efficiencies
 * 1 and start, limits, targets and capacity·Δt multiples of the step: the LP
 * is then a network flow with integral data, which has an integral optimum).
 * Returns undefined when no grid path meets the targets.
 */
export function optimiseOnGrid(input: StorageProblem, stepMwh: number, options: GridOptions = {}): GridOptimum | undefined {
  const problem = validateStorageProblem(input);
  if (!(stepMwh > 0)) throw new DomainError('UNPROCESSABLE_ENTITY', `The grid step must be positive, got ${stepMwh} MWh.`);
  const level = (soc: number, what: string): number => {
    const k = Math.round((soc - problem.socMinMwh) / stepMwh);
    if (Math.abs(problem.socMinMwh + k * stepMwh - soc) > 1e-9 * Math.max(1, Math.abs(soc))) {
      throw new DomainError('UNPROCESSABLE_ENTITY', `${what} (${soc} MWh) is not on the grid of ${stepMwh} MWh from ${problem.socMinMwh} MWh.`);
    }
    return k;
  };
  const top = level(problem.socMaxMwh, 'The maximum SOC');
  const start = level(problem.socStartMwh, 'The starting SOC');
  const targetLevel = new Map(problem.targets.map((target) => [target.slot, level(target.socMwh, `The target at slot ${target.slot}`)]));
  const dt = problem.resolutionHours;
  const up = Math.floor((problem.capacityMw * problem.chargingEfficiency * dt) / stepMwh + 1e-9);
  const down = Math.floor((problem.dischargeCapacityMw / problem.dischargingEfficiency) * dt / stepMwh + 1e-9);
  const penalties = options.withPreference === false ? undefined : preferencePenalties(problem);

  /** Cost of moving `moves` levels in slot t: [objective, power in MW]. */
  const step = (t: number, moves: number): [number, number] => {
    const energy = moves * stepMwh; // stored energy gained
    const price = problem.prices[t];
    if (energy >= 0) {
      const power = energy / (problem.chargingEfficiency * dt);
      return [power * dt * (price + (penalties?.chargePerMwh[t] ?? 0)), power];
    }
    const discharge = (-energy * problem.dischargingEfficiency) / dt;
    return [discharge * dt * ((penalties?.dischargePerMwh[t] ?? 0) - price), -discharge];
  };

  let best = new Float64Array(top + 1).fill(Number.POSITIVE_INFINITY);
  best[start] = 0;
  const from: Int32Array[] = [];
  for (let t = 0; t < problem.slots; t++) {
    const next = new Float64Array(top + 1).fill(Number.POSITIVE_INFINITY);
    const back = new Int32Array(top + 1).fill(-1);
    const fixed = targetLevel.get(t);
    for (let k = 0; k <= top; k++) {
      if (best[k] === Number.POSITIVE_INFINITY) continue;
      for (let j = Math.max(0, k - down); j <= Math.min(top, k + up); j++) {
        if (fixed !== undefined && j !== fixed) continue;
        const value = best[k] + step(t, j - k)[0];
        if (value < next[j]) {
          next[j] = value;
          back[j] = k;
        }
      }
    }
    from.push(back);
    best = next;
  }
  let end = -1;
  for (let k = 0; k <= top; k++) if (best[k] < Number.POSITIVE_INFINITY && (end < 0 || best[k] < best[end])) end = k;
  if (end < 0) return undefined;

  const levels: number[] = new Array<number>(problem.slots);
  for (let t = problem.slots - 1, k = end; t >= 0; t--) {
    levels[t] = k;
    k = from[t][k];
  }
  const powerMw: number[] = [];
  let costs = 0;
  levels.forEach((k, t) => {
    const power = step(t, k - (t === 0 ? start : levels[t - 1]))[1];
    powerMw.push(power);
    costs += problem.prices[t] * power * dt;
  });
  return { costs, objective: best[end], powerMw, socMwh: levels.map((k) => problem.socMinMwh + k * stepMwh) };
}

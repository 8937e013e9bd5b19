import { formatEnergy, formatPower } from './format-quantities';
import { storageColumns } from './storage-model';
import { StorageProblem, ValidStorageProblem, validateStorageProblem } from './storage-problem';

/** A storage schedule; consumption is positive (§7.2.1). */
export interface StorageSchedule {
  /** Net power per slot in MW: charging − discharging. */
  readonly powerMw: readonly number[];
  readonly chargeMw: readonly number[];
  readonly dischargeMw: readonly number[];
  /** SOC at the end of each slot in MWh. */
  readonly socMwh: readonly number[];
  /** Σ price·power·Δt, in the prices' currency (negative: the schedule earns). */
  readonly costs: number;
}

/** Solver noise below this share of the capacity (or 1 MW) is read as 0. */
const NOISE = 1e-9;

/**
 * Reads a schedule from solver values laid out as in `buildStorageModel`
 * (one value per variable, in variable order).
 */
export function scheduleFromSolution(input: StorageProblem, values: ArrayLike<number>): StorageSchedule {
  const problem = validateStorageProblem(input);
  const T = problem.slots;
  if (values.length < 3 * T) {
    throw new Error(`A storage solution over ${T} slots has at least ${3 * T} values, got ${values.length}.`);
  }
  const columns = storageColumns(T);
  const powerNoise = NOISE * Math.max(1, problem.capacityMw);
  const energyNoise = NOISE * Math.max(1, problem.socMaxMwh);
  const clean = (value: number, noise: number): number => (Math.abs(value) <= noise ? 0 : value);
  const snap = (soc: number): number => {
    if (Math.abs(soc - problem.socMinMwh) <= energyNoise) return problem.socMinMwh;
    if (Math.abs(soc - problem.socMaxMwh) <= energyNoise) return problem.socMaxMwh;
    return soc;
  };
  const chargeMw: number[] = [];
  const dischargeMw: number[] = [];
  const powerMw: number[] = [];
  const socMwh: number[] = [];
  let costs = 0;
  for (let t = 0; t < T; t++) {
    const charge = clean(values[columns.charge(t)], powerNoise);
    const discharge = clean(values[columns.discharge(t)], powerNoise);
    const power = clean(charge - discharge, powerNoise);
    chargeMw.push(charge);
    dischargeMw.push(discharge);
    powerMw.push(power);
    socMwh.push(snap(values[columns.soc(t)]));
    costs += problem.prices[t] * power * problem.resolutionHours;
  }
  return { powerMw, chargeMw, dischargeMw, socMwh, costs };
}

/** Σ price·power·Δt of a power series (MW, consumption positive). */
export function scheduleCosts(problem: Pick<StorageProblem, 'prices' | 'resolutionHours'>, powerMw: readonly number[]): number {
  return powerMw.reduce((sum, power, t) => sum + problem.prices[t] * power * problem.resolutionHours, 0);
}

/** The slots in which a solution both charges and discharges (more than `toleranceMw`). */
export function simultaneousFlowSlots(input: StorageProblem, values: ArrayLike<number>, toleranceMw?: number): number[] {
  const problem = validateStorageProblem(input);
  const tolerance = toleranceMw ?? 1e-6 * Math.max(1, problem.capacityMw);
  const columns = storageColumns(problem.slots);
  const slots: number[] = [];
  for (let t = 0; t < problem.slots; t++) {
    if (values[columns.charge(t)] > tolerance && values[columns.discharge(t)] > tolerance) slots.push(t);
  }
  return slots;
}

/**
 * Whether a solution charges and discharges in the same slot — physically
 * impossible for one device. With losses that burns energy; callers re-solve
 * with `binaries: 'all'` when this is true.
 */
export function hasSimultaneousFlow(problem: StorageProblem, values: ArrayLike<number>, toleranceMw?: number): boolean {
  return simultaneousFlowSlots(problem, values, toleranceMw).length > 0;
}

export type ScheduleViolationKind = 'length' | 'not-finite' | 'power' | 'soc-limit' | 'soc-mismatch' | 'target';

export interface ScheduleViolation {
  readonly kind: ScheduleViolationKind;
  readonly slot?: number;
  readonly message: string;
}

export interface ScheduleCheck {
  readonly ok: boolean;
  readonly violations: readonly ScheduleViolation[];
  /** The SOC trajectory recomputed from the powers alone. */
  readonly socMwh: readonly number[];
}

export interface VerifyScheduleOptions {
  /** Allowed error on SOCs (MWh); default 1e-6·scale·(1 + T/100), scale = max(1, SOC max, capacity). */
  readonly toleranceMwh?: number;
  /** Allowed error on powers (MW); default 1e-6·max(1, capacity). */
  readonly toleranceMw?: number;
}

/**
 * Checks a schedule against its problem without trusting the solver:
 * recomputes the SOC from the net powers alone (charging at η_c, discharging
 * at 1/η_d, as a device that never does both at once) and checks the power
 * limits (a one-way EVSE never discharges), the SOC limits, every target,
 * and — when given — that the schedule's own SOCs agree. A silent all-zero
 * "solution" fails here whenever a target asks for any change.
 */
export function verifySchedule(
  input: StorageProblem,
  schedule: Pick<StorageSchedule, 'powerMw'> & Partial<Pick<StorageSchedule, 'socMwh'>>,
  options: VerifyScheduleOptions = {},
): ScheduleCheck {
  const problem = validateStorageProblem(input);
  const T = problem.slots;
  const scale = Math.max(1, problem.socMaxMwh, problem.capacityMw);
  const tolMwh = options.toleranceMwh ?? 1e-6 * scale * (1 + T / 100);
  const tolMw = options.toleranceMw ?? 1e-6 * Math.max(1, problem.capacityMw);
  const violations: ScheduleViolation[] = [];
  const { powerMw, socMwh: reported } = schedule;
  if (powerMw.length !== T || (reported !== undefined && reported.length !== T)) {
    violations.push({
      kind: 'length',
      message: `expected ${T} slots, got ${powerMw.length} powers${reported === undefined ? '' : ` and ${reported.length} SOCs`}`,
    });
    return { ok: false, violations, socMwh: [] };
  }
  const targetAt = new Map(problem.targets.map((target) => [target.slot, target.socMwh]));
  const socMwh: number[] = [];
  let soc = problem.socStartMwh;
  for (let t = 0; t < T; t++) {
    const power = powerMw[t];
    if (!Number.isFinite(power)) {
      violations.push({ kind: 'not-finite', slot: t, message: `slot ${t}: power is ${power}` });
      return { ok: false, violations, socMwh };
    }
    checkPower(problem, t, power, tolMw, violations);
    soc += power >= 0 ? power * problem.chargingEfficiency * problem.resolutionHours : (power / problem.dischargingEfficiency) * problem.resolutionHours;
    socMwh.push(soc);
    if (soc < problem.socMinMwh - tolMwh || soc > problem.socMaxMwh + tolMwh) {
      violations.push({
        kind: 'soc-limit',
        slot: t,
        message: `slot ${t}: SOC ${formatEnergy(soc, 6)} outside [${formatEnergy(problem.socMinMwh, 6)}, ${formatEnergy(problem.socMaxMwh, 6)}]`,
      });
    }
    if (reported !== undefined && !(Math.abs(reported[t] - soc) <= tolMwh)) {
      violations.push({ kind: 'soc-mismatch', slot: t, message: `slot ${t}: the schedule says SOC ${reported[t]} MWh, its powers give ${soc} MWh` });
    }
    const target = targetAt.get(t);
    if (target !== undefined && Math.abs(soc - target) > tolMwh) {
      violations.push({ kind: 'target', slot: t, message: `slot ${t}: SOC ${formatEnergy(soc, 6)} misses the target of ${formatEnergy(target, 6)}` });
    }
  }
  return { ok: violations.length === 0, violations, socMwh };
}

function checkPower(problem: ValidStorageProblem, t: number, power: number, tolMw: number, violations: ScheduleViolation[]): void {
  if (power > problem.capacityMw + tolMw) {
    violations.push({ kind: 'power', slot: t, message: `slot ${t}: charging at ${formatPower(power, 6)} exceeds the capacity of ${formatPower(problem.capacityMw, 6)}` });
  } else if (-power > problem.dischargeCapacityMw + tolMw) {
    const limit = problem.deviceType === 'one-way_evse' ? 'a one-way EVSE cannot discharge' : `the capacity is ${formatPower(problem.dischargeCapacityMw, 6)}`;
    violations.push({ kind: 'power', slot: t, message: `slot ${t}: discharging at ${formatPower(-power, 6)}; ${limit}` });
  }
}

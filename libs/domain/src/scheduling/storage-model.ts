import { LinearProgram, LpConstraint, LpVariable } from './linear-program';
import { PreferencePenalties, preferencePenalties } from './preference';
import { StorageProblem, ValidStorageProblem, validateStorageProblem } from './storage-problem';
import { assertTargetsReachable } from './targets-reachable';

/**
 * Where the storage model keeps its variables: charge power c[t], discharge
 * power d[t] (MW) and the SOC at the end of each slot soc[t] (MWh), each a
 * block of `slots`; the charging-mode binaries follow, one per binary slot.
 */
export interface StorageColumns {
  charge(slot: number): number;
  discharge(slot: number): number;
  soc(slot: number): number;
}

export function storageColumns(slots: number): StorageColumns {
  return {
    charge: (slot) => slot,
    discharge: (slot) => slots + slot,
    soc: (slot) => 2 * slots + slot,
  };
}

export interface BuildStorageModelOptions {
  /**
   * 'auto' (default): a charging-mode binary only in the slots where charging
   * and discharging at once could pay (see {@link slotsNeedingBinaries});
   * 'all': in every slot (the re-solve when a solution still shows
   * simultaneous flow); 'none': a pure LP.
   */
  readonly binaries?: 'auto' | 'all' | 'none';
}

export interface StorageModel {
  readonly problem: ValidStorageProblem;
  readonly lp: LinearProgram;
  readonly preference: PreferencePenalties;
  /** Slots with a charging-mode binary, in order; empty when the model is an LP. */
  readonly binarySlots: readonly number[];
  readonly columns: StorageColumns;
}

/**
 * Builds the storage scheduling model (§7.2.1) after validating the problem
 * and checking that its targets can be reached (both throw DomainErrors
 * naming the problem). Minimises
 *   Σ_t Δt·( price[t]·(c[t] − d[t]) + π_c[t]·c[t] + π_d[t]·d[t] )
 * subject to
 *   soc[t] = soc[t−1] + η_c·Δt·c[t] − Δt/η_d·d[t]   (soc[−1] = start SOC)
 *   0 ≤ c[t] ≤ capacity, 0 ≤ d[t] ≤ capacity (0 for a one-way EVSE)
 *   min ≤ soc[t] ≤ max, and soc[slot] = target (as fixed bounds)
 * where π are the tie-breaking penalties of {@link preferencePenalties}, and
 * in binary slots c[t] ≤ capacity·b[t], d[t] ≤ capacity·(1 − b[t]).
 */
export function buildStorageModel(input: StorageProblem, options: BuildStorageModelOptions = {}): StorageModel {
  const problem = validateStorageProblem(input);
  assertTargetsReachable(problem);
  const preference = preferencePenalties(problem);
  const binarySlots = chooseBinarySlots(problem, preference, options.binaries ?? 'auto');
  const T = problem.slots;
  const dt = problem.resolutionHours;
  const columns = storageColumns(T);
  const targetAt = new Map(problem.targets.map((target) => [target.slot, target.socMwh]));

  const variables: LpVariable[] = [];
  const objective: number[] = [];
  for (let t = 0; t < T; t++) {
    variables.push({ name: `charge[${t}]`, lower: 0, upper: problem.capacityMw, kind: 'continuous' });
    objective.push(dt * (problem.prices[t] + preference.chargePerMwh[t]));
  }
  for (let t = 0; t < T; t++) {
    variables.push({ name: `discharge[${t}]`, lower: 0, upper: problem.dischargeCapacityMw, kind: 'continuous' });
    objective.push(dt * (preference.dischargePerMwh[t] - problem.prices[t]));
  }
  for (let t = 0; t < T; t++) {
    const target = targetAt.get(t);
    const lower = target ?? problem.socMinMwh;
    const upper = target ?? problem.socMaxMwh;
    variables.push({ name: `soc[${t}]`, lower, upper, kind: 'continuous' });
    objective.push(0);
  }
  for (const t of binarySlots) {
    variables.push({ name: `charging[${t}]`, lower: 0, upper: 1, kind: 'binary' });
    objective.push(0);
  }

  const constraints: LpConstraint[] = [];
  const chargeGain = problem.chargingEfficiency * dt;
  const dischargeDrain = dt / problem.dischargingEfficiency;
  for (let t = 0; t < T; t++) {
    const rhs = t === 0 ? problem.socStartMwh : 0;
    constraints.push({
      name: `soc_balance[${t}]`,
      columns: t === 0 ? [columns.soc(t), columns.charge(t), columns.discharge(t)] : [columns.soc(t), columns.soc(t - 1), columns.charge(t), columns.discharge(t)],
      coefficients: t === 0 ? [1, -chargeGain, dischargeDrain] : [1, -1, -chargeGain, dischargeDrain],
      lower: rhs,
      upper: rhs,
    });
  }
  binarySlots.forEach((t, k) => {
    const mode = 3 * T + k;
    constraints.push({ name: `charge_mode[${t}]`, columns: [columns.charge(t), mode], coefficients: [1, -problem.capacityMw], lower: Number.NEGATIVE_INFINITY, upper: 0 });
    constraints.push({
      name: `discharge_mode[${t}]`,
      columns: [columns.discharge(t), mode],
      coefficients: [1, problem.dischargeCapacityMw],
      lower: Number.NEGATIVE_INFINITY,
      upper: problem.dischargeCapacityMw,
    });
  });

  const lp: LinearProgram = { name: `storage_${problem.deviceType}_${T}`, sense: 'minimize', variables, constraints, objective, objectiveConstant: 0 };
  return { problem, lp, preference, binarySlots, columns };
}

function chooseBinarySlots(problem: ValidStorageProblem, preference: PreferencePenalties, mode: 'auto' | 'all' | 'none'): number[] {
  switch (mode) {
    case 'none':
      return [];
    case 'all':
      return problem.dischargeCapacityMw > 0 ? Array.from({ length: problem.slots }, (_, t) => t) : [];
    case 'auto':
      return slotsNeedingBinaries(problem, preference);
  }
}

/**
 * The slots where the LP could charge and discharge at once. Take a solution
 * that does both in slot t and lower c[t] by α and d[t] by η·α (η = η_c·η_d,
 * the round-trip efficiency): the SOC trajectory is unchanged, so every other
 * constraint still holds, and the objective changes by
 *   −α·Δt·( price[t]·(1 − η) + π_c[t] + η·π_d[t] ).
 * When that bracket is positive, no optimum does both in slot t and the
 * binary is dead weight. The penalties π are positive, so the bracket can only
 * fail when the price is negative (burning energy earns money), the device
 * has losses (η < 1; at η = 1 the bracket is π_c + π_d > 0) and can
 * discharge at all (not a one-way EVSE). A bracket barely above 0 is treated
 * as 0 (below ε/100 per MWh), where a solver's tolerances could still leave a
 * small overlap. `hasSimultaneousFlow` is the safety net for the rest.
 */
export function slotsNeedingBinaries(problem: ValidStorageProblem, preference: PreferencePenalties = preferencePenalties(problem)): number[] {
  const roundTrip = problem.chargingEfficiency * problem.dischargingEfficiency;
  if (problem.dischargeCapacityMw <= 0 || problem.capacityMw <= 0 || roundTrip >= 1) return [];
  const margin = preference.epsilon / 100;
  const slots: number[] = [];
  for (let t = 0; t < problem.slots; t++) {
    const gain = problem.prices[t] * (1 - roundTrip) + preference.chargePerMwh[t] + roundTrip * preference.dischargePerMwh[t];
    if (gain <= margin) slots.push(t);
  }
  return slots;
}

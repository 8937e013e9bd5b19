import { DomainError } from '../errors/domain-error';
import { formatInstant } from '../beliefs/instant';
import { formatEnergy, formatHours, formatPowersApart } from './format-quantities';
import { StorageProblem, ValidStorageProblem, validateStorageProblem } from './storage-problem';

/** Relative slack on the capacity, so a target that needs exactly the capacity passes despite rounding. */
const CAPACITY_SLACK = 1e-9;

/**
 * Explains an infeasible problem before any solver runs. Walks the targets in
 * time order and keeps the interval of SOCs the device can reach: from the
 * previous fixed point (the start, or the previous target) the SOC rises at
 * most `capacity·η_charge·Δt` and falls at most `capacity/η_discharge·Δt`
 * per slot, clamped to the SOC limits. As every target lies within the limits
 * (validation), the clamp never binds on the way to it, so a target outside
 * the interval is unreachable because of power alone — and the message says
 * how much power it would need.
 *
 * Throws DomainError('UNPROCESSABLE_ENTITY') with `details.reason`
 * 'INFEASIBLE_TARGET' for the first target that cannot be met (the API maps
 * that code to HTTP 422; the seed has no dedicated status for it), after
 * validating the problem (which may throw 'INVALID_STORAGE_PROBLEM' first).
 */
export function checkTargetsReachable(problem: StorageProblem): void {
  assertTargetsReachable(validateStorageProblem(problem));
}

/** {@link checkTargetsReachable} for a problem already validated. */
export function assertTargetsReachable(problem: ValidStorageProblem): void {
  const { resolutionHours: dt, capacityMw, dischargeCapacityMw, chargingEfficiency: etaC, dischargingEfficiency: etaD } = problem;
  let fromSlot = -1; // the SOC at the end of slot -1 is the start SOC
  let fromSoc = problem.socStartMwh;
  for (const target of problem.targets) {
    const hours = (target.slot - fromSlot) * dt;
    const highest = Math.min(problem.socMaxMwh, fromSoc + capacityMw * etaC * hours);
    const lowest = Math.max(problem.socMinMwh, fromSoc - (dischargeCapacityMw / etaD) * hours);
    const slack = CAPACITY_SLACK * Math.max(1, Math.abs(target.socMwh));
    if (target.socMwh > highest + slack) {
      const neededMw = (target.socMwh - fromSoc) / (etaC * hours);
      throw unreachable(problem, target.slot, target.socMwh, fromSlot, fromSoc, 'charge', neededMw, hours);
    }
    if (target.socMwh < lowest - slack) {
      const neededMw = ((fromSoc - target.socMwh) * etaD) / hours;
      throw unreachable(problem, target.slot, target.socMwh, fromSlot, fromSoc, 'discharge', neededMw, hours);
    }
    fromSlot = target.slot;
    fromSoc = target.socMwh;
  }
}

/** When the SOC at the end of `slot` is reached, as a UTC instant when the problem has a start time. */
function endOfSlot(problem: ValidStorageProblem, slot: number): string {
  if (problem.slotStartMs === undefined) return slot < 0 ? 'the start' : `the end of slot ${slot}`;
  return formatInstant(problem.slotStartMs + (slot + 1) * problem.resolutionHours * 3_600_000);
}

function unreachable(
  problem: ValidStorageProblem,
  slot: number,
  socMwh: number,
  fromSlot: number,
  fromSoc: number,
  direction: 'charge' | 'discharge',
  neededMw: number,
  hours: number,
): DomainError {
  const at = endOfSlot(problem, slot);
  const from = fromSlot < 0 ? `the starting SOC of ${formatEnergy(fromSoc)}` : `the target of ${formatEnergy(fromSoc)}`;
  const fromAt = fromSlot < 0 && problem.slotStartMs === undefined ? '' : ` at ${endOfSlot(problem, fromSlot)}`;
  const head = `The SOC target of ${formatEnergy(socMwh)} at ${at} cannot be met`;
  const details = {
    reason: 'INFEASIBLE_TARGET',
    target: { slot, socMwh, at },
    from: { slot: fromSlot, socMwh: fromSoc },
    direction,
    hours,
    neededMw,
    capacityMw: direction === 'charge' ? problem.capacityMw : problem.dischargeCapacityMw,
  };
  if (direction === 'discharge' && problem.dischargeCapacityMw === 0 && problem.deviceType === 'one-way_evse') {
    return new DomainError(
      'UNPROCESSABLE_ENTITY',
      `${head}: it lies below ${from}${fromAt}, and a one-way charging station (one-way_evse) cannot discharge.`,
      details,
    );
  }
  const efficiency = direction === 'charge' ? problem.chargingEfficiency : problem.dischargingEfficiency;
  const losses = efficiency < 1 ? ` (at ${Number((efficiency * 100).toPrecision(4))}% ${direction === 'charge' ? 'charging' : 'discharging'} efficiency)` : '';
  const [needed, capacity] = formatPowersApart(neededMw, details.capacityMw);
  const action = direction === 'charge' ? `${needed} of charging` : `to discharge at ${needed}`;
  return new DomainError(
    'UNPROCESSABLE_ENTITY',
    `${head}: from ${from}${fromAt} it needs ${action} for ${formatHours(hours)}${losses}; the capacity is ${capacity}.`,
    details,
  );
}

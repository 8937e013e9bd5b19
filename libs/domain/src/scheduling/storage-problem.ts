import { DomainError } from '../errors/domain-error';

/** The storage asset types the seed schedules (§7.2.1). */
export type StorageDeviceType = 'battery' | 'one-way_evse' | 'two-way_evse';

export const STORAGE_DEVICE_TYPES: readonly StorageDeviceType[] = ['battery', 'one-way_evse', 'two-way_evse'];

/** A state of charge the device must hold at the END of slot `slot`. */
export interface SocTarget {
  readonly slot: number;
  readonly socMwh: number;
}

/**
 * One storage device over a horizon of equal time slots. Powers are in MW,
 * energies in MWh, prices in currency per MWh (one price per slot).
 */
export interface StorageProblem {
  readonly deviceType: StorageDeviceType;
  /** Number of time slots in the horizon. */
  readonly slots: number;
  /** Length of one slot in hours (0.25 for 15 minutes). */
  readonly resolutionHours: number;
  readonly prices: readonly number[];
  /** Maximum charging and discharging power (a one-way EVSE cannot discharge). */
  readonly capacityMw: number;
  readonly socStartMwh: number;
  readonly socMinMwh: number;
  readonly socMaxMwh: number;
  readonly targets?: readonly SocTarget[];
  /** Share of grid-side charging energy that ends up stored, in (0, 1]; default 1. */
  readonly chargingEfficiency?: number;
  /** Share of stored energy that reaches the grid when discharging, in (0, 1]; default 1. */
  readonly dischargingEfficiency?: number;
  /** Among equally good schedules, charge as early and discharge as late as possible (default true, §7.2.1). */
  readonly preferChargingSooner?: boolean;
  /** Start of slot 0 in ms since the epoch; only used to name clock times (UTC) in messages. */
  readonly slotStartMs?: number;
}

/** A problem that passed validation, with its defaults filled in and its targets in time order. */
export interface ValidStorageProblem {
  readonly deviceType: StorageDeviceType;
  readonly slots: number;
  readonly resolutionHours: number;
  readonly prices: readonly number[];
  readonly capacityMw: number;
  /** 0 for a one-way EVSE, else the capacity. */
  readonly dischargeCapacityMw: number;
  readonly socStartMwh: number;
  readonly socMinMwh: number;
  readonly socMaxMwh: number;
  readonly targets: readonly SocTarget[];
  readonly chargingEfficiency: number;
  readonly dischargingEfficiency: number;
  readonly preferChargingSooner: boolean;
  readonly slotStartMs?: number;
}

/** SOC limits are compared with this much slack (MWh), so rounding in posted values does not reject them. */
const LIMIT_SLACK_MWH = 1e-9;

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Checks a problem and fills in its defaults. Every problem found is reported
 * at once: one UNPROCESSABLE_ENTITY error with `details.reason`
 * 'INVALID_STORAGE_PROBLEM' and `details.errors` per field.
 */
export function validateStorageProblem(problem: StorageProblem): ValidStorageProblem {
  const errors: Record<string, string> = {};
  const fail = (field: string, message: string): void => {
    errors[field] ??= message;
  };
  const number = (field: keyof StorageProblem, value: unknown): number => {
    if (!isFiniteNumber(value)) fail(field, `must be a finite number, got ${String(value)}`);
    return isFiniteNumber(value) ? value : Number.NaN;
  };

  if (!STORAGE_DEVICE_TYPES.includes(problem.deviceType)) {
    fail('deviceType', `must be one of ${STORAGE_DEVICE_TYPES.join(', ')}, got ${String(problem.deviceType)}`);
  }
  const slots = problem.slots;
  const validSlots = Number.isSafeInteger(slots) && slots >= 1;
  if (!validSlots) fail('slots', `must be a whole number of at least 1, got ${String(slots)}`);

  const resolutionHours = number('resolutionHours', problem.resolutionHours);
  if (resolutionHours <= 0) fail('resolutionHours', `must be positive, got ${resolutionHours}`);

  if (!Array.isArray(problem.prices)) {
    fail('prices', 'must be a list of numbers, one per slot');
  } else {
    if (validSlots && problem.prices.length !== slots) fail('prices', `must hold one price per slot (${slots}), got ${problem.prices.length}`);
    const bad = problem.prices.findIndex((price) => !isFiniteNumber(price));
    if (bad >= 0) fail('prices', `must hold finite numbers; prices[${bad}] is ${String(problem.prices[bad])}`);
  }

  const capacityMw = number('capacityMw', problem.capacityMw);
  if (capacityMw < 0) fail('capacityMw', `must not be negative, got ${capacityMw} MW`);

  const socMinMwh = number('socMinMwh', problem.socMinMwh);
  const socMaxMwh = number('socMaxMwh', problem.socMaxMwh);
  const socStartMwh = number('socStartMwh', problem.socStartMwh);
  if (socMinMwh < 0) fail('socMinMwh', `must not be negative, got ${socMinMwh} MWh`);
  if (socMinMwh > socMaxMwh) fail('socMaxMwh', `must not be below the minimum SOC (${socMinMwh} MWh), got ${socMaxMwh} MWh`);
  if (socStartMwh < socMinMwh - LIMIT_SLACK_MWH || socStartMwh > socMaxMwh + LIMIT_SLACK_MWH) {
    fail('socStartMwh', `must lie within the SOC limits [${socMinMwh}, ${socMaxMwh}] MWh, got ${socStartMwh} MWh`);
  }

  const efficiency = (field: 'chargingEfficiency' | 'dischargingEfficiency'): number => {
    const value = problem[field] ?? 1;
    if (!isFiniteNumber(value) || value <= 0 || value > 1) fail(field, `must be in (0, 1], got ${String(value)}`);
    return value;
  };
  const chargingEfficiency = efficiency('chargingEfficiency');
  const dischargingEfficiency = efficiency('dischargingEfficiency');

  const preferChargingSooner = problem.preferChargingSooner ?? true;
  if (typeof preferChargingSooner !== 'boolean') fail('preferChargingSooner', `must be true or false, got ${String(preferChargingSooner)}`);
  if (problem.slotStartMs !== undefined && !isFiniteNumber(problem.slotStartMs)) {
    fail('slotStartMs', `must be a finite number of milliseconds, got ${String(problem.slotStartMs)}`);
  }

  const targets = validateTargets(problem.targets ?? [], validSlots ? slots : undefined, socMinMwh, socMaxMwh, fail);

  const fields = Object.keys(errors);
  if (fields.length > 0) {
    throw new DomainError(
      'UNPROCESSABLE_ENTITY',
      `Invalid storage problem: ${fields.map((field) => `${field} ${errors[field]}`).join('; ')}.`,
      { reason: 'INVALID_STORAGE_PROBLEM', errors },
    );
  }
  return {
    deviceType: problem.deviceType,
    slots,
    resolutionHours,
    prices: problem.prices,
    capacityMw,
    dischargeCapacityMw: problem.deviceType === 'one-way_evse' ? 0 : capacityMw,
    socStartMwh,
    socMinMwh,
    socMaxMwh,
    targets,
    chargingEfficiency,
    dischargingEfficiency,
    preferChargingSooner,
    ...(problem.slotStartMs === undefined ? {} : { slotStartMs: problem.slotStartMs }),
  };
}

function validateTargets(
  targets: readonly SocTarget[],
  slots: number | undefined,
  socMinMwh: number,
  socMaxMwh: number,
  fail: (field: string, message: string) => void,
): SocTarget[] {
  if (!Array.isArray(targets)) {
    fail('targets', 'must be a list of {slot, socMwh}');
    return [];
  }
  const seen = new Set<number>();
  targets.forEach((target: SocTarget, i) => {
    const field = `targets[${i}]`;
    const slot: unknown = target?.slot;
    const socMwh: unknown = target?.socMwh;
    if (!Number.isSafeInteger(slot) || (slot as number) < 0 || (slots !== undefined && (slot as number) >= slots)) {
      fail(field, `slot must be a whole number in [0, ${slots === undefined ? 'slots' : slots - 1}], got ${String(slot)}`);
    } else if (seen.has(slot as number)) {
      fail(field, `repeats slot ${String(slot)}; give one target per slot`);
    } else {
      seen.add(slot as number);
    }
    if (!isFiniteNumber(socMwh)) {
      fail(field, `socMwh must be a finite number, got ${String(socMwh)}`);
    } else if (socMwh < socMinMwh - LIMIT_SLACK_MWH || socMwh > socMaxMwh + LIMIT_SLACK_MWH) {
      fail(field, `socMwh ${socMwh} MWh lies outside the SOC limits [${socMinMwh}, ${socMaxMwh}] MWh`);
    }
  });
  return [...targets].sort((a, b) => a.slot - b.slot);
}

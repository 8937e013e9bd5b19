import { DomainError } from '../errors/domain-error';

/** Power units the platform converts between, in watts. */
const WATTS: Readonly<Record<string, number>> = { MW: 1_000_000, kW: 1_000, W: 1 };

export const POWER_UNITS: readonly string[] = Object.keys(WATTS);

export function isPowerUnit(unit: string): boolean {
  return Object.prototype.hasOwnProperty.call(WATTS, unit);
}

/**
 * Converts values from one unit to another. MW, kW and W convert into each
 * other (case-sensitive: `mW` is not `MW`); `accepted` narrows which units a
 * caller allows (v1 accepts MW only, §14.4.8). Any other unit — prices,
 * weather — must match exactly, else INVALID_UNIT.
 */
export function convertUnit(
  values: readonly number[],
  fromUnit: string,
  toUnit: string,
  accepted: readonly string[] = isPowerUnit(toUnit) ? POWER_UNITS : [toUnit],
): number[] {
  if (!accepted.includes(fromUnit)) {
    throw new DomainError('INVALID_UNIT', `Unit "${fromUnit}" is not accepted here; use ${accepted.join(', ')}.`, {
      unit: fromUnit,
      accepted,
    });
  }
  if (fromUnit === toUnit) return [...values];
  if (!isPowerUnit(fromUnit) || !isPowerUnit(toUnit)) {
    throw new DomainError('INVALID_UNIT', `Unit "${fromUnit}" does not match the expected "${toUnit}".`, {
      unit: fromUnit,
      accepted: [toUnit],
    });
  }
  const converted = values.map((value) => (value * WATTS[fromUnit]) / WATTS[toUnit]);
  if (!converted.every(Number.isFinite)) {
    throw new DomainError('UNPROCESSABLE_ENTITY', `A value is too large to express in ${toUnit}.`, { unit: fromUnit });
  }
  return converted;
}

export function toMegawatts(values: readonly number[], unit: string): number[] {
  return convertUnit(values, unit, 'MW');
}

export function fromMegawatts(values: readonly number[], unit: string): number[] {
  return convertUnit(values, 'MW', unit, POWER_UNITS);
}

/** Quantities written for people in scheduling messages: "25 kWh", "3.1 MW", "2 h 15 min". */

function significant(value: number, digits: number): string {
  const rounded = Number(value.toPrecision(digits));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function scaled(valueInMega: number, megaUnit: string, kiloUnit: string, digits: number): string {
  if (valueInMega !== 0 && Math.abs(valueInMega) < 1) return `${significant(valueInMega * 1000, digits)} ${kiloUnit}`;
  return `${significant(valueInMega, digits)} ${megaUnit}`;
}

/** Energy in MWh, shown in kWh below 1 MWh, with `digits` significant digits. */
export function formatEnergy(mwh: number, digits = 3): string {
  return scaled(mwh, 'MWh', 'kWh', digits);
}

/** Power in MW, shown in kW below 1 MW, with `digits` significant digits. */
export function formatPower(mw: number, digits = 3): string {
  return scaled(mw, 'MW', 'kW', digits);
}

/**
 * Two powers that differ, written so that they also read differently: a
 * needed 2.0004 MW next to a 2 MW capacity gets enough digits to show it.
 */
export function formatPowersApart(a: number, b: number): [string, string] {
  for (let digits = 2; digits < 9; digits++) {
    const pair: [string, string] = [formatPower(a, digits), formatPower(b, digits)];
    if (pair[0] !== pair[1]) return pair;
  }
  return [formatPower(a, 9), formatPower(b, 9)];
}

/** A duration in hours: "45 min", "2 h", "1 h 30 min". */
export function formatHours(hours: number): string {
  const minutes = Math.round(hours * 60 * 1000) / 1000;
  if (minutes < 60) return `${significant(minutes, 3)} min`;
  const whole = Math.floor(minutes / 60);
  const rest = Math.round((minutes - whole * 60) * 1000) / 1000;
  return rest === 0 ? `${whole} h` : `${whole} h ${significant(rest, 3)} min`;
}

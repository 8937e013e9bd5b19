import { LinearProgram, StorageProblem } from '@flexmeasures/domain';

/** A small LP builder for adapter tests: rows as {column: coefficient} maps. */
export function program(
  variables: Array<[name: string, lower: number, upper: number, kind?: 'continuous' | 'binary' | 'integer']>,
  objective: number[],
  rows: Array<[coefficients: Record<number, number>, lower: number, upper: number]>,
): LinearProgram {
  return {
    name: 'test',
    sense: 'minimize',
    variables: variables.map(([name, lower, upper, kind]) => ({ name, lower, upper, kind: kind ?? 'continuous' })),
    objective,
    objectiveConstant: 0,
    constraints: rows.map(([coefficients, lower, upper], i) => ({
      name: `row${i}`,
      columns: Object.keys(coefficients).map(Number),
      coefficients: Object.values(coefficients),
      lower,
      upper,
    })),
  };
}

/** Deterministic day-ahead-like prices (per MWh) with a few negative hours when `negative`. */
export function prices(slots: number, negative: boolean): number[] {
  return Array.from({ length: slots }, (_, t) => {
    const hour = (t / 4) % 24;
    const daily = 45 + 25 * Math.sin(((hour - 8) / 24) * 2 * Math.PI) + 8 * Math.sin(t / 5.3);
    const dip = negative && hour >= 12 && hour < 15 ? 70 : 0;
    return Math.round((daily - dip) * 100) / 100;
  });
}

/** A lossy battery over `slots` quarter-hours with a SOC target at the end; `negative` prices make it a MILP. */
export function battery(slots: number, negative: boolean): StorageProblem {
  return {
    deviceType: 'battery',
    slots,
    resolutionHours: 0.25,
    prices: prices(slots, negative),
    capacityMw: 2,
    socStartMwh: 2,
    socMinMwh: 0.5,
    socMaxMwh: 8,
    chargingEfficiency: 0.95,
    dischargingEfficiency: 0.95,
    targets: [{ slot: slots - 1, socMwh: 4 }],
  };
}

/**
 * A week of quarter-hours with noisy prices, about a third of them negative,
 * a small lossy battery and a SOC target every 12 h: 221 slots need a binary.
 * A hard MILP for glpk (no proof of optimality within 20 s), ~1–3 s for highs.
 */
export function hardWeek(): StorageProblem {
  let seed = 7;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const slots = 672;
  return {
    deviceType: 'battery',
    slots,
    resolutionHours: 0.25,
    prices: Array.from({ length: slots }, (_, t) => Math.round((20 + 40 * Math.sin(t / 9) + 30 * (random() - 0.5)) * 100) / 100),
    capacityMw: 2,
    socStartMwh: 2,
    socMinMwh: 0.5,
    socMaxMwh: 3,
    chargingEfficiency: 0.9,
    dischargingEfficiency: 0.9,
    targets: Array.from({ length: slots / 48 }, (_, k) => ({ slot: 48 * k + 47, socMwh: 1 + (k % 3) * 0.5 })),
  };
}

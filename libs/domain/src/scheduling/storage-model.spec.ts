import fc from 'fast-check';
import { optimiseOnGrid } from './grid-optimum';
import { isMixedInteger, lpViolations, objectiveValue } from './linear-program';
import { preferenceEpsilon } from './preference';
import { buildStorageModel, slotsNeedingBinaries, StorageModel } from './storage-model';
import { StorageProblem, validateStorageProblem } from './storage-problem';
import { errorOf } from '../test/domain-error-of';

const BATTERY: StorageProblem = {
  deviceType: 'battery',
  slots: 3,
  resolutionHours: 0.5,
  prices: [40, 20, 60],
  capacityMw: 2,
  socStartMwh: 1,
  socMinMwh: 0.5,
  socMaxMwh: 3,
};

/** LP values for a physical schedule (never both directions in one slot). */
function valuesOf(model: StorageModel, powerMw: readonly number[], socMwh: readonly number[]): number[] {
  const values = new Array<number>(model.lp.variables.length).fill(0);
  powerMw.forEach((power, t) => {
    values[model.columns.charge(t)] = Math.max(power, 0);
    values[model.columns.discharge(t)] = Math.max(-power, 0);
    values[model.columns.soc(t)] = socMwh[t];
  });
  model.binarySlots.forEach((t, k) => (values[3 * model.problem.slots + k] = powerMw[t] > 0 ? 1 : 0));
  return values;
}

describe('buildStorageModel', () => {
  it('has charge, discharge and SOC per slot, and one balance row per slot', () => {
    const { lp, binarySlots, preference } = buildStorageModel({ ...BATTERY, chargingEfficiency: 0.9, dischargingEfficiency: 0.8, targets: [{ slot: 1, socMwh: 2 }] });
    expect(isMixedInteger(lp)).toBe(false);
    expect(binarySlots).toEqual([]);
    expect(lp.variables.map((v) => v.name)).toEqual(['charge[0]', 'charge[1]', 'charge[2]', 'discharge[0]', 'discharge[1]', 'discharge[2]', 'soc[0]', 'soc[1]', 'soc[2]']);
    expect(lp.variables.slice(0, 6).every((v) => v.lower === 0 && v.upper === 2 && v.kind === 'continuous')).toBe(true);
    // the target fixes soc[1]; the others keep the SOC limits
    expect(lp.variables.slice(6).map((v) => [v.lower, v.upper])).toEqual([[0.5, 3], [2, 2], [0.5, 3]]);
    expect(lp.constraints).toEqual([
      { name: 'soc_balance[0]', columns: [6, 0, 3], coefficients: [1, -0.45, 0.625], lower: 1, upper: 1 },
      { name: 'soc_balance[1]', columns: [7, 6, 1, 4], coefficients: [1, -1, -0.45, 0.625], lower: 0, upper: 0 },
      { name: 'soc_balance[2]', columns: [8, 7, 2, 5], coefficients: [1, -1, -0.45, 0.625], lower: 0, upper: 0 },
    ]);
    const { chargePerMwh, dischargePerMwh } = preference;
    expect(lp.objective).toEqual([
      ...[40, 20, 60].map((price, t) => 0.5 * (price + chargePerMwh[t])),
      ...[40, 20, 60].map((price, t) => 0.5 * (dischargePerMwh[t] - price)),
      0,
      0,
      0,
    ]);
  });

  it('prefers charging sooner with penalties rising for charging and falling for discharging, all positive', () => {
    const { preference } = buildStorageModel({ ...BATTERY, slots: 4, prices: [10, 10, 10, 10] });
    const { epsilon, chargePerMwh, dischargePerMwh } = preference;
    expect(epsilon).toBeCloseTo(0.01, 12); // a thousandth of the spread from 0 to 10
    expect(chargePerMwh).toEqual([0.25, 0.5, 0.75, 1].map((share) => expect.closeTo(share * epsilon, 15)));
    expect(dischargePerMwh).toEqual([1, 0.75, 0.5, 0.25].map((share) => expect.closeTo(share * epsilon, 15)));
    const flat = buildStorageModel({ ...BATTERY, slots: 4, prices: [10, 10, 10, 10], preferChargingSooner: false }).preference;
    expect(new Set([...flat.chargePerMwh, ...flat.dischargePerMwh])).toEqual(new Set([epsilon / 2]));
  });

  it('gives a one-way EVSE no room to discharge and never a binary', () => {
    const { lp, binarySlots } = buildStorageModel({ ...BATTERY, deviceType: 'one-way_evse', prices: [-40, -20, -60], chargingEfficiency: 0.9 }, { binaries: 'all' });
    expect(lp.variables.slice(3, 6).map((v) => v.upper)).toEqual([0, 0, 0]);
    expect(binarySlots).toEqual([]);
  });

  describe('binaries against charging and discharging at once', () => {
    const lossy: StorageProblem = { ...BATTERY, slots: 4, prices: [30, -50, 0, -0.01], chargingEfficiency: 0.95, dischargingEfficiency: 0.95 };

    it('are added only in slots whose negative price makes burning energy pay', () => {
      // -0.01 is too small to beat the penalties: burning 1 MWh earns 0.01·(1 − 0.9025) < ε
      const model = buildStorageModel(lossy);
      expect(model.binarySlots).toEqual([1]);
      expect(isMixedInteger(model.lp)).toBe(true);
      expect(model.lp.variables.at(-1)).toEqual({ name: 'charging[1]', lower: 0, upper: 1, kind: 'binary' });
      expect(model.lp.constraints.slice(4)).toEqual([
        { name: 'charge_mode[1]', columns: [1, 12], coefficients: [1, -2], lower: Number.NEGATIVE_INFINITY, upper: 0 },
        { name: 'discharge_mode[1]', columns: [5, 12], coefficients: [1, 2], lower: Number.NEGATIVE_INFINITY, upper: 2 },
      ]);
    });

    it.each<[string, Partial<StorageProblem>]>([
      ['without losses', { chargingEfficiency: 1, dischargingEfficiency: 1 }],
      ['without negative prices', { prices: [30, 50, 0, 0.01] }],
      ['for a device that cannot discharge', { deviceType: 'one-way_evse' }],
      ['without capacity', { capacityMw: 0 }],
    ])('are never added %s', (_name, change) => {
      const model = buildStorageModel({ ...lossy, ...change });
      expect(model.binarySlots).toEqual([]);
      expect(isMixedInteger(model.lp)).toBe(false);
    });

    it('can be forced in every slot, or left out', () => {
      expect(buildStorageModel(lossy, { binaries: 'all' }).binarySlots).toEqual([0, 1, 2, 3]);
      expect(buildStorageModel(lossy, { binaries: 'none' }).binarySlots).toEqual([]);
    });

    it('follow the exchange argument: no binary where undoing an overlap strictly pays', () => {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 8 }),
          fc.double({ min: 0.5, max: 1, noNaN: true }),
          (prices, efficiency) => {
            const problem = validateStorageProblem({ ...BATTERY, slots: prices.length, prices, chargingEfficiency: efficiency });
            const slots = slotsNeedingBinaries(problem);
            prices.forEach((price, t) => {
              if (price >= 0 || efficiency === 1) expect(slots).not.toContain(t);
            });
          },
        ),
        { seed: 7, numRuns: 200 },
      );
    });
  });

  it('explains unreachable targets before building anything', () => {
    const error = errorOf(() => buildStorageModel({ ...BATTERY, targets: [{ slot: 0, socMwh: 3 }] }));
    expect(error?.details).toMatchObject({ reason: 'INFEASIBLE_TARGET' });
  });

  it('accepts the independent grid optimum as a feasible point with the same objective', () => {
    const problem: StorageProblem = { ...BATTERY, targets: [{ slot: 2, socMwh: 2 }] };
    const model = buildStorageModel(problem);
    const grid = optimiseOnGrid(problem, 0.5)!;
    const values = valuesOf(model, grid.powerMw, grid.socMwh);
    expect(lpViolations(model.lp, values)).toEqual([]);
    expect(objectiveValue(model.lp, values)).toBeCloseTo(grid.objective, 9);
  });
});

describe('the preference penalties (ε)', () => {
  it.each<[string, number[], number]>([
    ['cents: a quarter of the smallest price step', [40.01, 40.02, 45], 0.0025],
    ['a thousandth of the spread when that is smaller', [10, 20, 30], 0.03],
    ['zero counts as a price level', [0.4, 100], 0.1],
    ['flat prices: the spread from zero', [50, 50], 0.05],
    ['all prices zero', [0, 0], 0.001],
    ['float noise is not a price step', [0.1 + 0.2, 0.3, 10], 0.01],
  ])('%s', (_name, prices, epsilon) => {
    expect(preferenceEpsilon(prices)).toBeCloseTo(epsilon, 12);
  });

  // Without losses the model is a network flow: any change of vertex moves
  // energy over two priced arcs, worth 0 or at least the smallest price gap g
  // per MWh, while the penalties move by less than 2ε ≤ g/2. So minimising
  // costs + penalties lands on an economic optimum. Checked here against the
  // exact grid optimum (integral data: the LP optimum lies on the grid).
  it('never changes the economic optimum without losses (exact grid optimum, random instances)', () => {
    const instance = fc
      .record({
        slots: fc.integer({ min: 1, max: 7 }),
        levels: fc.integer({ min: 1, max: 6 }),
        capSteps: fc.integer({ min: 0, max: 3 }),
        deviceType: fc.constantFrom('battery' as const, 'one-way_evse' as const),
        preferChargingSooner: fc.boolean(),
        priceSet: fc.array(fc.integer({ min: -20, max: 40 }), { minLength: 1, maxLength: 3 }),
      })
      .chain((base) =>
        fc.record({
          base: fc.constant(base),
          prices: fc.array(fc.constantFrom(...base.priceSet), { minLength: base.slots, maxLength: base.slots }),
          start: fc.integer({ min: 0, max: base.levels }),
          target: fc.option(fc.record({ slot: fc.integer({ min: 0, max: base.slots - 1 }), level: fc.integer({ min: 0, max: base.levels }) })),
        }),
      );
    fc.assert(
      fc.property(instance, ({ base, prices, start, target }) => {
        const step = 0.25;
        const problem: StorageProblem = {
          deviceType: base.deviceType,
          slots: base.slots,
          resolutionHours: 0.5,
          prices: prices.map((p) => p / 2), // steps of 0.5: not all integers
          capacityMw: (base.capSteps * step) / 0.5,
          socStartMwh: start * step,
          socMinMwh: 0,
          socMaxMwh: base.levels * step,
          targets: target === null ? [] : [{ slot: target.slot, socMwh: target.level * step }],
          preferChargingSooner: base.preferChargingSooner,
        };
        const economic = optimiseOnGrid(problem, step, { withPreference: false });
        const preferred = optimiseOnGrid(problem, step);
        expect(preferred === undefined).toBe(economic === undefined);
        if (economic === undefined || preferred === undefined) return;
        expect(preferred.costs).toBeCloseTo(economic.costs, 9);
        // and the penalties cost something only where energy actually moves
        expect(preferred.objective).toBeGreaterThanOrEqual(preferred.costs - 1e-12);
      }),
      { seed: 20240601, numRuns: 400 },
    );
  });

  it('picks the earliest of equally priced slots for charging and the latest for discharging', () => {
    const problem: StorageProblem = {
      deviceType: 'battery',
      slots: 6,
      resolutionHours: 1,
      prices: [10, 10, 10, 30, 30, 30],
      capacityMw: 1,
      socStartMwh: 0,
      socMinMwh: 0,
      socMaxMwh: 1,
    };
    expect(optimiseOnGrid(problem, 1)?.powerMw).toEqual([1, 0, 0, 0, 0, -1]);
    const withTarget = { ...problem, prices: [10, 10, 10, 10, 10, 10], targets: [{ slot: 5, socMwh: 1 }] };
    expect(optimiseOnGrid(withTarget, 1)?.powerMw).toEqual([1, 0, 0, 0, 0, 0]);
  });
});

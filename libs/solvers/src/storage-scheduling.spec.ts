import { buildStorageModel, DomainError, hasSimultaneousFlow, isMixedInteger, optimiseOnGrid, StorageProblem, verifySchedule } from '@flexmeasures/domain';
import fc from 'fast-check';
import { createSolver } from './create-solver';
import { LpSolution, SOLVER_NAMES } from './lp-solver';
import { scheduleStorage, SolveProgram, StorageScheduled, StorageScheduleResult } from './storage-scheduling';
import { battery } from './test/instances';

const glpk = createSolver('glpk');
const highs = createSolver('highs');
// highs stops a MILP at a relative gap of 1e-4 by default; comparing solvers needs them exact
const solveWith = (name: 'glpk' | 'highs'): SolveProgram => (lp) => (name === 'glpk' ? glpk : highs).solve(lp, { mipGap: 1e-9 });

function scheduled(result: StorageScheduleResult): StorageScheduled {
  if ('detail' in result) throw new Error(`no schedule: ${result.detail}`);
  return result;
}

const relativelyClose = (a: number, b: number, tolerance = 1e-6): boolean => Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Small instances whose continuous optimum lies on a grid of 0.25 MWh:
 * efficiencies 1, and the start, limits, target and capacity·Δt multiples of
 * the step (the LP is then a network flow with integral data).
 */
const gridInstance = fc
  .record({
    slots: fc.integer({ min: 1, max: 6 }),
    levels: fc.integer({ min: 1, max: 6 }),
    capSteps: fc.integer({ min: 0, max: 3 }),
    deviceType: fc.constantFrom('battery' as const, 'one-way_evse' as const, 'two-way_evse' as const),
    preferChargingSooner: fc.boolean(),
    priceLevels: fc.array(fc.integer({ min: -60, max: 120 }), { minLength: 1, maxLength: 4 }),
  })
  .chain((base) =>
    fc.record({
      base: fc.constant(base),
      prices: fc.array(fc.constantFrom(...base.priceLevels), { minLength: base.slots, maxLength: base.slots }),
      start: fc.integer({ min: 0, max: base.levels }),
      targets: fc.uniqueArray(fc.record({ slot: fc.integer({ min: 0, max: base.slots - 1 }), level: fc.integer({ min: 0, max: base.levels }) }), {
        maxLength: 2,
        selector: (target) => target.slot,
      }),
    }),
  )
  .map(({ base, prices, start, targets }): StorageProblem => {
    const step = 0.25;
    return {
      deviceType: base.deviceType,
      slots: base.slots,
      resolutionHours: 0.25,
      prices: prices.map((price) => price / 4), // steps of 0.25 per MWh, some negative
      capacityMw: (base.capSteps * step) / 0.25,
      socStartMwh: 0.5 + start * step,
      socMinMwh: 0.5,
      socMaxMwh: 0.5 + base.levels * step,
      targets: targets.map((target) => ({ slot: target.slot, socMwh: 0.5 + target.level * step })),
      preferChargingSooner: base.preferChargingSooner,
    };
  });

/** Six hours; three of them so negative that, once the battery is full, charging and discharging at once (burning) would earn money. */
const BURNING: StorageProblem = {
  deviceType: 'battery',
  slots: 24,
  resolutionHours: 0.25,
  prices: [...Array.from({ length: 4 }, () => 40), ...Array.from({ length: 12 }, () => -80), ...Array.from({ length: 8 }, () => 60)],
  capacityMw: 2,
  socStartMwh: 3,
  socMinMwh: 0.5,
  socMaxMwh: 4,
  chargingEfficiency: 0.95,
  dischargingEfficiency: 0.95,
};

describe('scheduleStorage with glpk and highs', () => {
  it('matches the exact grid optimum, respects every bound and target, and both solvers agree (property)', async () => {
    await fc.assert(
      fc.asyncProperty(gridInstance, async (problem) => {
        const exact = optimiseOnGrid(problem, 0.25, { withPreference: false });
        if (exact === undefined) {
          // unreachable on the grid is unreachable at all here: explained before any solve
          await expect(scheduleStorage(problem, solveWith('glpk'))).rejects.toMatchObject({ details: { reason: 'INFEASIBLE_TARGET' } });
          return;
        }
        const results = await Promise.all(SOLVER_NAMES.map(async (name) => scheduled(await scheduleStorage(problem, solveWith(name)))));
        for (const result of results) {
          expect(result.status).toBe('optimal');
          expect(verifySchedule(problem, result.schedule).violations).toEqual([]);
          expect(relativelyClose(result.schedule.costs, exact.costs)).toBe(true);
        }
        expect(relativelyClose(results[0].solution.objective, results[1].solution.objective)).toBe(true);
      }),
      { seed: 42, numRuns: 120 },
    );
  });

  it('with losses: both solvers agree and never do worse than the grid (property)', async () => {
    const lossy = fc.tuple(gridInstance, fc.double({ min: 0.8, max: 1, noNaN: true }), fc.double({ min: 0.8, max: 1, noNaN: true }));
    await fc.assert(
      fc.asyncProperty(lossy, async ([grid, chargingEfficiency, dischargingEfficiency]) => {
        const problem = { ...grid, chargingEfficiency, dischargingEfficiency };
        let results: StorageScheduled[];
        try {
          results = await Promise.all(SOLVER_NAMES.map(async (name) => scheduled(await scheduleStorage(problem, solveWith(name)))));
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).details).toMatchObject({ reason: 'INFEASIBLE_TARGET' });
          return;
        }
        for (const result of results) expect(verifySchedule(problem, result.schedule).violations).toEqual([]);
        expect(relativelyClose(results[0].solution.objective, results[1].solution.objective)).toBe(true);
        // every grid path is a feasible LP point (no overlap, within capacity), so the LP can only do better
        const onGrid = optimiseOnGrid(problem, 0.25);
        if (onGrid !== undefined) {
          for (const result of results) expect(result.solution.objective).toBeLessThanOrEqual(onGrid.objective + 1e-6 * Math.max(1, Math.abs(onGrid.objective)));
        }
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it('does not cycle at flat prices: energy moves only as far as the targets need', async () => {
    for (const efficiency of [1, 0.9]) {
      const problem: StorageProblem = {
        ...battery(96, false),
        prices: Array.from({ length: 96 }, () => 50),
        chargingEfficiency: efficiency,
        dischargingEfficiency: efficiency,
        targets: [{ slot: 95, socMwh: 3 }], // 1 MWh more than the start
      };
      for (const name of SOLVER_NAMES) {
        const { schedule } = scheduled(await scheduleStorage(problem, solveWith(name)));
        expect(schedule.dischargeMw.every((power) => power === 0)).toBe(true);
        const charged = schedule.chargeMw.reduce((sum, power) => sum + power * 0.25 * efficiency, 0);
        expect(charged).toBeCloseTo(1, 9);
      }
      // without a target, selling what is stored pays at any positive price; buying it back never does
      const free = scheduled(await scheduleStorage({ ...problem, targets: [] }, solveWith('glpk'))).schedule;
      expect(free.chargeMw.every((power) => power === 0)).toBe(true);
      expect(free.dischargeMw.reduce((sum, power) => sum + (power * 0.25) / efficiency, 0)).toBeCloseTo(2 - 0.5, 9);
    }
  });

  it('prefers charging in the earliest and discharging in the latest of equally priced slots', async () => {
    const base: StorageProblem = {
      deviceType: 'battery',
      slots: 8,
      resolutionHours: 0.25,
      prices: [50, 30, 30, 30, 30, 70, 70, 70],
      capacityMw: 2,
      socStartMwh: 0,
      socMinMwh: 0,
      socMaxMwh: 0.5,
    };
    for (const name of SOLVER_NAMES) {
      const { schedule } = scheduled(await scheduleStorage(base, solveWith(name)));
      expect(schedule.powerMw).toEqual([0, 2, 0, 0, 0, 0, 0, -2]);
      const { schedule: anySlot } = scheduled(await scheduleStorage({ ...base, preferChargingSooner: false }, solveWith(name)));
      expect(anySlot.costs).toBeCloseTo(schedule.costs, 9); // the same economic optimum either way
    }
  });

  it('forbids charging and discharging at once when negative prices and losses make burning energy pay', async () => {
    const problem = BURNING;
    const model = buildStorageModel(problem);
    expect(isMixedInteger(model.lp)).toBe(true);
    expect(model.binarySlots).toEqual(Array.from({ length: 12 }, (_, i) => 4 + i));
    // the LP alone burns energy at the negative prices …
    const relaxed = await glpk.solve(buildStorageModel(problem, { binaries: 'none' }).lp);
    expect(hasSimultaneousFlow(problem, relaxed.values)).toBe(true);
    // … the model with binaries does not, with either solver, and they agree
    const objectives: number[] = [];
    for (const name of SOLVER_NAMES) {
      const result = scheduled(await scheduleStorage(problem, solveWith(name)));
      expect(result.resolvedWithBinaries).toBe(false);
      expect(hasSimultaneousFlow(problem, result.solution.values)).toBe(false);
      expect(verifySchedule(problem, result.schedule).ok).toBe(true);
      objectives.push(result.solution.objective);
    }
    expect(objectives[0]).toBeCloseTo(objectives[1], 6);
    // without negative prices the model stays an LP
    expect(isMixedInteger(buildStorageModel(battery(96, false)).lp)).toBe(false);
  });

  it('re-solves with binaries everywhere when a solution still charges and discharges at once', async () => {
    const problem = BURNING;
    const lps: boolean[] = [];
    const result = await scheduleStorage(problem, async (lp) => {
      lps.push(isMixedInteger(lp));
      // a solver that ignores the binaries the first time
      return glpk.solve(lps.length === 1 ? { ...lp, variables: lp.variables.map((v) => ({ ...v, kind: 'continuous' as const })) } : lp);
    });
    expect(lps).toEqual([true, true]);
    expect(scheduled(result).resolvedWithBinaries).toBe(true);
    expect(hasSimultaneousFlow(problem, scheduled(result).solution.values)).toBe(false);
  });

  it('explains an unreachable target before solving anything', async () => {
    const solve = jest.fn<Promise<LpSolution>, Parameters<SolveProgram>>();
    const problem: StorageProblem = { ...battery(96, false), slotStartMs: Date.parse('2015-01-01T00:00:00Z'), targets: [{ slot: 7, socMwh: 7 }] };
    const error = await scheduleStorage(problem, solve).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toBe(
      'The SOC target of 7 MWh at 2015-01-01T02:00:00Z cannot be met: from the starting SOC of 2 MWh at 2015-01-01T00:00:00Z ' +
        'it needs 2.6 MW of charging for 2 h (at 95% charging efficiency); the capacity is 2 MW.',
    );
    expect(solve).not.toHaveBeenCalled();
  });

  it('refuses a solver result that fails verification', async () => {
    const problem = battery(8, false);
    const { lp } = buildStorageModel(problem);
    const zeros: LpSolution = { status: 'optimal', objective: 0, values: new Float64Array(lp.variables.length), solver: 'glpk', solveMs: 0 };
    const result = await scheduleStorage(problem, () => Promise.resolve(zeros));
    expect(result.status).toBe('no-solution');
    expect(result.status === 'no-solution' && result.detail).toMatch(/^the glpk solution fails verification: slot 0: /);
  });
});

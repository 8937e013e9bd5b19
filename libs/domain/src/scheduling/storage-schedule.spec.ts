import { buildStorageModel } from './storage-model';
import { StorageProblem } from './storage-problem';
import { hasSimultaneousFlow, scheduleCosts, scheduleFromSolution, simultaneousFlowSlots, verifySchedule } from './storage-schedule';

const BATTERY: StorageProblem = {
  deviceType: 'battery',
  slots: 4,
  resolutionHours: 0.5,
  prices: [10, 50, -20, 40],
  capacityMw: 2,
  socStartMwh: 1,
  socMinMwh: 0,
  socMaxMwh: 3,
  chargingEfficiency: 0.8,
  dischargingEfficiency: 0.5,
  targets: [{ slot: 3, socMwh: 1.4 }],
};

/** Values in model order: charge[0..3], discharge[0..3], soc[0..3]. */
const VALUES = [2, 0, 1e-12, 0.5, 0, 1, 0, 0, 1.8, 0.8, 0.8, 1.0000000000004];

describe('scheduleFromSolution', () => {
  it('reports net power (consumption positive), the SOC and the costs, without solver noise', () => {
    const schedule = scheduleFromSolution(BATTERY, VALUES);
    expect(schedule.chargeMw).toEqual([2, 0, 0, 0.5]);
    expect(schedule.dischargeMw).toEqual([0, 1, 0, 0]);
    expect(schedule.powerMw).toEqual([2, -1, 0, 0.5]);
    expect(schedule.socMwh).toEqual([1.8, 0.8, 0.8, 1.0000000000004]);
    expect(schedule.costs).toBeCloseTo(0.5 * (10 * 2 - 50 + 40 * 0.5), 12);
    expect(scheduleCosts(BATTERY, schedule.powerMw)).toBeCloseTo(schedule.costs, 12);
  });

  it('reads values laid out by buildStorageModel, binaries after the SOCs', () => {
    const model = buildStorageModel(BATTERY);
    expect(model.binarySlots).toEqual([2]);
    expect(scheduleFromSolution(BATTERY, [...VALUES, 1]).powerMw).toEqual([2, -1, 0, 0.5]);
  });
});

describe('hasSimultaneousFlow', () => {
  it('finds slots that charge and discharge at once, beyond a tolerance', () => {
    const overlap = [...VALUES];
    overlap[2] = 1; // charge[2]
    overlap[6] = 0.4; // discharge[2]
    expect(hasSimultaneousFlow(BATTERY, VALUES)).toBe(false);
    expect(hasSimultaneousFlow(BATTERY, overlap)).toBe(true);
    expect(simultaneousFlowSlots(BATTERY, overlap)).toEqual([2]);
    expect(hasSimultaneousFlow(BATTERY, overlap, 0.5)).toBe(false);
  });
});

describe('verifySchedule', () => {
  it('accepts a schedule whose powers reproduce its SOCs, limits and targets', () => {
    // 1 + 2·0.8·0.5 = 1.8; 1.8 − 1/0.5·0.5 = 0.8; 0.8; 0.8 + 0.5·0.8·0.5 = 1.0
    const check = verifySchedule({ ...BATTERY, targets: [{ slot: 3, socMwh: 1 }] }, scheduleFromSolution(BATTERY, VALUES));
    expect(check.violations).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.socMwh.map((soc) => Number(soc.toFixed(9)))).toEqual([1.8, 0.8, 0.8, 1]);
  });

  it('catches a silent all-zero "solution"', () => {
    const check = verifySchedule(BATTERY, { powerMw: [0, 0, 0, 0] });
    expect(check.ok).toBe(false);
    expect(check.violations).toEqual([{ kind: 'target', slot: 3, message: 'slot 3: SOC 1 MWh misses the target of 1.4 MWh' }]);
  });

  it.each<[string, StorageProblem, number[], number[] | undefined, string]>([
    ['power over capacity', BATTERY, [2.5, -1, 0, 0], undefined, 'power'],
    ['a one-way EVSE discharging', { ...BATTERY, deviceType: 'one-way_evse', targets: [] }, [0, -0.1, 0, 0], undefined, 'power'],
    ['an SOC over the maximum', { ...BATTERY, targets: [] }, [2, 2, 2, 0], undefined, 'soc-limit'],
    ['an SOC under the minimum', { ...BATTERY, targets: [] }, [0, -2, 0, 0], undefined, 'soc-limit'],
    ['SOCs that the powers do not give', { ...BATTERY, targets: [] }, [0, 0, 0, 0], [1, 1, 1.1, 1], 'soc-mismatch'],
    ['the wrong number of slots', BATTERY, [0, 0, 0], undefined, 'length'],
    ['a power that is not a number', BATTERY, [0, Number.NaN, 0, 0], undefined, 'not-finite'],
  ])('rejects %s', (_name, problem, powerMw, socMwh, kind) => {
    const check = verifySchedule(problem, socMwh === undefined ? { powerMw } : { powerMw, socMwh });
    expect(check.ok).toBe(false);
    expect(check.violations.map((violation) => violation.kind)).toContain(kind);
  });

  it('allows solver-sized errors', () => {
    const check = verifySchedule({ ...BATTERY, targets: [{ slot: 3, socMwh: 1 + 1e-8 }] }, { powerMw: [2 + 1e-8, -1, 0, 0.5] });
    expect(check.violations).toEqual([]);
  });
});

import { optimiseOnGrid } from './grid-optimum';
import { StorageProblem } from './storage-problem';
import { errorOf } from '../test/domain-error-of';

const BATTERY: StorageProblem = {
  deviceType: 'battery',
  slots: 4,
  resolutionHours: 1,
  prices: [10, 30, 5, 40],
  capacityMw: 1,
  socStartMwh: 0,
  socMinMwh: 0,
  socMaxMwh: 1,
};

describe('optimiseOnGrid (reference optimiser for tests)', () => {
  it('buys low and sells high, twice', () => {
    const best = optimiseOnGrid(BATTERY, 1, { withPreference: false });
    expect(best?.powerMw).toEqual([1, -1, 1, -1]);
    expect(best?.socMwh).toEqual([1, 0, 1, 0]);
    expect(best?.costs).toBe(10 - 30 + 5 - 40);
  });

  it('meets targets and applies efficiencies', () => {
    const problem = { ...BATTERY, prices: [20, 10, 15, 40], chargingEfficiency: 0.5, socMaxMwh: 0.5, targets: [{ slot: 3, socMwh: 0.5 }] };
    const best = optimiseOnGrid(problem, 0.5, { withPreference: false });
    // storing 0.5 MWh takes 1 MW for an hour at 50 %: in the cheapest slot
    expect(best?.powerMw).toEqual([0, 1, 0, 0]);
    expect(best?.socMwh).toEqual([0, 0.5, 0.5, 0.5]);
    expect(best?.costs).toBe(10);
  });

  it('returns undefined when no grid path meets the targets', () => {
    expect(optimiseOnGrid({ ...BATTERY, targets: [{ slot: 0, socMwh: 1 }, { slot: 1, socMwh: 0 }], deviceType: 'one-way_evse' }, 1)).toBeUndefined();
  });

  it('refuses a problem that is not on the grid', () => {
    expect(errorOf(() => optimiseOnGrid({ ...BATTERY, socStartMwh: 0.3 }, 0.5))?.message).toMatch(/starting SOC \(0\.3 MWh\) is not on the grid of 0\.5 MWh/);
  });
});

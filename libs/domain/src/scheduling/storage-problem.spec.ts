import { StorageProblem, validateStorageProblem } from './storage-problem';
import { errorOf } from '../test/domain-error-of';

const BATTERY: StorageProblem = {
  deviceType: 'battery',
  slots: 4,
  resolutionHours: 0.25,
  prices: [30, 40, 50, 60],
  capacityMw: 2,
  socStartMwh: 1,
  socMinMwh: 0,
  socMaxMwh: 4,
};

describe('validateStorageProblem', () => {
  it('fills in the defaults and sorts the targets', () => {
    const valid = validateStorageProblem({ ...BATTERY, targets: [{ slot: 3, socMwh: 2 }, { slot: 1, socMwh: 1.5 }] });
    expect(valid).toMatchObject({
      chargingEfficiency: 1,
      dischargingEfficiency: 1,
      preferChargingSooner: true,
      dischargeCapacityMw: 2,
      targets: [{ slot: 1, socMwh: 1.5 }, { slot: 3, socMwh: 2 }],
    });
    expect(valid.slotStartMs).toBeUndefined();
  });

  it('gives a one-way EVSE no discharging capacity', () => {
    expect(validateStorageProblem({ ...BATTERY, deviceType: 'one-way_evse' }).dischargeCapacityMw).toBe(0);
    expect(validateStorageProblem({ ...BATTERY, deviceType: 'two-way_evse' }).dischargeCapacityMw).toBe(2);
  });

  it.each<[string, Partial<StorageProblem>, string, RegExp]>([
    ['a negative capacity', { capacityMw: -1 }, 'capacityMw', /capacityMw must not be negative, got -1 MW/],
    ['a minimum SOC above the maximum', { socMinMwh: 5, socMaxMwh: 4, socStartMwh: 4 }, 'socMaxMwh', /must not be below the minimum SOC \(5 MWh\)/],
    ['a start SOC above the maximum', { socStartMwh: 4.5 }, 'socStartMwh', /within the SOC limits \[0, 4\] MWh, got 4\.5 MWh/],
    ['a start SOC below the minimum', { socMinMwh: 2 }, 'socStartMwh', /got 1 MWh/],
    ['a negative minimum SOC', { socMinMwh: -1 }, 'socMinMwh', /must not be negative/],
    ['too few prices', { prices: [1, 2, 3] }, 'prices', /one price per slot \(4\), got 3/],
    ['a price that is not a number', { prices: [1, 2, Number.NaN, 4] }, 'prices', /prices\[2\] is NaN/],
    ['no slots', { slots: 0, prices: [] }, 'slots', /at least 1/],
    ['a fractional number of slots', { slots: 2.5 }, 'slots', /whole number/],
    ['a zero resolution', { resolutionHours: 0 }, 'resolutionHours', /must be positive/],
    ['an efficiency above 1', { chargingEfficiency: 1.2 }, 'chargingEfficiency', /in \(0, 1\], got 1\.2/],
    ['a zero efficiency', { dischargingEfficiency: 0 }, 'dischargingEfficiency', /in \(0, 1\]/],
    ['an unknown device', { deviceType: 'heat pump' as never }, 'deviceType', /battery, one-way_evse, two-way_evse/],
    ['a target above the maximum SOC', { targets: [{ slot: 2, socMwh: 5 }] }, 'targets[0]', /5 MWh lies outside the SOC limits \[0, 4\] MWh/],
    ['a target after the horizon', { targets: [{ slot: 4, socMwh: 1 }] }, 'targets[0]', /slot must be a whole number in \[0, 3\], got 4/],
    ['two targets for one slot', { targets: [{ slot: 1, socMwh: 1 }, { slot: 1, socMwh: 2 }] }, 'targets[1]', /repeats slot 1/],
  ])('refuses %s', (_name, change, field, message) => {
    const error = errorOf(() => validateStorageProblem({ ...BATTERY, ...change }));
    expect(error?.code).toBe('UNPROCESSABLE_ENTITY');
    expect(error?.details).toMatchObject({ reason: 'INVALID_STORAGE_PROBLEM' });
    expect(Object.keys(error?.details?.errors as object)).toContain(field);
    expect(error?.message).toMatch(message);
  });

  it('names every problem at once', () => {
    const error = errorOf(() => validateStorageProblem({ ...BATTERY, capacityMw: -1, resolutionHours: -1, chargingEfficiency: 2 }));
    expect(Object.keys(error?.details?.errors as object).sort()).toEqual(['capacityMw', 'chargingEfficiency', 'resolutionHours']);
  });
});

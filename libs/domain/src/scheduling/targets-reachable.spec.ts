import { StorageProblem } from './storage-problem';
import { checkTargetsReachable } from './targets-reachable';
import { errorOf } from '../test/domain-error-of';

const START = Date.parse('2015-01-01T14:00:00Z');

/** 4 hours of 15-minute slots from 14:00 UTC; slot 7 ends at 16:00. */
const BATTERY: StorageProblem = {
  deviceType: 'battery',
  slots: 16,
  resolutionHours: 0.25,
  prices: Array.from({ length: 16 }, () => 50),
  capacityMw: 2,
  socStartMwh: 0.5,
  socMinMwh: 0,
  socMaxMwh: 10,
  slotStartMs: START,
};

describe('checkTargetsReachable', () => {
  it('names the target, the time, the power needed and the capacity', () => {
    const error = errorOf(() => checkTargetsReachable({ ...BATTERY, targets: [{ slot: 7, socMwh: 6.75 }] }));
    expect(error?.code).toBe('UNPROCESSABLE_ENTITY');
    expect(error?.message).toBe(
      'The SOC target of 6.75 MWh at 2015-01-01T16:00:00Z cannot be met: from the starting SOC of 500 kWh at 2015-01-01T14:00:00Z ' +
        'it needs 3.1 MW of charging for 2 h; the capacity is 2 MW.',
    );
    expect(error?.details).toMatchObject({
      reason: 'INFEASIBLE_TARGET',
      target: { slot: 7, socMwh: 6.75, at: '2015-01-01T16:00:00Z' },
      from: { slot: -1, socMwh: 0.5 },
      direction: 'charge',
      hours: 2,
      neededMw: 3.125,
      capacityMw: 2,
    });
  });

  it('counts slots when the problem has no start time', () => {
    const error = errorOf(() => checkTargetsReachable({ ...BATTERY, slotStartMs: undefined, targets: [{ slot: 7, socMwh: 6.75 }] }));
    expect(error?.message).toBe(
      'The SOC target of 6.75 MWh at the end of slot 7 cannot be met: from the starting SOC of 500 kWh it needs 3.1 MW of charging for 2 h; the capacity is 2 MW.',
    );
  });

  it('starts from the previous target and explains a discharge, with its losses', () => {
    const problem: StorageProblem = {
      ...BATTERY,
      dischargingEfficiency: 0.9,
      targets: [
        { slot: 3, socMwh: 2 }, // 1.5 MWh in 1 h: fine
        { slot: 4, socMwh: 1.5 }, // 0.5 MWh out in 15 min at 90 %: 1.8 MW, fine
        { slot: 5, socMwh: 0.9 }, // 0.6 MWh out in 15 min: 2.16 MW
      ],
    };
    const error = errorOf(() => checkTargetsReachable(problem));
    expect(error?.message).toBe(
      'The SOC target of 900 kWh at 2015-01-01T15:30:00Z cannot be met: from the target of 1.5 MWh at 2015-01-01T15:15:00Z ' +
        'it needs to discharge at 2.2 MW for 15 min (at 90% discharging efficiency); the capacity is 2 MW.',
    );
    expect(error?.details).toMatchObject({ direction: 'discharge', from: { slot: 4, socMwh: 1.5 }, capacityMw: 2 });
  });

  it('says a one-way charging station cannot discharge', () => {
    const error = errorOf(() => checkTargetsReachable({ ...BATTERY, deviceType: 'one-way_evse', targets: [{ slot: 1, socMwh: 0.4 }] }));
    expect(error?.message).toBe(
      'The SOC target of 400 kWh at 2015-01-01T14:30:00Z cannot be met: it lies below the starting SOC of 500 kWh at 2015-01-01T14:00:00Z, ' +
        'and a one-way charging station (one-way_evse) cannot discharge.',
    );
  });

  it('shows enough digits to tell a near miss from the capacity', () => {
    // 2.0004 MW needed for 1 h
    const error = errorOf(() => checkTargetsReachable({ ...BATTERY, targets: [{ slot: 3, socMwh: 2.5004 }] }));
    expect(error?.message).toMatch(/needs 2\.0004 MW of charging for 1 h; the capacity is 2 MW\.$/);
  });

  it('mentions the charging efficiency', () => {
    const error = errorOf(() => checkTargetsReachable({ ...BATTERY, chargingEfficiency: 0.95, targets: [{ slot: 3, socMwh: 2.5 }] }));
    expect(error?.message).toMatch(/needs 2\.1 MW of charging for 1 h \(at 95% charging efficiency\); the capacity is 2 MW\.$/);
  });

  it.each<[string, StorageProblem]>([
    ['no targets', BATTERY],
    ['a target at exactly the capacity', { ...BATTERY, targets: [{ slot: 7, socMwh: 4.5 }] }],
    ['a target at exactly the capacity with losses', { ...BATTERY, chargingEfficiency: 0.9, targets: [{ slot: 7, socMwh: 0.5 + 2 * 2 * 0.9 }] }],
    ['targets reachable one after the other', { ...BATTERY, targets: [{ slot: 7, socMwh: 4.5 }, { slot: 15, socMwh: 0.5 }] }],
    ['a target equal to the start', { ...BATTERY, deviceType: 'one-way_evse', targets: [{ slot: 0, socMwh: 0.5 }] }],
  ])('accepts %s', (_name, problem) => {
    expect(errorOf(() => checkTargetsReachable(problem))).toBeUndefined();
  });

  it('reports an invalid problem before reachability', () => {
    const error = errorOf(() => checkTargetsReachable({ ...BATTERY, targets: [{ slot: 7, socMwh: 11 }] }));
    expect(error?.details).toMatchObject({ reason: 'INVALID_STORAGE_PROBLEM' });
  });
});

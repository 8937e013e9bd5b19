import { errorOf } from '../test/domain-error-of';
import { describeSlotRanges, pricePerMwhFactor, pricesForSlots, scheduleWindow, targetsToSlots } from './schedule-window';

const at = (text: string) => Date.parse(text);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('scheduleWindow', () => {
  it('floors the start to the asset grid and covers the horizon in whole slots', () => {
    expect(scheduleWindow(at('2015-06-02T10:07:30Z'), 15 * MIN, 48 * HOUR)).toEqual({
      startMs: at('2015-06-02T10:00:00Z'),
      endMs: at('2015-06-04T10:00:00Z'),
      resolutionMs: 15 * MIN,
      slots: 192,
    });
    expect(scheduleWindow(at('2015-06-02T10:00:00Z'), 15 * MIN, 50 * MIN).slots).toBe(3);
    expect(scheduleWindow(at('2015-06-02T10:00:00Z'), 60 * MIN, 10 * MIN).slots).toBe(1);
  });
});

describe('targetsToSlots', () => {
  const window = scheduleWindow(at('2015-06-02T10:00:00Z'), 15 * MIN, 48 * HOUR);
  const limits = { socMinMwh: 0, socMaxMwh: 0.05 };

  it('maps a target at D to the slot ending at D (the seed example: 16:00 is the end of slot 23)', () => {
    expect(targetsToSlots([{ datetimeMs: at('2015-06-02T16:00:00Z'), socMwh: 0.025 }], window, limits)).toEqual([{ slot: 23, socMwh: 0.025 }]);
  });

  it('floors a target between grid points to the slot boundary before it, and sorts by slot', () => {
    const slots = targetsToSlots(
      [
        { datetimeMs: at('2015-06-02T16:10:00Z'), socMwh: 0.03 },
        { datetimeMs: at('2015-06-02T10:15:00Z'), socMwh: 0.01 },
      ],
      window,
      limits,
    );
    expect(slots).toEqual([
      { slot: 0, socMwh: 0.01 },
      { slot: 23, socMwh: 0.03 },
    ]);
  });

  it('accepts a target at the very end of the horizon', () => {
    expect(targetsToSlots([{ datetimeMs: window.endMs, socMwh: 0 }], window, limits)).toEqual([{ slot: 191, socMwh: 0 }]);
  });

  it('reports every target outside the window or the SOC limits, or sharing a slot', () => {
    const error = errorOf(() =>
      targetsToSlots(
        [
          { datetimeMs: at('2015-06-02T10:05:00Z'), socMwh: 0.01 },
          { datetimeMs: at('2015-06-04T10:15:00Z'), socMwh: 0.01 },
          { datetimeMs: at('2015-06-02T16:00:00Z'), socMwh: 0.06 },
          { datetimeMs: at('2015-06-02T16:05:00Z'), socMwh: 0.02 },
        ],
        window,
        limits,
      ),
    );
    expect(error?.code).toBe('UNPROCESSABLE_ENTITY');
    expect(error?.details?.reason).toBe('INVALID_TARGETS');
    const errors = error?.details?.errors as Record<string, string[]>;
    expect(Object.keys(errors).sort()).toEqual(['targets[0]', 'targets[1]', 'targets[2]', 'targets[3]']);
    expect(errors['targets[0]'][0]).toMatch(/is not after the start of the schedule \(2015-06-02T10:00:00Z\)/);
    expect(errors['targets[1]'][0]).toMatch(/lies beyond the planning horizon: the schedule covers 2015-06-02T10:00:00Z to 2015-06-04T10:00:00Z \(P2D\)/);
    expect(errors['targets[2]'][0]).toMatch(/the SOC of 60 kWh lies outside the asset's SOC limits \[0 MWh, 50 kWh\]/);
    expect(errors['targets[3]'][0]).toMatch(/same slot end \(2015-06-02T16:00:00Z\) as targets\[2\]/);
  });
});

describe('pricesForSlots', () => {
  const window = scheduleWindow(at('2015-06-02T10:00:00Z'), 15 * MIN, 2 * HOUR);

  it('upsamples hourly prices to 15-minute slots', () => {
    const { prices, missingSlots } = pricesForSlots({ startMs: at('2015-06-02T10:00:00Z'), resolutionMs: HOUR, values: [40, 60] }, window);
    expect(prices).toEqual([40, 40, 40, 40, 60, 60, 60, 60]);
    expect(missingSlots).toEqual([]);
  });

  it('averages finer prices over a coarser slot, weighted by time', () => {
    const hourly = scheduleWindow(at('2015-06-02T10:00:00Z'), HOUR, 2 * HOUR);
    const { prices } = pricesForSlots({ startMs: at('2015-06-02T10:00:00Z'), resolutionMs: 30 * MIN, values: [10, 20, 30, 50] }, hourly);
    expect(prices).toEqual([15, 40]);
  });

  it('handles a series that starts before the window (a window off the market grid)', () => {
    const offGrid = scheduleWindow(at('2015-06-02T10:30:00Z'), 15 * MIN, HOUR);
    const { prices } = pricesForSlots({ startMs: at('2015-06-02T10:00:00Z'), resolutionMs: HOUR, values: [40, 60] }, offGrid);
    expect(prices).toEqual([40, 40, 60, 60]);
  });

  it('marks slots whose price (or part of it) is unknown', () => {
    const { prices, missingSlots } = pricesForSlots({ startMs: at('2015-06-02T10:00:00Z'), resolutionMs: HOUR, values: [40, null] }, window);
    expect(prices.slice(0, 4)).toEqual([40, 40, 40, 40]);
    expect(missingSlots).toEqual([4, 5, 6, 7]);
    expect(describeSlotRanges(window, missingSlots)).toBe('2015-06-02T11:00:00Z to 2015-06-02T12:00:00Z');
    const late = pricesForSlots({ startMs: at('2015-06-02T11:00:00Z'), resolutionMs: HOUR, values: [60] }, window);
    expect(late.missingSlots).toEqual([0, 1, 2, 3]);
  });

  it('lists a few missing periods and counts the rest', () => {
    expect(describeSlotRanges(window, [0, 2, 4, 6], 2)).toBe('2015-06-02T10:00:00Z to 2015-06-02T10:15:00Z, 2015-06-02T10:30:00Z to 2015-06-02T10:45:00Z and 2 more periods');
  });
});

describe('pricePerMwhFactor', () => {
  it('scales prices per kWh to prices per MWh', () => {
    expect(pricePerMwhFactor('EUR/MWh')).toBe(1);
    expect(pricePerMwhFactor('KRW/kWh')).toBe(1000);
  });
});

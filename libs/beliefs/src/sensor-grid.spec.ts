import { DomainError, TimedValue } from '@flexmeasures/domain';
import { checkOnGrid, spreadOverSlots } from './sensor-grid';
import type { SensorInfo } from './sensors.repository';

const MINUTE = 60_000;
const sensor = (minutes: number): SensorInfo => ({ id: 7, kind: 'asset', unit: 'MW', resolutionMs: minutes * MINUTE });
const at = (hhmm: string) => Date.parse(`2021-01-01T${hhmm}:00Z`);

describe('checkOnGrid', () => {
  it('accepts events on the sensor grid and refuses one off it, naming it', () => {
    expect(() => checkOnGrid([{ start: at('00:15'), durationMs: 15 * MINUTE, value: 1 }], sensor(15))).not.toThrow();
    const off = () => checkOnGrid([{ start: at('00:07'), durationMs: 15 * MINUTE, value: 1 }], sensor(15));
    expect(off).toThrow(DomainError);
    expect(off).toThrow(/2021-01-01T00:07:00Z/);
  });

  it('checks daily sensors only on the quarter-hour, so local midnights pass', () => {
    expect(() => checkOnGrid([{ start: Date.parse('2021-01-01T00:00:00+05:45'), durationMs: 1440 * MINUTE, value: 1 }], sensor(1440))).not.toThrow();
  });
});

describe('spreadOverSlots', () => {
  it('upsamples a coarser value and keeps the belief time of the value it came from', () => {
    const slots: [TimedValue, number][] = [];
    spreadOverSlots([{ start: at('00:00'), durationMs: 30 * MINUTE, value: 4 }], [at('00:30')], 15 * MINUTE, (slot, beliefTime) => slots.push([slot, beliefTime]));
    expect(slots).toEqual([
      [{ start: at('00:00'), durationMs: 15 * MINUTE, value: 4 }, at('00:30')],
      [{ start: at('00:15'), durationMs: 15 * MINUTE, value: 4 }, at('00:30')],
    ]);
  });

  it('refuses values finer than the sensor resolution', () => {
    expect(() => spreadOverSlots([{ start: at('00:00'), durationMs: 5 * MINUTE, value: 1 }], [0], 15 * MINUTE, () => undefined)).toThrow(/cannot be upsampled/);
  });
});

import type { DataSource } from 'typeorm';
import { jobWindow, ScheduleJobHandler } from './schedule.handler';
import type { StorageScheduler } from './storage-scheduler';

const handler = new ScheduleJobHandler({} as DataSource, {} as StorageScheduler);
const DATA = {
  assetId: 3,
  start: '2015-06-02T10:00:00.000Z',
  end: '2015-06-04T10:00:00.000Z',
  resolutionMinutes: 15,
  socAtStartMwh: 0.0121,
  targets: [{ datetime: '2015-06-02T16:00:00.000Z', socMwh: 0.025 }],
  udiEventId: 204,
  udiEventType: 'soc-with-targets',
  beliefTime: '2021-01-01T00:00:00.000Z',
};

describe('ScheduleJobHandler.parse and the job window', () => {
  it('reads a job payload back and maps its targets to slots', () => {
    const data = handler.parse(JSON.parse(JSON.stringify(DATA)));
    expect(data).toEqual(DATA);
    const { window, targets } = jobWindow(data);
    expect(window).toEqual({ startMs: Date.parse(DATA.start), endMs: Date.parse(DATA.end), resolutionMs: 900_000, slots: 192 });
    expect(targets).toEqual([{ slot: 23, socMwh: 0.025 }]);
    expect(jobWindow({ ...data, targets: [{ datetime: '2015-06-02T16:10:00.000Z', socMwh: 0.025 }] }).targets).toEqual([{ slot: 23, socMwh: 0.025 }]);
  });

  it.each([
    ['no asset', { ...DATA, assetId: undefined }, /assetId must be a number/],
    ['a window that is not whole slots', { ...DATA, end: '2015-06-04T10:05:00.000Z' }, /whole number \(≥ 1\) of slots/],
    ['a bad target', { ...DATA, targets: [{ datetime: 'soon', socMwh: 1 }] }, /targets\[0\]\.datetime must be an ISO 8601 timestamp/],
    ['no belief time', { ...DATA, beliefTime: undefined }, /beliefTime must be an ISO 8601 timestamp/],
  ])('refuses a payload with %s', (_what, data, message) => {
    expect(() => handler.parse(data)).toThrow(message);
  });
});

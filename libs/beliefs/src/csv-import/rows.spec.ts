import { DomainError } from '@flexmeasures/domain';
import { columnLayout } from './columns';
import type { ImportSensor } from './import-sensor';
import { readImportSettings } from './import-options';
import { readRow } from './row-reader';
import { ReadRow, RowTimeline, rowProblem, TimedRow } from './row-timeline';

function domainErrorOf(fn: () => unknown): DomainError | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  return undefined;
}

const QUARTER = 15 * 60_000;
const T0 = Date.parse('2021-01-01T00:00:00Z');
const solar: ImportSensor = { id: 7, kind: 'asset', name: 'panel', unit: 'MW', resolutionMs: QUARTER, ownerId: 2, isConsumer: false, isProducer: true };
const row = (line: number, start: number | undefined, value = -1): ReadRow => (start === undefined ? { line, value, problem: 'unreadable' } : { line, start, value });

function durations(rows: ReadRow[], resample: boolean): [number, number][] {
  const timeline = new RowTimeline(QUARTER, resample);
  const settled = [...rows.map((r) => timeline.push(r)), timeline.finish()].filter((r): r is TimedRow => r !== undefined);
  return settled.map((r) => [r.line, r.durationMs]);
}

describe('row durations', () => {
  it('lasts until the next row; the last one slot', () => {
    expect(durations([row(2, T0), row(3, T0 + QUARTER), row(4, T0 + 3 * QUARTER)], false)).toEqual([
      [2, QUARTER],
      [3, 2 * QUARTER],
      [4, QUARTER],
    ]);
  });

  it('does not let an unreadable row stretch the one before it', () => {
    expect(durations([row(2, T0), row(3, undefined), row(4, T0 + 2 * QUARTER)], false)).toEqual([
      [2, QUARTER],
      [4, QUARTER],
    ]);
  });

  it('resampling: the last row lasts as long as the gap before it', () => {
    expect(durations([row(2, T0), row(3, T0 + 4 * QUARTER)], true)).toEqual([
      [2, 4 * QUARTER],
      [3, 4 * QUARTER],
    ]);
  });
});

describe('row problems', () => {
  const timed = (start: number, durationMs: number, value = -1): TimedRow => ({ line: 2, start, durationMs, value });

  it('wants one slot per row, on the grid, in order, with the right sign', () => {
    expect(rowProblem(timed(T0, QUARTER), solar, false)).toBeUndefined();
    expect(rowProblem(timed(T0, 4 * QUARTER), solar, false)).toMatch(/starts PT1H later, but sensor 7 has PT15M slots.*resample/);
    expect(rowProblem(timed(T0, 4 * QUARTER), solar, true)).toBeUndefined();
    expect(rowProblem(timed(T0, 50 * 60_000), solar, true)).toMatch(/not a whole number of the PT15M slots/);
    expect(rowProblem(timed(T0, 0), solar, false)).toMatch(/same time/);
    expect(rowProblem(timed(T0, -QUARTER), solar, false)).toMatch(/chronological order/);
    expect(rowProblem(timed(T0 + 60_000, QUARTER), solar, false)).toMatch(/off the 15-minute grid/);
    expect(rowProblem(timed(T0, QUARTER, 3), solar, false)).toMatch(/pure producer/);
  });
});

describe('reading rows', () => {
  const layout = columnLayout({ datetime: 'time', value: 2, beliefTime: 'Belief' }, [['time', 'kW', ' belief ']]);

  it('finds columns by name (case and spaces aside) or position', () => {
    expect(layout).toEqual({ datetime: 0, value: 1, beliefTime: 2 });
    expect(domainErrorOf(() => columnLayout({ datetime: 'when', value: 2 }, [['time', 'kW']]))).toMatchObject({
      code: 'INVALID_COLUMN',
      message: expect.stringMatching(/no datetime column named "when".*"time", "kW"/),
    });
    expect(domainErrorOf(() => columnLayout({ datetime: 'time', value: 2 }, []))).toMatchObject({ message: expect.stringMatching(/no header rows/) });
    expect(domainErrorOf(() => columnLayout({ datetime: 1, value: 1 }, []))).toMatchObject({ message: expect.stringMatching(/different columns/) });
  });

  it('reads the cells, keeping the first problem', () => {
    expect(readRow(['2021-01-01T00:00Z', '-5', '2020-12-31T12:00Z'], 2, layout, undefined)).toEqual({
      line: 2,
      start: T0,
      value: -5,
      beliefTime: Date.parse('2020-12-31T12:00:00Z'),
    });
    expect(readRow(['2021-01-01T00:00Z', 'x', 'later'], 3, layout, undefined).problem).toMatch(/"x" is not a number/);
    expect(readRow(['2021-01-01T00:00Z', '1', 'later'], 3, layout, undefined).problem).toMatch(/bad belief time/);
    expect(readRow(['2021-01-01T00:00Z'], 4, layout, undefined).problem).toMatch(/no column 2 \(value\)/);
  });
});

describe('import options', () => {
  it('are checked before any row is read', () => {
    const base = { sensor: 1, source: { name: 'x' } };
    expect(readImportSettings({ ...base, horizon: '-PT10M' }).horizonMs).toBe(-600_000);
    expect(readImportSettings({ ...base, delimiter: 'tab', datetimeColumn: '3' })).toMatchObject({ delimiter: '\t', datetimeColumn: 3, valueColumn: 2, skipRows: 1 });
    expect(domainErrorOf(() => readImportSettings({ ...base, horizon: 'PT1H', beliefColumn: 3 }))).toMatchObject({ code: 'INVALID_HORIZON' });
    expect(domainErrorOf(() => readImportSettings({ ...base, horizon: 'soon' }))).toMatchObject({ code: 'INVALID_DURATION' });
    expect(domainErrorOf(() => readImportSettings({ ...base, timezone: 'Mars/Olympus' }))).toMatchObject({ code: 'INVALID_TIMEZONE' });
    expect(domainErrorOf(() => readImportSettings({ ...base, delimiter: ';;' }))).toMatchObject({ code: 'INVALID_DELIMITER' });
    expect(domainErrorOf(() => readImportSettings({ ...base, valueColumn: '0' }))).toMatchObject({ code: 'INVALID_COLUMN' });
    expect(domainErrorOf(() => readImportSettings({ ...base, skipRows: -1 }))).toMatchObject({ code: 'INVALID_SKIP_ROWS' });
  });
});

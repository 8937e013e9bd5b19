import { readNumber, readTimestamp } from './cells';
import type { ColumnLayout } from './columns';
import type { ReadRow } from './row-timeline';
import type { ZoneClock } from './zone-clock';

/**
 * Reads one data row's cells. `previousStart` is the start of the row
 * before (to read a repeated wall-clock hour as its second occurrence).
 */
export function readRow(fields: readonly string[], line: number, layout: ColumnLayout, clock: ZoneClock | undefined, previousStart?: number): ReadRow {
  const datetimeText = fields[layout.datetime];
  if (datetimeText === undefined) return { line, value: NaN, problem: `the row has no column ${layout.datetime + 1} (datetime)` };
  const start = readTimestamp(datetimeText, clock, previousStart);
  if (!start.ok) return { line, value: NaN, problem: start.reason };

  const valueText = fields[layout.value];
  const value = valueText === undefined ? undefined : readNumber(valueText);
  let problem = value === undefined ? `the row has no column ${layout.value + 1} (value)` : value.ok ? undefined : value.reason;
  let beliefTime: number | undefined;
  if (layout.beliefTime !== undefined) {
    const beliefText = fields[layout.beliefTime];
    const belief = beliefText === undefined ? undefined : readTimestamp(beliefText, clock);
    if (belief?.ok) beliefTime = belief.value;
    else problem ??= belief === undefined ? `the row has no column ${layout.beliefTime + 1} (belief time)` : `bad belief time: ${belief.reason}`;
  }
  return {
    line,
    start: start.value,
    value: value?.ok ? value.value : NaN,
    ...(beliefTime === undefined ? {} : { beliefTime }),
    ...(problem === undefined ? {} : { problem }),
  };
}

import { checkSigns, DomainError, formatInstant, millisecondsToIsoDuration } from '@flexmeasures/domain';
import type { ImportSensor } from './import-sensor';

/** A data row as read from the file. */
export interface ReadRow {
  /** 1-based line in the file where the row starts. */
  readonly line: number;
  /** Undefined when the timestamp could not be read (then `problem` says why). */
  readonly start?: number;
  readonly value: number;
  /** From the belief time column, if any. */
  readonly beliefTime?: number;
  /** Why the row cannot be stored (the first problem found in its cells). */
  readonly problem?: string;
}

/** A row whose end is known: the start of the next row (or a fallback for the last one). */
export interface TimedRow extends ReadRow {
  readonly start: number;
  readonly durationMs: number;
}

/**
 * A row lasts until the next row starts, so each row is settled when the
 * next readable timestamp arrives. A row followed by one without a readable
 * timestamp, or the last row, lasts one sensor slot — or, when resampling,
 * as long as the previous gap between rows.
 */
export class RowTimeline {
  private pending?: ReadRow & { readonly start: number };
  private lastGapMs?: number;

  constructor(
    private readonly resolutionMs: number,
    private readonly resample: boolean,
  ) {}

  /** Takes the next row; returns the previous one, now that its duration is known. */
  push(row: ReadRow): TimedRow | undefined {
    const previous = this.pending;
    this.pending = row.start === undefined ? undefined : { ...row, start: row.start };
    if (!previous) return undefined;
    if (row.start === undefined) return { ...previous, durationMs: this.fallbackMs() };
    this.lastGapMs = row.start - previous.start;
    return { ...previous, durationMs: this.lastGapMs };
  }

  finish(): TimedRow | undefined {
    const last = this.pending;
    this.pending = undefined;
    return last && { ...last, durationMs: this.fallbackMs() };
  }

  private fallbackMs(): number {
    return this.resample && this.lastGapMs !== undefined && this.lastGapMs > 0 ? this.lastGapMs : this.resolutionMs;
  }
}

const QUARTER_HOUR = 15 * 60_000;
const duration = (ms: number) => millisecondsToIsoDuration(ms);

/** Why a timed row cannot become beliefs of the sensor, or undefined when it can. */
export function rowProblem(row: TimedRow, sensor: ImportSensor, resample: boolean): string | undefined {
  if (row.problem !== undefined) return row.problem;
  const resolution = sensor.resolutionMs;
  if (row.durationMs === 0) return `the next row has the same time (${formatInstant(row.start)}); each time may appear once`;
  if (row.durationMs < 0) return 'the next row is earlier: rows must be in chronological order';
  if (!resample && row.durationMs !== resolution) {
    return (
      `the next row starts ${duration(row.durationMs)} later, but sensor ${sensor.id} has ${duration(resolution)} slots: ` +
      'each row must be one slot (import coarser data with resample; fill gaps)'
    );
  }
  if (resample && row.durationMs % resolution !== 0) {
    return `the next row starts ${duration(row.durationMs)} later, which is not a whole number of the ${duration(resolution)} slots of sensor ${sensor.id}`;
  }
  // As for posted data (sensor-grid.ts): the grid is checked in UTC up to a quarter-hour, so local midnights pass.
  const step = Math.min(resolution, QUARTER_HOUR);
  if (((row.start % step) + step) % step !== 0) {
    return `${formatInstant(row.start)} is off the ${resolution / 60_000}-minute grid of sensor ${sensor.id}; start rows on the hour or a whole number of slots after it`;
  }
  if (sensor.kind === 'asset') return signProblem(row.value, sensor);
  return undefined;
}

function signProblem(value: number, sensor: ImportSensor): string | undefined {
  try {
    checkSigns([value], sensor, `${sensor.id} (${sensor.name})`);
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return `${error.message.replace(/\.$/, '')}; this row has ${value}`;
    throw error;
  }
}

import { convertUnit, DomainError } from '@flexmeasures/domain';
import { parse } from 'csv-parse';
import { pipeline, Readable, Transform } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import type { BeliefEvents } from '../belief-events';
import { BeliefsRepository } from '../beliefs.repository';
import { DataSourcesRepository } from '../data-sources.repository';
import { BeliefBatch, storeBatch } from './belief-batch';
import { ColumnLayout, columnLayout } from './columns';
import { ImportOptions, ImportSettings, readImportSettings } from './import-options';
import { ImportSensor, landedKind, requireImportSensor } from './import-sensor';
import { importSourceId } from './import-source';
import { ImportRejection, Rejections } from './rejections';
import { readRow } from './row-reader';
import { RowTimeline, rowProblem, TimedRow } from './row-timeline';

export interface ImportDeps {
  readonly dataSource: DataSource;
  readonly events: BeliefEvents;
  /** The clock: rows without a horizon or belief time column are believed at the time of the import. */
  readonly now?: () => number;
}

export interface ImportSummary {
  readonly sensor: number;
  /** Data rows read (header rows not counted). */
  readonly rowsRead: number;
  /** Beliefs stored: one per sensor slot, so a resampled row counts once per slot. */
  readonly stored: number;
  /** Beliefs that were already stored exactly so (same time, belief time, source and value). */
  readonly alreadyKnown: number;
  /** Rows rejected, all of them. */
  readonly rejected: number;
  /** The first MAX_LISTED_REJECTIONS rejected rows, by line. */
  readonly rejections: readonly ImportRejection[];
  /** Beliefs already stored with another value (their rows are rejected: history is never overwritten). */
  readonly conflicting: number;
  /** An all-or-nothing import with rejected rows: nothing was stored. */
  readonly aborted: boolean;
}

export const MAX_LISTED_REJECTIONS = 1000;
/** Longest record csv-parse will gather: an unclosed quote must not pull the rest of a file into memory. */
const MAX_RECORD_CHARS = 100_000;
const CONFLICT_REASON = 'already stored with another value for the same time, belief time and source; history is kept, so import corrections with later belief times';

/** A record's fields, tagged with the line it starts on. */
type Rec = string[] & { line: number };

/** Thrown inside the all-or-nothing transaction to roll it back. */
class RollBack extends Error {}

/**
 * Streams beliefs from a CSV into one sensor. Rows are read with
 * backpressure and stored in batches (each insert is awaited before reading
 * on), so memory stays the same for any file size. Rows that cannot be
 * stored are rejected with their line and a reason; with `allOrNothing` the
 * whole import is one transaction that any rejected row rolls back.
 */
export async function importBeliefs(input: Readable, options: ImportOptions, deps: ImportDeps): Promise<ImportSummary> {
  const settings = readImportSettings(options);
  const sensor = await requireImportSensor(deps.dataSource.manager, options.sensor);
  const unit = options.unit ?? sensor.unit;
  convertUnit([], unit, sensor.unit); // a unit that does not fit refuses the import before any row is read
  const run = new ImportRun(sensor, settings, unit, options, deps);

  let aborted = false;
  if (settings.allOrNothing) {
    try {
      await deps.dataSource.transaction(async (manager) => {
        await run.readAll(input, manager);
        if (run.rejections.count > 0) throw new RollBack();
      });
    } catch (error) {
      if (!(error instanceof RollBack)) throw error;
      aborted = true;
    }
  } else {
    await run.readAll(input, deps.dataSource.manager);
  }

  if (!aborted) deps.events.emit({ kind: landedKind(sensor), sensorIds: [sensor.id], startMs: run.startMs, endMs: run.endMs, stored: run.stored });
  return {
    sensor: sensor.id,
    rowsRead: run.rowsRead,
    stored: aborted ? 0 : run.stored,
    alreadyKnown: aborted ? 0 : run.known,
    rejected: run.rejections.count,
    rejections: run.rejections.list(),
    conflicting: run.conflicting,
    aborted,
  };
}

/** The state of one import while rows stream through it. */
class ImportRun {
  rowsRead = 0;
  stored = 0;
  known = 0;
  conflicting = 0;
  startMs = Infinity;
  endMs = -Infinity;
  readonly rejections = new Rejections(MAX_LISTED_REJECTIONS);
  private readonly batch = new BeliefBatch();
  private readonly timeline: RowTimeline;
  private readonly importMs: number;
  private readonly beliefs = new BeliefsRepository();
  private readonly sources: DataSourcesRepository;
  private sourceId = 0;
  private bytesRead = 0;

  constructor(
    private readonly sensor: ImportSensor,
    private readonly settings: ImportSettings,
    private readonly unit: string,
    private readonly options: ImportOptions,
    deps: ImportDeps,
  ) {
    this.timeline = new RowTimeline(sensor.resolutionMs, settings.resample);
    this.importMs = (deps.now ?? Date.now)();
    this.sources = new DataSourcesRepository(deps.dataSource);
  }

  async readAll(input: Readable, manager: EntityManager): Promise<void> {
    this.sourceId = await importSourceId(manager, this.sources, this.options.source);
    const headers: string[][] = [];
    let layout: ColumnLayout | undefined;
    let previousStart: number | undefined;
    try {
      for await (const record of this.records(input)) {
        if (headers.length < this.settings.skipRows) {
          headers.push(record);
          continue;
        }
        layout ??= columnLayout({ datetime: this.settings.datetimeColumn, value: this.settings.valueColumn, beliefTime: this.settings.beliefColumn }, headers);
        this.rowsRead += 1;
        const row = readRow(record, record.line, layout, this.settings.clock, previousStart);
        if (row.start !== undefined) previousStart = row.start;
        const settled = this.timeline.push(row);
        if (settled) await this.settle(manager, settled);
        if (row.start === undefined) this.rejections.add(row.line, row.problem ?? 'the row has no readable time');
      }
    } catch (error) {
      throw this.unreadable(error);
    }
    const last = this.timeline.finish();
    if (last) await this.settle(manager, last);
    await this.flush(manager);
  }

  /** The records of the input, each with the line it starts on, read with backpressure. */
  private records(input: Readable): AsyncIterable<Rec> {
    const counter = new Transform({
      transform: (chunk: Buffer | string, _encoding, done) => {
        this.bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        this.options.onProgress?.({ bytesRead: this.bytesRead, totalBytes: this.options.totalBytes, rowsRead: this.rowsRead });
        done(null, chunk);
      },
    });
    const parser = parse({
      delimiter: this.settings.delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      max_record_size: MAX_RECORD_CHARS,
      on_record: (fields, context) => Object.assign(fields, { line: context.lines - newlinesIn(fields) }),
    });
    // Errors end up in the parser, and so in the loop reading it.
    pipeline(input, counter, parser, () => undefined);
    return parser as AsyncIterable<Rec>;
  }

  private async settle(manager: EntityManager, row: TimedRow): Promise<void> {
    const problem = rowProblem(row, this.sensor, this.settings.resample);
    if (problem !== undefined) {
      this.rejections.add(row.line, problem);
      return;
    }
    const end = row.start + row.durationMs;
    const beliefTime = row.beliefTime ?? (this.settings.horizonMs === undefined ? this.importMs : end - this.settings.horizonMs);
    const resolution = this.sensor.resolutionMs;
    for (let slot = row.start; slot < end; slot += resolution) {
      this.batch.add(slot, beliefTime, row.value, row.line);
      if (this.batch.size >= this.settings.batchSize) await this.flush(manager);
    }
    this.startMs = Math.min(this.startMs, row.start);
    this.endMs = Math.max(this.endMs, end);
  }

  private async flush(manager: EntityManager): Promise<void> {
    if (this.batch.size === 0) return;
    const values = this.unit === this.sensor.unit ? this.batch.values : convertUnit(this.batch.values, this.unit, this.sensor.unit);
    const outcome = await storeBatch(manager, this.beliefs, { sensorId: this.sensor.id, sourceId: this.sourceId }, this.batch, values);
    this.stored += outcome.stored;
    this.known += outcome.known;
    this.conflicting += outcome.conflicting;
    for (const line of outcome.conflictingLines) this.rejections.add(line, CONFLICT_REASON);
    this.batch.clear();
    this.options.onProgress?.({ bytesRead: this.bytesRead, totalBytes: this.options.totalBytes, rowsRead: this.rowsRead });
  }

  /** csv-parse's errors (an unclosed quote, a record that never ends) as a message for a person. */
  private unreadable(error: unknown): unknown {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !(code.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE')) return error;
    const line = (error as { lines?: number }).lines;
    const kept = this.settings.allOrNothing ? 'Nothing was stored.' : `The ${this.stored} beliefs read before it were stored; importing the fixed file again skips them.`;
    return new DomainError('INVALID_CSV', `The file cannot be read as CSV${line === undefined ? '' : ` at line ${line}`}: ${(error as Error).message}. ${kept}`, {
      ...(line === undefined ? {} : { line }),
    });
  }
}

function newlinesIn(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) {
    if (!field.includes('\n')) continue;
    for (const char of field) if (char === '\n') count += 1;
  }
  return count;
}

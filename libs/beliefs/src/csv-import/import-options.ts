import { DomainError, isoDurationToMilliseconds } from '@flexmeasures/domain';
import { ZoneClock } from './zone-clock';

/** A column: its name in a header row, or its position counted from 1 (also as text: "2"). */
export type ColumnRef = string | number;

/** Whose beliefs the rows are: a user's own data source, or a named source of type 'cli import'. */
export type ImportSource = { readonly userId: number } | { readonly name: string };

export interface ImportProgress {
  readonly bytesRead: number;
  /** When known (a file's size, a request's Content-Length). */
  readonly totalBytes?: number;
  readonly rowsRead: number;
}

export interface ImportOptions {
  /** The sensor id (of an asset, market or weather sensor); callers resolve addresses and check access. */
  readonly sensor: number;
  readonly source: ImportSource;
  /** Unit of the values in the file; default the sensor's. MW, kW and W convert into each other. */
  readonly unit?: string;
  /** ISO 8601 duration, may be negative (-PT10M): belief time = event end − horizon. */
  readonly horizon?: string;
  /** Column with each row's belief time (timezone-aware). Without it and without a horizon: the time of the import. */
  readonly beliefColumn?: ColumnRef;
  /** IANA zone for naive timestamps in the file, e.g. Europe/Amsterdam. */
  readonly timezone?: string;
  /** Spread rows coarser than the sensor resolution over its slots. */
  readonly resample?: boolean;
  readonly delimiter?: string;
  /** Header rows before the data; default 1. Column names are looked up in them. */
  readonly skipRows?: number;
  readonly datetimeColumn?: ColumnRef;
  readonly valueColumn?: ColumnRef;
  /** One transaction: any rejected row stores nothing at all. */
  readonly allOrNothing?: boolean;
  readonly totalBytes?: number;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Beliefs per insert; default 10,000. */
  readonly batchSize?: number;
}

/** Options checked and read, before any row is. */
export interface ImportSettings {
  readonly horizonMs?: number;
  readonly beliefColumn?: ColumnRef;
  readonly clock?: ZoneClock;
  readonly resample: boolean;
  readonly delimiter: string;
  readonly skipRows: number;
  readonly datetimeColumn: ColumnRef;
  readonly valueColumn: ColumnRef;
  readonly allOrNothing: boolean;
  readonly batchSize: number;
}

export const DEFAULT_BATCH_SIZE = 10_000;
const MAX_SKIP_ROWS = 1000;

export function readImportSettings(options: ImportOptions): ImportSettings {
  if (options.horizon !== undefined && options.beliefColumn !== undefined) {
    throw new DomainError('INVALID_HORIZON', 'Give either a horizon or a belief time column, not both: each sets the belief times.', { field: 'horizon' });
  }
  const skipRows = options.skipRows ?? 1;
  if (!Number.isInteger(skipRows) || skipRows < 0 || skipRows > MAX_SKIP_ROWS) {
    throw new DomainError('INVALID_SKIP_ROWS', `The number of header rows to skip must be a whole number from 0 to ${MAX_SKIP_ROWS}, e.g. 1.`, { field: 'skipRows' });
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  return {
    ...(options.horizon === undefined ? {} : { horizonMs: isoDurationToMilliseconds(options.horizon) }),
    ...(options.beliefColumn === undefined ? {} : { beliefColumn: checkColumnRef(options.beliefColumn, 'belief time') }),
    ...(options.timezone === undefined ? {} : { clock: new ZoneClock(options.timezone) }),
    resample: options.resample ?? false,
    delimiter: readDelimiter(options.delimiter ?? ','),
    skipRows,
    datetimeColumn: checkColumnRef(options.datetimeColumn ?? 1, 'datetime'),
    valueColumn: checkColumnRef(options.valueColumn ?? 2, 'value'),
    allOrNothing: options.allOrNothing ?? false,
    batchSize: Math.max(1, Math.floor(batchSize)),
  };
}

/** One character; "tab" or "\t" for tab-separated files. */
function readDelimiter(text: string): string {
  const delimiter = text === 'tab' || text === '\\t' ? '\t' : text;
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new DomainError('INVALID_DELIMITER', `"${text}" cannot separate columns; use one character such as , or ; (or "tab").`, { field: 'delimiter' });
  }
  return delimiter;
}

function checkColumnRef(ref: ColumnRef, what: string): ColumnRef {
  if (typeof ref === 'number' || /^\s*\d+\s*$/.test(ref)) {
    const position = Number(ref);
    if (!Number.isSafeInteger(position) || position < 1) {
      throw new DomainError('INVALID_COLUMN', `The ${what} column ${ref} does not exist: columns are counted from 1.`, { column: ref });
    }
    return position;
  }
  if (ref.trim() === '') throw new DomainError('INVALID_COLUMN', `Name the ${what} column, or give its position (counted from 1).`, { column: ref });
  return ref.trim();
}

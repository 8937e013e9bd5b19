import type { ImportOptions } from '@flexmeasures/beliefs';
import { DomainError } from '@flexmeasures/domain';

/** The query parameters of POST /api/v2_0/upload/beliefs, and the import option each sets. */
const PARAMETERS = ['sensor', 'unit', 'horizon', 'belief_column', 'timezone', 'resample', 'all_or_nothing', 'delimiter', 'skip_rows', 'datetime_column', 'value_column'] as const;

type Parameter = (typeof PARAMETERS)[number];

/** What the query says about the import; the source is the uploading user. */
export type UploadOptions = Omit<ImportOptions, 'source'>;

function invalid(parameter: string, message: string): DomainError {
  return new DomainError('BAD_REQUEST', message, { field: parameter });
}

function text(query: Record<string, unknown>, parameter: Parameter): string | undefined {
  const value = query[parameter];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(parameter, `Give "${parameter}" once, as plain text.`);
  return value;
}

function flag(query: Record<string, unknown>, parameter: Parameter): boolean {
  const value = text(query, parameter);
  if (value === undefined) return false;
  if (['', 'true', '1', 'yes'].includes(value.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(value.toLowerCase())) return false;
  throw invalid(parameter, `"${parameter}" is true or false, not "${value}".`);
}

function wholeNumber(query: Record<string, unknown>, parameter: Parameter): number | undefined {
  const value = text(query, parameter);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) throw invalid(parameter, `"${parameter}" is a whole number, e.g. 1; got "${value}".`);
  return Number(value);
}

/** Reads the query; the import itself checks what the values mean (durations, zones, columns). */
export function readUploadQuery(query: Record<string, unknown>): UploadOptions {
  const unknown = Object.keys(query).filter((key) => !(PARAMETERS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw invalid(unknown[0], `Unknown query parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `"${key}"`).join(', ')}; the parameters are ${PARAMETERS.join(', ')}.`);
  }
  const sensor = wholeNumber(query, 'sensor');
  if (sensor === undefined) throw new DomainError('REQUIRED_INFO_MISSING', 'Name the sensor to upload to: ?sensor=<id> (an asset id for meter data).', { field: 'sensor' });
  return {
    sensor,
    unit: text(query, 'unit'),
    horizon: text(query, 'horizon'),
    beliefColumn: text(query, 'belief_column'),
    timezone: text(query, 'timezone'),
    resample: flag(query, 'resample'),
    allOrNothing: flag(query, 'all_or_nothing'),
    delimiter: text(query, 'delimiter'),
    skipRows: wholeNumber(query, 'skip_rows'),
    datetimeColumn: text(query, 'datetime_column'),
    valueColumn: text(query, 'value_column'),
  };
}

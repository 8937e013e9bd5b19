import { DomainError } from '@flexmeasures/domain';
import type { ColumnRef } from './import-options';

/**
 * The 0-based index of a column given by position (from 1) or by name. Names
 * are looked up in the header rows, first exactly, then ignoring case and
 * surrounding spaces.
 */
export function columnIndex(ref: ColumnRef, headers: readonly (readonly string[])[], what: string): number {
  if (typeof ref === 'number') return ref - 1;
  for (const matches of [(cell: string) => cell === ref, (cell: string) => cell.trim().toLowerCase() === ref.toLowerCase()]) {
    for (const header of headers) {
      const index = header.findIndex(matches);
      if (index >= 0) return index;
    }
  }
  if (headers.length === 0) {
    throw new DomainError('INVALID_COLUMN', `The ${what} column is named "${ref}", but no header rows are skipped; give its position instead (e.g. 2).`, { column: ref });
  }
  const known = [...new Set(headers.flat().filter((cell) => cell.trim() !== ''))].map((cell) => `"${cell}"`);
  throw new DomainError('INVALID_COLUMN', `There is no ${what} column named "${ref}" in the header; the header has ${known.join(', ') || 'no names'}. Name one of those or give a position (from 1).`, {
    column: ref,
  });
}

/** Where each field of a row is, once the header is known. */
export interface ColumnLayout {
  readonly datetime: number;
  readonly value: number;
  readonly beliefTime?: number;
}

export function columnLayout(refs: { datetime: ColumnRef; value: ColumnRef; beliefTime?: ColumnRef }, headers: readonly (readonly string[])[]): ColumnLayout {
  const datetime = columnIndex(refs.datetime, headers, 'datetime');
  const value = columnIndex(refs.value, headers, 'value');
  const beliefTime = refs.beliefTime === undefined ? undefined : columnIndex(refs.beliefTime, headers, 'belief time');
  const indices = [datetime, value, ...(beliefTime === undefined ? [] : [beliefTime])];
  if (new Set(indices).size !== indices.length) {
    throw new DomainError('INVALID_COLUMN', `The datetime, value and belief time columns must be different columns (got positions ${indices.map((i) => i + 1).join(', ')}).`);
  }
  return { datetime, value, ...(beliefTime === undefined ? {} : { beliefTime }) };
}

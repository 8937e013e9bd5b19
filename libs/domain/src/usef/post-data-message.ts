import { DomainError } from '../errors/domain-error';
import { expandTimeseries, isStorableValue, TimedValue, TimeseriesEntry } from '../beliefs/timeseries';
import { asMessage, checkMessageType, optionalString, pluralField, RawMessage, schemaError, stringList } from './message-fields';

/** What names the time series of a message: a connection (power), a weather sensor or a market. */
export type AddressField = 'connection' | 'sensor' | 'market';

/** One group of a message: the same events for every address in it. */
export interface PostedGroup {
  readonly addresses: readonly string[];
  readonly events: readonly TimedValue[];
  readonly unit?: string;
  readonly horizon?: string;
  readonly prior?: string;
}

export interface PostDataMessage {
  readonly groups: readonly PostedGroup[];
}

/** Fields a group inherits from the message when it does not state them itself (§14.4.3). */
const INHERITED = ['start', 'duration', 'unit', 'horizon', 'prior'] as const;

function numberList(value: unknown, field: string): number[] {
  const list = Array.isArray(value) ? value : [value];
  for (const item of list) {
    if (!isStorableValue(item)) {
      throw schemaError(`"${field}" must hold numbers within ±1e15, got ${JSON.stringify(item)}.`, field);
    }
  }
  return list as number[];
}

function timeseriesEntries(value: unknown): TimeseriesEntry[] {
  if (!Array.isArray(value)) throw schemaError('"timeseries" must be a list of {value, start, duration}.', 'timeseries');
  return value.map((entry) => {
    const item = asMessage(entry, 'Each "timeseries" entry');
    for (const field of ['start', 'duration'] as const) {
      if (typeof item[field] !== 'string') throw schemaError(`Each "timeseries" entry needs a "${field}" string.`, `timeseries.${field}`);
    }
    return { value: numberList(item.value, 'timeseries.value')[0], start: item.start as string, duration: item.duration as string };
  });
}

function readGroup(group: RawMessage, parent: RawMessage, addressField: AddressField): PostedGroup {
  const addresses = stringList(group, addressField) ?? stringList(parent, addressField);
  if (addresses === undefined) {
    throw new DomainError('REQUIRED_INFO_MISSING', `Missing "${addressField}": say which ${addressField}(s) the values are for.`, {
      field: addressField,
    });
  }
  const inherited: Record<string, string | undefined> = {};
  for (const field of INHERITED) inherited[field] = optionalString(group, field) ?? optionalString(parent, field);
  const values = pluralField(group, 'value');
  const timeseries = group.timeseries;
  const events = expandTimeseries({
    ...(values === undefined ? {} : { values: numberList(values, 'values') }),
    ...(timeseries === undefined ? {} : { timeseries: timeseriesEntries(timeseries) }),
    start: inherited.start,
    duration: inherited.duration,
  });
  return { addresses, events, unit: inherited.unit, horizon: inherited.horizon, prior: inherited.prior };
}

/**
 * Reads a POST message in any notation of §14.4.1–14.4.4: singular or plural
 * keys, one flattened group or a list of `groups` that inherit `start`,
 * `duration`, `unit` (and `horizon`/`prior`) from the message, and `value`,
 * `values` or `timeseries` for the data.
 */
export function readPostDataMessage(body: unknown, expectedType: string, addressField: AddressField): PostDataMessage {
  const message = asMessage(body);
  checkMessageType(message, expectedType);
  const groups = pluralField(message, 'group');
  if (groups === undefined) return { groups: [readGroup(message, {}, addressField)] };
  const list = Array.isArray(groups) ? groups : [groups];
  if (list.length === 0) throw new DomainError('REQUIRED_INFO_MISSING', '"groups" is empty.', { field: 'groups' });
  return { groups: list.map((group) => readGroup(asMessage(group, 'Each group'), message, addressField)) };
}

import { DomainError } from '../errors/domain-error';
import { parseInstant } from '../beliefs/instant';
import { parseEntityAddress, ParsedEntityAddress } from '../entity-address/entity-address';
import type { NamingAuthoritySettings } from '../entity-address/naming-authority';
import { isoDurationToMilliseconds } from '../time/duration';
import type { ApiVersion } from './api-versions';
import { asMessage, checkMessageType, optionalString, RawMessage, schemaError } from './message-fields';

/**
 * UDI events (§15.6): `soc` posts a state of charge; `soc-with-targets`
 * (introduced with v1.3, change log §21.11) adds SOC targets.
 */
export const UDI_EVENT_TYPES = ['soc', 'soc-with-targets'] as const;
export type UdiEventType = (typeof UDI_EVENT_TYPES)[number];

/** Event types each version accepts. */
export function udiEventTypesOf(version: ApiVersion): readonly UdiEventType[] {
  return version === 'v1_3' || version === 'v2_0' ? UDI_EVENT_TYPES : ['soc'];
}

/** Units of a state of charge, with their size in MWh. */
export const SOC_UNITS: Readonly<Record<string, number>> = { MWh: 1, kWh: 0.001 };

export interface UdiEventTarget {
  readonly datetimeMs: number;
  readonly socMwh: number;
}

/** A postUdiEvent message, read and checked (nothing about the asset yet). */
export interface PostUdiEventRequest {
  /** The event address as written. */
  readonly event: string;
  readonly address: ParsedEntityAddress<'event'>;
  readonly eventType: UdiEventType;
  readonly datetimeMs: number;
  readonly socMwh: number;
  readonly unit: string;
  readonly targets: readonly UdiEventTarget[];
}

/** A getDeviceMessage message, read and checked. */
export interface GetDeviceMessageRequest {
  readonly event: string;
  readonly address: ParsedEntityAddress<'event'>;
  /** The requested duration in ms and as written; absent: the default (PT6H). */
  readonly durationMs?: number;
  readonly duration?: string;
  readonly unit?: string;
}

export const POST_UDI_EVENT_REQUEST = 'PostUdiEventRequest';
export const POST_UDI_EVENT_RESPONSE = 'PostUdiEventResponse';
export const GET_DEVICE_MESSAGE_REQUEST = 'GetDeviceMessageRequest';
export const GET_DEVICE_MESSAGE_RESPONSE = 'GetDeviceMessageResponse';

/**
 * The event address: missing → INVALID_DOMAIN ("No event identifier sent",
 * as FlexMeasures answers); a foreign authority → INVALID_DOMAIN; a local part
 * that is not `<owner>:<asset>:<event id>[:<type>]` → UNRECOGNIZED_UDI_EVENT.
 */
function readEvent(message: RawMessage, naming: NamingAuthoritySettings): { event: string; address: ParsedEntityAddress<'event'> } {
  const event = message.event;
  if (event === undefined || event === null || event === '') {
    throw new DomainError('INVALID_DOMAIN', 'No event identifier sent: give "event", e.g. ea1.2018-06.io.flexmeasures.company:7:10:203:soc.', { field: 'event' });
  }
  if (typeof event !== 'string') throw schemaError(`"event" must be an entity address (a string), got ${JSON.stringify(event)}.`, 'event');
  const address = parseEntityAddress(event, 'event', naming);
  if (Math.max(address.ownerId, address.assetId, address.eventId) > MAX_ID) {
    throw new DomainError('UNRECOGNIZED_UDI_EVENT', `${JSON.stringify(event)} is not a valid UDI event address: owner, asset and event ids go up to ${MAX_ID}.`, { field: 'event' });
  }
  return { event, address };
}

/** Ids are PostgreSQL integers. */
const MAX_ID = 2_147_483_647;

function checkEventType(event: string, eventType: string | undefined, version: ApiVersion): UdiEventType {
  const accepted = udiEventTypesOf(version);
  if (eventType === undefined) {
    throw new DomainError(
      'UNRECOGNIZED_UDI_EVENT',
      `${JSON.stringify(event)} names no event type: end the address with one of ${accepted.map((t) => `:${t}`).join(', ')} (e.g. …:7:10:203:soc).`,
      { field: 'event' },
    );
  }
  if (!(accepted as readonly string[]).includes(eventType)) {
    const later = (UDI_EVENT_TYPES as readonly string[]).includes(eventType) ? ` (it was introduced with API version 1.3; use /api/v1_3 or /api/v2_0)` : '';
    throw new DomainError(
      'UNRECOGNIZED_UDI_EVENT',
      `Event type ${JSON.stringify(eventType)} is not recognised by this API version${later}; it accepts ${accepted.join(', ')}.`,
      { field: 'event', eventType },
    );
  }
  return eventType as UdiEventType;
}

function readUnit(message: RawMessage): { unit: string; mwhPerUnit: number } {
  const unit = message.unit;
  if (typeof unit !== 'string' || SOC_UNITS[unit] === undefined) {
    throw new DomainError(
      'INVALID_UNIT',
      unit === undefined
        ? `Missing "unit": state the unit of the state of charge, ${Object.keys(SOC_UNITS).join(' or ')}.`
        : `${JSON.stringify(unit)} is not a unit of a state of charge; use ${Object.keys(SOC_UNITS).join(' or ')}.`,
      { field: 'unit' },
    );
  }
  return { unit, mwhPerUnit: SOC_UNITS[unit] };
}

function readDatetime(value: unknown, field: string): number {
  if (value === undefined || value === null || value === '') {
    throw new DomainError('INVALID_DATETIME', `Missing "${field}": give the time of the state of charge, e.g. 2015-06-02T10:00:00+00:00.`, { field });
  }
  if (typeof value !== 'string') throw new DomainError('INVALID_DATETIME', `"${field}" must be an ISO 8601 timestamp, got ${JSON.stringify(value)}.`, { field });
  return parseInstant(value, field);
}

function readNumber(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DomainError('UNPROCESSABLE_ENTITY', `"${field}" must be a number, got ${JSON.stringify(value)}.`, { field, errors: { [field]: ['must be a number'] } });
  }
  return value;
}

function readTargets(message: RawMessage, eventType: UdiEventType, mwhPerUnit: number): UdiEventTarget[] {
  const targets = message.targets;
  const given = targets !== undefined && targets !== null;
  if (eventType === 'soc') {
    if (given && !(Array.isArray(targets) && targets.length === 0)) {
      throw new DomainError('UNPROCESSABLE_ENTITY', 'Targets need the event type soc-with-targets: end the event address with :soc-with-targets.', {
        field: 'targets',
        errors: { targets: ['only accepted with the event type soc-with-targets'] },
      });
    }
    return [];
  }
  if (!given || (Array.isArray(targets) && targets.length === 0)) {
    throw new DomainError('INCOMPLETE_UDI_EVENT', 'A soc-with-targets event needs "targets": a list of {"value", "datetime"} (the SOC to reach and when).', {
      field: 'targets',
    });
  }
  if (!Array.isArray(targets)) throw schemaError('"targets" must be a list of {"value", "datetime"}.', 'targets');
  return targets.map((target: unknown, i) => {
    const field = `targets[${i}]`;
    if (typeof target !== 'object' || target === null || Array.isArray(target)) {
      throw schemaError(`${field} must be an object with "value" and "datetime", got ${JSON.stringify(target)}.`, field);
    }
    const { value, datetime } = target as Record<string, unknown>;
    const missing = [value === undefined || value === null ? '"value"' : '', datetime === undefined || datetime === null ? '"datetime"' : ''].filter(Boolean);
    if (missing.length > 0) {
      throw new DomainError('INCOMPLETE_UDI_EVENT', `${field} lacks ${missing.join(' and ')}: each target gives the SOC to reach ("value") and when ("datetime").`, { field });
    }
    return { datetimeMs: readDatetime(datetime, `${field}.datetime`), socMwh: readNumber(value, `${field}.value`) * mwhPerUnit };
  });
}

/**
 * Reads a PostUdiEventRequest for an API version: the type, the event
 * address with its event type, the datetime (timezone-aware), the unit
 * (kWh or MWh), the value (the state of charge) and, for soc-with-targets,
 * the targets — values converted to MWh. Checks in the order a caller fixes
 * them: message type, event, datetime, unit, value, targets.
 */
export function readPostUdiEventRequest(body: unknown, version: ApiVersion, naming: NamingAuthoritySettings): PostUdiEventRequest {
  const message = asMessage(body);
  checkMessageType(message, POST_UDI_EVENT_REQUEST);
  const { event, address } = readEvent(message, naming);
  const eventType = checkEventType(event, address.eventType, version);
  const datetimeMs = readDatetime(message.datetime, 'datetime');
  const { unit, mwhPerUnit } = readUnit(message);
  if (message.value === undefined || message.value === null) {
    throw new DomainError('PTUS_INCOMPLETE', 'Missing "value": the state of charge at "datetime".', { field: 'value' });
  }
  const socMwh = readNumber(message.value, 'value') * mwhPerUnit;
  const targets = readTargets(message, eventType, mwhPerUnit);
  return { event, address, eventType, datetimeMs, socMwh, unit, targets };
}

/**
 * Reads a GetDeviceMessageRequest (from a JSON body or the query string):
 * the event address (with or without its type, as the seed's examples write
 * it), an optional `duration` and `unit`.
 */
export function readGetDeviceMessageRequest(body: unknown, naming: NamingAuthoritySettings): GetDeviceMessageRequest {
  const message = asMessage(body);
  checkMessageType(message, GET_DEVICE_MESSAGE_REQUEST);
  const { event, address } = readEvent(message, naming);
  if (address.eventType !== undefined && !(UDI_EVENT_TYPES as readonly string[]).includes(address.eventType)) {
    throw new DomainError('UNRECOGNIZED_UDI_EVENT', `Event type ${JSON.stringify(address.eventType)} is not recognised; UDI events are ${UDI_EVENT_TYPES.join(' or ')}.`, {
      field: 'event',
    });
  }
  const duration = optionalString(message, 'duration');
  let durationMs: number | undefined;
  if (duration !== undefined) {
    durationMs = isoDurationToMilliseconds(duration);
    if (durationMs <= 0) throw new DomainError('INVALID_DURATION', `"duration" must be a positive duration, got ${duration}.`, { field: 'duration' });
  }
  const unit = optionalString(message, 'unit');
  return { event, address, ...(duration === undefined ? {} : { duration, durationMs }), ...(unit === undefined ? {} : { unit }) };
}

import { DomainError } from '../errors/domain-error';
import {
  EA1_SCHEME,
  LEGACY_DATE_CODE,
  NamingAuthority,
  NamingAuthoritySettings,
  PlatformNamingAuthority,
  entityAddressPrefix,
  isDateCode,
  namingAuthority,
  reverseDomainName,
  splitHost,
} from './naming-authority';

/*
 * USEF EA1 entity addresses: `ea1.<YYYY-MM>.<reversed domain>:<local part>`.
 * The local part names what is addressed; its fields are separated by colons.
 */

/** A grid connection (an asset): `<owner id>:<asset id>`, or just `<asset id>`. */
export interface ConnectionAddress {
  readonly kind: 'connection';
  readonly ownerId?: number;
  readonly assetId: number;
}

/** A weather sensor: `<sensor type>:<latitude>:<longitude>`, e.g. `temperature:33.4843866:126.477859`. */
export interface WeatherSensorAddress {
  readonly kind: 'weather-sensor';
  readonly sensorType: string;
  readonly latitude: number;
  readonly longitude: number;
}

/** A market: `<market name>`, e.g. `epex_da`. */
export interface MarketAddress {
  readonly kind: 'market';
  readonly marketName: string;
}

/**
 * A UDI event: `<owner id>:<asset id>:<event id>:<event type>`, e.g. `7:10:203:soc`.
 * The seed's getDeviceMessage response echoes the event without its type
 * (`…:7:10:203`), so the type is optional here; endpoints that need it
 * (postUdiEvent) must check for it.
 */
export interface UdiEventAddress {
  readonly kind: 'event';
  readonly ownerId: number;
  readonly assetId: number;
  readonly eventId: number;
  readonly eventType?: string;
}

export type EntityAddress = ConnectionAddress | WeatherSensorAddress | MarketAddress | UdiEventAddress;
export type EntityAddressKind = EntityAddress['kind'];
export type EntityAddressOf<K extends EntityAddressKind> = Extract<EntityAddress, { kind: K }>;

/** `ea1` for a full address, `simplified` for the connection shorthands `<owner id>:<asset id>` and `<asset id>`. */
export type EntityAddressNotation = 'ea1' | 'simplified';

/** What parsing yields: the addressed entity plus the authority it was written under. */
export type ParsedEntityAddress<K extends EntityAddressKind = EntityAddressKind> = EntityAddressOf<K> & {
  /** As written; the platform's current authority for the simplified notation. */
  readonly namingAuthority: NamingAuthority;
  readonly notation: EntityAddressNotation;
};

/**
 * Status for a local part that does not fit its kind, as the seed's endpoints list them:
 * - connection: post/getMeterData, post/getPrognosis → UNRECOGNIZED_CONNECTION_GROUP
 * - weather-sensor: postWeatherData → UNRECOGNIZED_SENSOR
 * - market: postPriceData → UNRECOGNIZED_MARKET
 * - event: postUdiEvent, getDeviceMessage → UNRECOGNIZED_UDI_EVENT
 * A wrong scheme or naming authority is INVALID_DOMAIN everywhere ("INVALID_DOMAIN
 * for invalid entity addresses", API changelog v1.2-3).
 */
export const UNRECOGNIZED_ENTITY_CODES: Readonly<Record<EntityAddressKind, string>> = {
  connection: 'UNRECOGNIZED_CONNECTION_GROUP',
  'weather-sensor': 'UNRECOGNIZED_SENSOR',
  market: 'UNRECOGNIZED_MARKET',
  event: 'UNRECOGNIZED_UDI_EVENT',
};

export const INVALID_DOMAIN = 'INVALID_DOMAIN';

const KIND_NAMES: Record<EntityAddressKind, string> = {
  connection: 'connection',
  'weather-sensor': 'weather sensor',
  market: 'market',
  event: 'UDI event',
};

const LOCAL_FORMS: Record<EntityAddressKind, string> = {
  connection: '<owner id>:<asset id> (or just <asset id>)',
  'weather-sensor': '<sensor type>:<latitude>:<longitude>',
  market: '<market name>',
  event: '<owner id>:<asset id>:<event id>:<event type>',
};

const ID = /^[1-9]\d*$/;
/** Ids are PostgreSQL integers. */
const MAX_ID = 2_147_483_647;
/** Sensor types and market names: a letter, then letters, digits or underscores (`wind_speed`, `epex_da`). */
const NAME = /^[A-Za-z]\w*$/;
/** Event types may also hold hyphens (`soc-with-targets`). */
const EVENT_TYPE = /^[A-Za-z][\w-]*$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

function parseId(text: string | undefined): number | undefined {
  if (text === undefined || !ID.test(text)) return undefined;
  const id = Number(text);
  return id <= MAX_ID ? id : undefined;
}

function parseCoordinate(text: string | undefined, limit: number): number | undefined {
  if (text === undefined || !DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Math.abs(value) <= limit ? value : undefined;
}

type LocalParsers = { [K in EntityAddressKind]: (fields: readonly string[]) => EntityAddressOf<K> | undefined };

const LOCAL_PARSERS: LocalParsers = {
  connection: (fields) => {
    if (fields.length === 1) {
      const assetId = parseId(fields[0]);
      return assetId === undefined ? undefined : { kind: 'connection', assetId };
    }
    if (fields.length !== 2) return undefined;
    const ownerId = parseId(fields[0]);
    const assetId = parseId(fields[1]);
    return ownerId === undefined || assetId === undefined ? undefined : { kind: 'connection', ownerId, assetId };
  },
  'weather-sensor': (fields) => {
    const [sensorType, lat, lng] = fields;
    if (fields.length !== 3 || sensorType === undefined || !NAME.test(sensorType)) return undefined;
    const latitude = parseCoordinate(lat, 90);
    const longitude = parseCoordinate(lng, 180);
    return latitude === undefined || longitude === undefined
      ? undefined
      : { kind: 'weather-sensor', sensorType, latitude, longitude };
  },
  market: (fields) => {
    const [marketName] = fields;
    return fields.length === 1 && marketName !== undefined && NAME.test(marketName) ? { kind: 'market', marketName } : undefined;
  },
  event: (fields) => {
    if (fields.length !== 3 && fields.length !== 4) return undefined;
    const [owner, asset, event, eventType] = fields;
    const ownerId = parseId(owner);
    const assetId = parseId(asset);
    const eventId = parseId(event);
    if (ownerId === undefined || assetId === undefined || eventId === undefined) return undefined;
    if (eventType === undefined) return { kind: 'event', ownerId, assetId, eventId };
    return EVENT_TYPE.test(eventType) ? { kind: 'event', ownerId, assetId, eventId, eventType } : undefined;
  },
};

function parseLocalPart<K extends EntityAddressKind>(kind: K, localPart: string): EntityAddressOf<K> | undefined {
  const parse: LocalParsers[K] = LOCAL_PARSERS[kind];
  return parse(localPart.split(':'));
}

/** The platform's authority and the date codes it accepts (its own and the legacy one). */
function acceptedDateCodes(platform: PlatformNamingAuthority): string[] {
  return [...new Set([platform.authority.dateCode, LEGACY_DATE_CODE])];
}

function invalidDomain(text: string, kind: EntityAddressKind, platform: PlatformNamingAuthority, reason: string): DomainError {
  const legacy = acceptedDateCodes(platform)
    .filter((dateCode) => dateCode !== platform.authority.dateCode)
    .map((dateCode) => ` (or ${entityAddressPrefix({ ...platform.authority, dateCode })})`)
    .join('');
  return new DomainError(
    INVALID_DOMAIN,
    `${JSON.stringify(text)} is not a ${KIND_NAMES[kind]} address of this platform: ${reason}. ` +
      `Write ${platform.prefix}${legacy}:${LOCAL_FORMS[kind]}.`,
  );
}

function unrecognized(text: string, kind: EntityAddressKind, form: string): DomainError {
  return new DomainError(
    UNRECOGNIZED_ENTITY_CODES[kind],
    `${JSON.stringify(text)} is not a valid ${KIND_NAMES[kind]} address: after the naming authority write ${form}` +
      ' (ids are positive integers, latitude within ±90, longitude within ±180).',
  );
}

const EA1_HEADER = /^ea1\.([^.:]*)\.([^:]*):(.*)$/is;

/**
 * Reads an entity address of the expected kind, written under the platform's
 * own naming authority (the configured date code or the legacy 2018-06).
 * Connections may also use the simplified notations `<owner id>:<asset id>`
 * and `<asset id>`. Addresses FlexMeasures 0.3.0 wrote while running on a
 * port (`ea1.2018-06.localhost:5000:12:65`) are read when the host has that
 * port and the local part does not fit without dropping it.
 */
export function parseEntityAddress<K extends EntityAddressKind>(
  text: string,
  expectedKind: K,
  settings: NamingAuthoritySettings,
): ParsedEntityAddress<K> {
  const platform = namingAuthority(settings.hostsAndAuthStart, settings.host);
  const trimmed = text.trim();
  if (!trimmed.toLowerCase().startsWith(`${EA1_SCHEME}.`)) {
    if (expectedKind !== 'connection') {
      throw invalidDomain(text, expectedKind, platform, `it does not start with ${EA1_SCHEME}.<YYYY-MM>.<reversed domain>:`);
    }
    const connection = parseLocalPart(expectedKind, trimmed);
    if (connection === undefined) throw unrecognized(text, expectedKind, LOCAL_FORMS[expectedKind]);
    return { ...connection, namingAuthority: platform.authority, notation: 'simplified' };
  }

  const header = EA1_HEADER.exec(trimmed);
  if (header === null) {
    throw invalidDomain(text, expectedKind, platform, `it does not start with ${EA1_SCHEME}.<YYYY-MM>.<reversed domain>:`);
  }
  const [, dateCode = '', reversedDomain = '', localPart = ''] = header;
  if (!isDateCode(dateCode)) {
    throw invalidDomain(text, expectedKind, platform, `its date code ${JSON.stringify(dateCode)} is not a month written YYYY-MM`);
  }
  const domain = reverseDomainName(reversedDomain.toLowerCase());
  if (domain !== platform.authority.domain) {
    throw invalidDomain(text, expectedKind, platform, `its naming authority ${reversedDomain} is not this platform's`);
  }
  if (!acceptedDateCodes(platform).includes(dateCode)) {
    throw invalidDomain(text, expectedKind, platform, `its date code ${dateCode} is not the one of ${domain}`);
  }

  const entity = parseLocalPart(expectedKind, localPart) ?? parseWithoutPort(expectedKind, localPart, settings.host);
  if (entity === undefined) throw unrecognized(text, expectedKind, LOCAL_FORMS[expectedKind]);
  return { ...entity, namingAuthority: { dateCode, domain }, notation: 'ea1' };
}

function parseWithoutPort<K extends EntityAddressKind>(kind: K, localPart: string, host: string): EntityAddressOf<K> | undefined {
  const { port } = splitHost(host);
  const portField = `${port}:`;
  return port !== undefined && localPart.startsWith(portField) ? parseLocalPart(kind, localPart.slice(portField.length)) : undefined;
}

/** Shortest plain decimal (no exponent), e.g. 33.4843866, -0.5, 0.0000001. */
function formatDecimal(value: number): string {
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/\.?0+$/, '') : text;
}

function writeLocalPart(address: EntityAddress): string {
  switch (address.kind) {
    case 'connection':
      return address.ownerId === undefined ? `${address.assetId}` : `${address.ownerId}:${address.assetId}`;
    case 'weather-sensor':
      return `${address.sensorType}:${formatDecimal(address.latitude)}:${formatDecimal(address.longitude)}`;
    case 'market':
      return address.marketName;
    case 'event': {
      const event = `${address.ownerId}:${address.assetId}:${address.eventId}`;
      return address.eventType === undefined ? event : `${event}:${address.eventType}`;
    }
  }
}

function resolveAuthority(authority: NamingAuthority | NamingAuthoritySettings | undefined): NamingAuthority {
  if (authority === undefined) {
    throw new Error('buildEntityAddress needs a naming authority: pass one, or an address that came from parseEntityAddress.');
  }
  if ('hostsAndAuthStart' in authority) return namingAuthority(authority.hostsAndAuthStart, authority.host).authority;
  if (!isDateCode(authority.dateCode) || !/^[^\s:]+$/.test(authority.domain)) {
    throw new Error(`${JSON.stringify(authority)} is not a naming authority: expected a YYYY-MM date code and a domain.`);
  }
  return authority;
}

/**
 * Writes the full EA1 address: `ea1.<date code>.<reversed domain>:<local part>`.
 * An address from parseEntityAddress keeps the authority it was written under
 * (so parse → build gives the canonical text back); any other address needs an
 * authority, or the settings to work the platform's one out. Fields that parse
 * would refuse are refused with the kind's UNRECOGNIZED_* status.
 */
export function buildEntityAddress(address: ParsedEntityAddress): string;
export function buildEntityAddress(address: EntityAddress, authority: NamingAuthority | NamingAuthoritySettings): string;
export function buildEntityAddress(
  address: EntityAddress & { readonly namingAuthority?: NamingAuthority },
  authority?: NamingAuthority | NamingAuthoritySettings,
): string {
  const resolved = resolveAuthority(authority ?? address.namingAuthority);
  const localPart = writeLocalPart(address);
  if (parseLocalPart(address.kind, localPart) === undefined) {
    throw unrecognized(localPart, address.kind, LOCAL_FORMS[address.kind]);
  }
  return `${entityAddressPrefix(resolved)}:${localPart}`;
}

import { DomainError } from '../errors/domain-error';
import {
  EntityAddress,
  EntityAddressKind,
  ParsedEntityAddress,
  buildEntityAddress,
  parseEntityAddress,
} from './entity-address';
import { NamingAuthoritySettings, namingAuthority, reverseDomainName, splitHost } from './naming-authority';
import { codeOf } from '../test/domain-error-of';

/** FlexMeasures at company.flexmeasures.io, owned since 2021-02 (§14.4.2); 2018-06 is the legacy date code. */
const COMPANY: NamingAuthoritySettings = {
  hostsAndAuthStart: { 'company.flexmeasures.io': '2021-02' },
  host: 'company.flexmeasures.io',
};
/** The seed's development server (localhost:5000); its examples use the legacy date code 2018-06. */
const LOCALHOST: NamingAuthoritySettings = {
  hostsAndAuthStart: { 'flexmeasures.io': '2021-01', localhost: '2021-01' },
  host: 'localhost:5000',
};

const COMPANY_2018 = { dateCode: '2018-06', domain: 'company.flexmeasures.io' };
const COMPANY_2021 = { dateCode: '2021-02', domain: 'company.flexmeasures.io' };
const LOCALHOST_2018 = { dateCode: '2018-06', domain: 'localhost' };


type SeedExample = [text: string, kind: EntityAddressKind, seedLines: string, settings: NamingAuthoritySettings, expected: ParsedEntityAddress];

/** Every address the seed docs write in canonical form (grep "ea1\." in flexmeasures-0.3.0-docs.txt). */
const CANONICAL_SEED_EXAMPLES: SeedExample[] = [
  // §14.4.2 Connections
  ['ea1.2021-02.io.flexmeasures.company:30:73', 'connection', '1367', COMPANY, { kind: 'connection', ownerId: 30, assetId: 73, namingAuthority: COMPANY_2021, notation: 'ea1' }],
  // §15.4, §15.5 power data and prognoses
  ['ea1.2018-06.io.flexmeasures.company:1:1', 'connection', '1828 1844 1865 1885 1909 1945', COMPANY, { kind: 'connection', ownerId: 1, assetId: 1, namingAuthority: COMPANY_2018, notation: 'ea1' }],
  ['ea1.2018-06.io.flexmeasures.company:1:2', 'connection', '1866 1889 1917', COMPANY, { kind: 'connection', ownerId: 1, assetId: 2, namingAuthority: COMPANY_2018, notation: 'ea1' }],
  // getConnection responses (v1.1 – v2.0)
  ['ea1.2018-06.io.flexmeasures.company:3:4', 'connection', '2472 3324 4011 4670', COMPANY, { kind: 'connection', ownerId: 3, assetId: 4, namingAuthority: COMPANY_2018, notation: 'ea1' }],
  ['ea1.2018-06.io.flexmeasures.company:8:3', 'connection', '2473 3325 4012 4671', COMPANY, { kind: 'connection', ownerId: 8, assetId: 3, namingAuthority: COMPANY_2018, notation: 'ea1' }],
  ['ea1.2018-06.io.flexmeasures.company:9:2', 'connection', '2474 3326 4013 4672', COMPANY, { kind: 'connection', ownerId: 9, assetId: 2, namingAuthority: COMPANY_2018, notation: 'ea1' }],
  ['ea1.2018-06.io.flexmeasures.company:3:1', 'connection', '2475 3327 4014 4673', COMPANY, { kind: 'connection', ownerId: 3, assetId: 1, namingAuthority: COMPANY_2018, notation: 'ea1' }],
  // postPrognosis (v2.0)
  ['ea1.2018-06.localhost:1:3', 'connection', '2909', LOCALHOST, { kind: 'connection', ownerId: 1, assetId: 3, namingAuthority: LOCALHOST_2018, notation: 'ea1' }],
  ['ea1.2018-06.localhost:1:4', 'connection', '2910', LOCALHOST, { kind: 'connection', ownerId: 1, assetId: 4, namingAuthority: LOCALHOST_2018, notation: 'ea1' }],
  ['ea1.2018-06.localhost:1:5', 'connection', '2935', LOCALHOST, { kind: 'connection', ownerId: 1, assetId: 5, namingAuthority: LOCALHOST_2018, notation: 'ea1' }],
  // §15.2 weather data
  [
    'ea1.2018-06.io.flexmeasures.company:temperature:33.4843866:126.477859',
    'weather-sensor',
    '1719',
    COMPANY,
    { kind: 'weather-sensor', sensorType: 'temperature', latitude: 33.4843866, longitude: 126.477859, namingAuthority: COMPANY_2018, notation: 'ea1' },
  ],
  // §15.3 and postPriceData
  ['ea1.2018-06.io.flexmeasures.company:kpx_da', 'market', '1758', COMPANY, { kind: 'market', marketName: 'kpx_da', namingAuthority: COMPANY_2018, notation: 'ea1' }],
  ['ea1.2018-06.localhost:epex_da', 'market', '2820 3662 4349 4950', LOCALHOST, { kind: 'market', marketName: 'epex_da', namingAuthority: LOCALHOST_2018, notation: 'ea1' }],
  // §15.6, §15.7 and postUdiEvent / getDeviceMessage
  [
    'ea1.2018-06.io.flexmeasures.company:7:10:203:soc',
    'event',
    '1967 2005 3000 3378 3391 3827 4065 4078 5512',
    COMPANY,
    { kind: 'event', ownerId: 7, assetId: 10, eventId: 203, eventType: 'soc', namingAuthority: COMPANY_2018, notation: 'ea1' },
  ],
  [
    'ea1.2018-06.io.flexmeasures.company:7:10:204:soc-with-targets',
    'event',
    '1979 3014 3841',
    COMPANY,
    { kind: 'event', ownerId: 7, assetId: 10, eventId: 204, eventType: 'soc-with-targets', namingAuthority: COMPANY_2018, notation: 'ea1' },
  ],
  // getDeviceMessage response (and the changelog's "erroneously double-keyed" request): no event type
  [
    'ea1.2018-06.io.flexmeasures.company:7:10:203',
    'event',
    '2014 5524',
    COMPANY,
    { kind: 'event', ownerId: 7, assetId: 10, eventId: 203, namingAuthority: COMPANY_2018, notation: 'ea1' },
  ],
];

/**
 * The asset pages of the seed (§13.1) show addresses FlexMeasures 0.3.0 wrote with
 * the dev server's port in the naming authority. They are read (host localhost:5000),
 * and written back without the port.
 */
const PORT_SEED_EXAMPLES: [text: string, ownerId: number, assetId: number, seedLines: string][] = [
  ['ea1.2018-06.localhost:5000:7:106', 7, 106, '1097'],
  ['ea1.2018-06.localhost:5000:6:105', 6, 105, '1098'],
  ['ea1.2018-06.localhost:5000:11:66', 11, 66, '1099'],
  ['ea1.2018-06.localhost:5000:12:65', 12, 65, '1100 1146'],
  ['ea1.2018-06.localhost:5000:11:64', 11, 64, '1101'],
  ['ea1.2018-06.localhost:5000:11:63', 11, 63, '1102'],
  ['ea1.2018-06.localhost:5000:11:62', 11, 62, '1103'],
  ['ea1.2018-06.localhost:5000:12:61', 12, 61, '1104'],
  ['ea1.2018-06.localhost:5000:12:60', 12, 60, '1105'],
  ['ea1.2018-06.localhost:5000:12:59', 12, 59, '1106'],
];

describe('entity addresses: the seed examples', () => {
  it.each(CANONICAL_SEED_EXAMPLES)('parses %s as %s (seed lines %s)', (text, kind, _lines, settings, expected) => {
    expect(parseEntityAddress(text, kind, settings)).toEqual(expected);
  });

  it.each(CANONICAL_SEED_EXAMPLES)('rebuilds %s exactly', (text, kind, _lines, settings, expected) => {
    expect(buildEntityAddress(expected)).toBe(text);
    expect(buildEntityAddress(parseEntityAddress(text, kind, settings))).toBe(text);
  });

  it.each(PORT_SEED_EXAMPLES)('reads the asset page address %s (owner %d, asset %d)', (text, ownerId, assetId) => {
    const parsed = parseEntityAddress(text, 'connection', LOCALHOST);
    expect(parsed).toEqual({ kind: 'connection', ownerId, assetId, namingAuthority: LOCALHOST_2018, notation: 'ea1' });
    const canonical = buildEntityAddress(parsed);
    expect(canonical).toBe(text.replace('localhost:5000:', 'localhost:'));
    expect(parseEntityAddress(canonical, 'connection', LOCALHOST)).toEqual(parsed);
  });

  it('reads the port form only on a host with that port', () => {
    const text = 'ea1.2018-06.localhost:5000:12:65';
    expect(codeOf(() => parseEntityAddress(text, 'connection', { ...LOCALHOST, host: 'localhost' }))).toBe('UNRECOGNIZED_CONNECTION_GROUP');
    expect(codeOf(() => parseEntityAddress(text, 'connection', { ...LOCALHOST, host: 'localhost:8080' }))).toBe('UNRECOGNIZED_CONNECTION_GROUP');
  });

  it('prefers the canonical reading when the port form is ambiguous', () => {
    // owner 5000, asset 12 — not "port 5000, asset 12"
    expect(parseEntityAddress('ea1.2018-06.localhost:5000:12', 'connection', LOCALHOST)).toMatchObject({ ownerId: 5000, assetId: 12 });
  });

  it.each([
    ['ea1.2018-06.localhost:5000:epex_da', 'market', { kind: 'market', marketName: 'epex_da' }],
    ['ea1.2018-06.localhost:5000:7:10:203:soc', 'event', { kind: 'event', ownerId: 7, assetId: 10, eventId: 203, eventType: 'soc' }],
    ['ea1.2018-06.localhost:5000:radiation:33.5:126.5', 'weather-sensor', { kind: 'weather-sensor', sensorType: 'radiation', latitude: 33.5, longitude: 126.5 }],
  ] as const)('reads the port form for other kinds too: %s', (text, kind, expected) => {
    expect(parseEntityAddress(text, kind, LOCALHOST)).toMatchObject(expected);
  });
});

describe('entity addresses: simplified connection notations (§14.4.2, API v1)', () => {
  it.each([
    ['30:73', { kind: 'connection', ownerId: 30, assetId: 73 }, 'ea1.2021-02.io.flexmeasures.company:30:73'],
    ['73', { kind: 'connection', assetId: 73 }, 'ea1.2021-02.io.flexmeasures.company:73'],
    [' 1:1 ', { kind: 'connection', ownerId: 1, assetId: 1 }, 'ea1.2021-02.io.flexmeasures.company:1:1'],
  ])('%p is %p, written in full as %s', (text, connection, full) => {
    const parsed = parseEntityAddress(text, 'connection', COMPANY);
    expect(parsed).toEqual({ ...connection, namingAuthority: COMPANY_2021, notation: 'simplified' });
    expect(buildEntityAddress(parsed)).toBe(full);
    const { namingAuthority: _authority, notation: _notation, ...fromFull } = parseEntityAddress(full, 'connection', COMPANY);
    expect(fromFull).toEqual(connection);
  });

  it('gives the same connection as the seed full form', () => {
    const { namingAuthority: _a, notation: _n, ...simplified } = parseEntityAddress('30:73', 'connection', COMPANY);
    const { namingAuthority: _b, notation: _m, ...full } = parseEntityAddress('ea1.2021-02.io.flexmeasures.company:30:73', 'connection', COMPANY);
    expect(simplified).toEqual(full);
  });

  it.each([
    ['weather-sensor', 'temperature:33.4843866:126.477859'],
    ['market', 'kpx_da'],
    ['event', '7:10:203:soc'],
  ] as const)('is only for connections: a %s without naming authority is INVALID_DOMAIN', (kind, text) => {
    expect(codeOf(() => parseEntityAddress(text, kind, COMPANY))).toBe('INVALID_DOMAIN');
  });
});

describe('entity addresses: foreign naming authorities', () => {
  it.each([
    // foreign domains
    ['ea1.2018-06.io.flexmeasures.other:1:1', 'connection', COMPANY],
    ['ea1.2021-01.io.flexmeasures:1:1', 'connection', COMPANY],
    ['ea1.2018-06.localhost:1:1', 'connection', COMPANY],
    ['ea1.2018-06.io.flexmeasures.company:1:1', 'connection', LOCALHOST],
    ['ea1.2018-06.io.flexmeasures.company.evil:kpx_da', 'market', COMPANY],
    ['ea1.2018-06.company.flexmeasures.io:1:1', 'connection', COMPANY],
    ['ea1.2018-06.:1:1', 'connection', COMPANY],
    // wrong date codes
    ['ea1.2021-01.io.flexmeasures.company:1:1', 'connection', COMPANY],
    ['ea1.2019-06.localhost:epex_da', 'market', LOCALHOST],
    ['ea1.2018-6.io.flexmeasures.company:1:1', 'connection', COMPANY],
    ['ea1.2018-13.io.flexmeasures.company:1:1', 'connection', COMPANY],
    ['ea1.201806.io.flexmeasures.company:1:1', 'connection', COMPANY],
    ['ea1.io.flexmeasures.company:1:1', 'connection', COMPANY],
    ['ea1.2018-06.io.flexmeasures.company', 'connection', COMPANY],
    // other schemes and the seed's template (line 1359)
    ['ea2.2018-06.io.flexmeasures.company:kpx_da', 'market', COMPANY],
    ['ea1.{date code}.{reversed domain name}:{locally unique string}', 'connection', COMPANY],
    ['', 'event', COMPANY],
  ] as const)('refuses %s (as %s) with INVALID_DOMAIN', (text, kind, settings) => {
    expect(codeOf(() => parseEntityAddress(text, kind, settings))).toBe('INVALID_DOMAIN');
  });

  it('names the expected authority in the message', () => {
    expect(() => parseEntityAddress('ea1.2018-06.io.example:1:1', 'connection', COMPANY)).toThrow(
      /ea1\.2021-02\.io\.flexmeasures\.company \(or ea1\.2018-06\.io\.flexmeasures\.company\):<owner id>:<asset id>/,
    );
    expect(() => parseEntityAddress('ea1.2020-01.localhost:epex_da', 'market', LOCALHOST)).toThrow(/ea1\.2021-01\.localhost/);
  });

  it('takes case in scheme and domain lightly, as DNS does', () => {
    expect(parseEntityAddress('EA1.2018-06.IO.FlexMeasures.Company:1:1', 'connection', COMPANY)).toEqual(
      parseEntityAddress('ea1.2018-06.io.flexmeasures.company:1:1', 'connection', COMPANY),
    );
  });
});

describe('entity addresses: malformed local parts', () => {
  const company = (local: string): string => `ea1.2018-06.io.flexmeasures.company:${local}`;

  it.each([
    // connections → UNRECOGNIZED_CONNECTION_GROUP
    [company(''), 'connection', 'UNRECOGNIZED_CONNECTION_GROUP'],
    [company('0:1'), 'connection', 'UNRECOGNIZED_CONNECTION_GROUP'],
    [company('1:0'), 'connection', 'UNRECOGNIZED_CONNECTION_GROUP'],
    [company('-1:1'), 'connection', 'UNRECOGNIZED_CONNECTION_GROUP'],
    [company('01:1'), 'connection', 'UNRECOGNIZED_CONNECTION_GROUP'],
    [company('1.5'), 'connection', 'UNRECOGNIZED_CONNECTION_GROUP'],
    [company('a:1'), 'connection', 'UNRECOGNIZED_CONNECTION_GROUP'],
    [company('1:1:1'), 'connection', 'UNRECOGNIZED_CONNECTION_GROUP'],
    [company('1:'), 'connection', 'UNRECOGNIZED_CONNECTION_GROUP'],
    [company('99999999999999999999'), 'connection', 'UNRECOGNIZED_CONNECTION_GROUP'],
    [company('kpx_da'), 'connection', 'UNRECOGNIZED_CONNECTION_GROUP'],
    ['CS 1', 'connection', 'UNRECOGNIZED_CONNECTION_GROUP'],
    ['1:2:3', 'connection', 'UNRECOGNIZED_CONNECTION_GROUP'],
    ['0', 'connection', 'UNRECOGNIZED_CONNECTION_GROUP'],
    ['', 'connection', 'UNRECOGNIZED_CONNECTION_GROUP'],
    // weather sensors → UNRECOGNIZED_SENSOR
    [company('temperature:33.4843866'), 'weather-sensor', 'UNRECOGNIZED_SENSOR'],
    [company('temperature:90.1:0'), 'weather-sensor', 'UNRECOGNIZED_SENSOR'],
    [company('temperature:0:-180.5'), 'weather-sensor', 'UNRECOGNIZED_SENSOR'],
    [company('temperature:33,48:126'), 'weather-sensor', 'UNRECOGNIZED_SENSOR'],
    [company('temperature:+33:126'), 'weather-sensor', 'UNRECOGNIZED_SENSOR'],
    [company('temperature:33.:126'), 'weather-sensor', 'UNRECOGNIZED_SENSOR'],
    [company('temperature:3e1:126'), 'weather-sensor', 'UNRECOGNIZED_SENSOR'],
    [company('2m_temperature:33:126'), 'weather-sensor', 'UNRECOGNIZED_SENSOR'],
    [company(':33:126'), 'weather-sensor', 'UNRECOGNIZED_SENSOR'],
    [company('temperature:33:126:0'), 'weather-sensor', 'UNRECOGNIZED_SENSOR'],
    // markets → UNRECOGNIZED_MARKET
    [company(''), 'market', 'UNRECOGNIZED_MARKET'],
    [company('kpx:da'), 'market', 'UNRECOGNIZED_MARKET'],
    [company('kpx da'), 'market', 'UNRECOGNIZED_MARKET'],
    [company('1kpx'), 'market', 'UNRECOGNIZED_MARKET'],
    // UDI events → UNRECOGNIZED_UDI_EVENT
    [company('7:10'), 'event', 'UNRECOGNIZED_UDI_EVENT'],
    [company('10:203:soc'), 'event', 'UNRECOGNIZED_UDI_EVENT'],
    [company('7:10:x:soc'), 'event', 'UNRECOGNIZED_UDI_EVENT'],
    [company('0:10:203:soc'), 'event', 'UNRECOGNIZED_UDI_EVENT'],
    [company('7:10:203:1soc'), 'event', 'UNRECOGNIZED_UDI_EVENT'],
    [company('7:10:203:'), 'event', 'UNRECOGNIZED_UDI_EVENT'],
    [company('7:10:203:soc:extra'), 'event', 'UNRECOGNIZED_UDI_EVENT'],
  ] as const)('refuses %p (as %s) with %s', (text, kind, code) => {
    expect(codeOf(() => parseEntityAddress(text, kind, COMPANY))).toBe(code);
  });

  it('accepts the coordinate limits and negative coordinates', () => {
    expect(parseEntityAddress(company('wind_speed:-90:180'), 'weather-sensor', COMPANY)).toMatchObject({ latitude: -90, longitude: 180 });
    expect(parseEntityAddress(company('radiation:-33.9249:-18.4241'), 'weather-sensor', COMPANY)).toMatchObject({
      sensorType: 'radiation',
      latitude: -33.9249,
      longitude: -18.4241,
    });
  });

  it('tells what the local part should look like', () => {
    expect(() => parseEntityAddress(company('7:10'), 'event', COMPANY)).toThrow(/<owner id>:<asset id>:<event id>:<event type>/);
  });
});

describe('entity addresses: building', () => {
  it.each([
    [{ kind: 'connection', ownerId: 3, assetId: 40 }, 'ea1.2021-02.io.flexmeasures.company:3:40'],
    [{ kind: 'connection', assetId: 40 }, 'ea1.2021-02.io.flexmeasures.company:40'],
    [{ kind: 'weather-sensor', sensorType: 'wind_speed', latitude: -33.5, longitude: 126 }, 'ea1.2021-02.io.flexmeasures.company:wind_speed:-33.5:126'],
    [{ kind: 'market', marketName: 'epex_da' }, 'ea1.2021-02.io.flexmeasures.company:epex_da'],
    [{ kind: 'event', ownerId: 7, assetId: 10, eventId: 204, eventType: 'soc-with-targets' }, 'ea1.2021-02.io.flexmeasures.company:7:10:204:soc-with-targets'],
  ] satisfies [EntityAddress, string][])('writes %p under the platform authority as %s', (address, text) => {
    expect(buildEntityAddress(address, COMPANY)).toBe(text);
    expect(buildEntityAddress(address, COMPANY_2021)).toBe(text);
    const { namingAuthority: _a, notation: _n, ...reread } = parseEntityAddress(text, address.kind, COMPANY);
    expect(reread).toEqual(address);
  });

  it('writes coordinates as plain decimals', () => {
    const sensor: EntityAddress = { kind: 'weather-sensor', sensorType: 'radiation', latitude: 1e-7, longitude: -0 };
    expect(buildEntityAddress(sensor, COMPANY)).toBe('ea1.2021-02.io.flexmeasures.company:radiation:0.0000001:0');
  });

  it('lets an explicit authority win over the parsed one', () => {
    const parsed = parseEntityAddress('ea1.2018-06.io.flexmeasures.company:1:1', 'connection', COMPANY);
    expect(buildEntityAddress(parsed, COMPANY)).toBe('ea1.2021-02.io.flexmeasures.company:1:1');
  });

  it.each([
    [{ kind: 'connection', ownerId: 0, assetId: 1 }, 'UNRECOGNIZED_CONNECTION_GROUP'],
    [{ kind: 'connection', assetId: 1.5 }, 'UNRECOGNIZED_CONNECTION_GROUP'],
    [{ kind: 'connection', assetId: Number.NaN }, 'UNRECOGNIZED_CONNECTION_GROUP'],
    [{ kind: 'weather-sensor', sensorType: 'temperature', latitude: 91, longitude: 0 }, 'UNRECOGNIZED_SENSOR'],
    [{ kind: 'weather-sensor', sensorType: 'temp:x', latitude: 0, longitude: 0 }, 'UNRECOGNIZED_SENSOR'],
    [{ kind: 'market', marketName: '' }, 'UNRECOGNIZED_MARKET'],
    [{ kind: 'event', ownerId: 7, assetId: 10, eventId: -1, eventType: 'soc' }, 'UNRECOGNIZED_UDI_EVENT'],
    [{ kind: 'event', ownerId: 7, assetId: 10, eventId: 203, eventType: '' }, 'UNRECOGNIZED_UDI_EVENT'],
  ] satisfies [EntityAddress, string][])('refuses to write %p (%s)', (address, code) => {
    expect(codeOf(() => buildEntityAddress(address, COMPANY))).toBe(code);
  });

  it('refuses a broken naming authority as a programming error', () => {
    expect(() => buildEntityAddress({ kind: 'market', marketName: 'epex_da' }, { dateCode: '2021', domain: 'flexmeasures.io' })).toThrow(
      /not a naming authority/,
    );
  });
});

describe('naming authority', () => {
  it.each([
    [{ 'flexmeasures.io': '2021-01' }, 'flexmeasures.io', { dateCode: '2021-01', domain: 'flexmeasures.io' }, 'ea1.2021-01.io.flexmeasures'],
    // a host with a port: the port is no part of the domain
    [{ localhost: '2018-06' }, 'localhost:5000', { dateCode: '2018-06', domain: 'localhost' }, 'ea1.2018-06.localhost'],
    [{ 'flexmeasures.io': '2021-01', localhost: '2020-03' }, 'localhost:5000', { dateCode: '2020-03', domain: 'localhost' }, 'ea1.2020-03.localhost'],
    [{ 'flexmeasures.io': '2021-01', 'company.flexmeasures.io': '2021-02' }, 'Company.FlexMeasures.io:443', COMPANY_2021, 'ea1.2021-02.io.flexmeasures.company'],
    [{ 'localhost:5000': '2018-06' }, 'localhost', { dateCode: '2018-06', domain: 'localhost' }, 'ea1.2018-06.localhost'],
    // a host that is not listed: the first entry
    [{ 'flexmeasures.io': '2021-01', 'example.org': '2019-03' }, 'localhost:5000', { dateCode: '2021-01', domain: 'flexmeasures.io' }, 'ea1.2021-01.io.flexmeasures'],
    [{ 'flexmeasures.io': '2021-01' }, 'company.flexmeasures.io', { dateCode: '2021-01', domain: 'flexmeasures.io' }, 'ea1.2021-01.io.flexmeasures'],
  ])('%p at %s is %p (%s)', (hostsAndAuthStart, host, authority, prefix) => {
    expect(namingAuthority(hostsAndAuthStart, host)).toEqual({ authority, prefix });
  });

  it('parses addresses for a host with a port', () => {
    const settings = { hostsAndAuthStart: { localhost: '2018-06' }, host: 'localhost:5000' };
    expect(parseEntityAddress('ea1.2018-06.localhost:1:3', 'connection', settings)).toMatchObject({ ownerId: 1, assetId: 3 });
    expect(buildEntityAddress({ kind: 'connection', ownerId: 1, assetId: 3 }, settings)).toBe('ea1.2018-06.localhost:1:3');
  });

  it.each([[{}], [{ 'flexmeasures.io': '2021' }]])('refuses the setting %p as a configuration error', (hostsAndAuthStart) => {
    expect(() => namingAuthority(hostsAndAuthStart, 'flexmeasures.io')).toThrow(/FLEXMEASURES_HOSTS_AND_AUTH_START/);
    expect(() => namingAuthority(hostsAndAuthStart, 'flexmeasures.io')).not.toThrow(DomainError);
  });

  it.each([
    ['localhost:5000', { domain: 'localhost', port: 5000 }],
    ['Company.FlexMeasures.io', { domain: 'company.flexmeasures.io' }],
    ['example.org.:8443', { domain: 'example.org', port: 8443 }],
  ])('splits host %s into %p', (host, parts) => {
    expect(splitHost(host)).toEqual(parts);
  });

  it('reverses domain names both ways', () => {
    expect(reverseDomainName('company.flexmeasures.io')).toBe('io.flexmeasures.company');
    expect(reverseDomainName('io.flexmeasures.company')).toBe('company.flexmeasures.io');
    expect(reverseDomainName('localhost')).toBe('localhost');
  });
});

describe('entity address ids', () => {
  it('reads ids up to the largest database integer, and no further', () => {
    const settings = { hostsAndAuthStart: { localhost: '2018-06' }, host: 'localhost' };
    expect(parseEntityAddress('ea1.2018-06.localhost:1:2147483647', 'connection', settings).assetId).toBe(2147483647);
    expect(codeOf(() => parseEntityAddress('ea1.2018-06.localhost:1:2147483648', 'connection', settings))).toBe('UNRECOGNIZED_CONNECTION_GROUP');
  });
});

import { codeOf, errorOf } from '../test/domain-error-of';
import { readGetDeviceMessageRequest, readPostUdiEventRequest } from './udi-event-message';

const NAMING = { hostsAndAuthStart: { 'company.flexmeasures.io': '2018-06' }, host: 'company.flexmeasures.io' };
const PREFIX = 'ea1.2018-06.io.flexmeasures.company';

/** The seed's examples A and B (§15.6, v1_3 and v2_0 pages). */
const EXAMPLE_A = { type: 'PostUdiEventRequest', event: `${PREFIX}:7:10:203:soc`, value: 12.1, unit: 'kWh', datetime: '2015-06-02T10:00:00+00:00' };
const EXAMPLE_B = {
  type: 'PostUdiEventRequest',
  event: `${PREFIX}:7:10:204:soc-with-targets`,
  value: 12.1,
  unit: 'kWh',
  datetime: '2015-06-02T10:00:00+00:00',
  targets: [{ value: 25, datetime: '2015-06-02T16:00:00+00:00' }],
};

describe('readPostUdiEventRequest', () => {
  it('reads the seed example A: a state of charge in kWh, in MWh', () => {
    const request = readPostUdiEventRequest(EXAMPLE_A, 'v2_0', NAMING);
    expect(request).toMatchObject({ eventType: 'soc', datetimeMs: Date.parse('2015-06-02T10:00:00Z'), unit: 'kWh', targets: [] });
    expect(request.socMwh).toBeCloseTo(0.0121, 12);
    expect(request.address).toMatchObject({ kind: 'event', ownerId: 7, assetId: 10, eventId: 203, eventType: 'soc' });
  });

  it('reads the seed example B with its target, converted to MWh', () => {
    const request = readPostUdiEventRequest(EXAMPLE_B, 'v1_3', NAMING);
    expect(request.eventType).toBe('soc-with-targets');
    expect(request.targets).toEqual([{ datetimeMs: Date.parse('2015-06-02T16:00:00Z'), socMwh: 0.025 }]);
    expect(readPostUdiEventRequest({ ...EXAMPLE_B, unit: 'MWh' }, 'v2_0', NAMING).targets[0].socMwh).toBe(25);
  });

  it('accepts soc-with-targets only from v1_3 on (§21.11)', () => {
    const error = errorOf(() => readPostUdiEventRequest(EXAMPLE_B, 'v1_2', NAMING));
    expect(error?.code).toBe('UNRECOGNIZED_UDI_EVENT');
    expect(error?.message).toMatch(/introduced with API version 1\.3/);
    expect(readPostUdiEventRequest(EXAMPLE_A, 'v1_2', NAMING).eventType).toBe('soc');
  });

  it.each([
    ['another message type', { ...EXAMPLE_A, type: 'PostMeterDataRequest' }, 'INVALID_MESSAGE_TYPE'],
    ['no event', { ...EXAMPLE_A, event: undefined }, 'INVALID_DOMAIN'],
    ['a foreign naming authority', { ...EXAMPLE_A, event: 'ea1.2018-06.io.example:7:10:203:soc' }, 'INVALID_DOMAIN'],
    ['a bad local part', { ...EXAMPLE_A, event: `${PREFIX}:7:ten:203:soc` }, 'UNRECOGNIZED_UDI_EVENT'],
    ['no event type', { ...EXAMPLE_A, event: `${PREFIX}:7:10:203` }, 'UNRECOGNIZED_UDI_EVENT'],
    ['an asset id beyond the integer range', { ...EXAMPLE_A, event: `${PREFIX}:7:99999999999:203:soc` }, 'UNRECOGNIZED_UDI_EVENT'],
    ['an event id beyond the integer range', { ...EXAMPLE_A, event: `${PREFIX}:7:10:2147483648:soc` }, 'UNRECOGNIZED_UDI_EVENT'],
    ['an unknown event type', { ...EXAMPLE_A, event: `${PREFIX}:7:10:203:temperature` }, 'UNRECOGNIZED_UDI_EVENT'],
    ['no datetime', { ...EXAMPLE_A, datetime: undefined }, 'INVALID_DATETIME'],
    ['a naive datetime', { ...EXAMPLE_A, datetime: '2015-06-02T10:00:00' }, 'INVALID_TIMEZONE'],
    ['an unreadable datetime', { ...EXAMPLE_A, datetime: 'tomorrow' }, 'INVALID_DATETIME'],
    ['no unit', { ...EXAMPLE_A, unit: undefined }, 'INVALID_UNIT'],
    ['a power unit', { ...EXAMPLE_A, unit: 'MW' }, 'INVALID_UNIT'],
    ['no value', { ...EXAMPLE_A, value: undefined }, 'PTUS_INCOMPLETE'],
    ['a value that is no number', { ...EXAMPLE_A, value: '12.1' }, 'UNPROCESSABLE_ENTITY'],
    ['targets for a soc event', { ...EXAMPLE_A, targets: EXAMPLE_B.targets }, 'UNPROCESSABLE_ENTITY'],
    ['soc-with-targets without targets', { ...EXAMPLE_B, targets: undefined }, 'INCOMPLETE_UDI_EVENT'],
    ['soc-with-targets with no targets', { ...EXAMPLE_B, targets: [] }, 'INCOMPLETE_UDI_EVENT'],
    ['a target without a value', { ...EXAMPLE_B, targets: [{ datetime: '2015-06-02T16:00:00Z' }] }, 'INCOMPLETE_UDI_EVENT'],
    ['a target without a datetime', { ...EXAMPLE_B, targets: [{ value: 25 }] }, 'INCOMPLETE_UDI_EVENT'],
    ['a naive target datetime', { ...EXAMPLE_B, targets: [{ value: 25, datetime: '2015-06-02T16:00:00' }] }, 'INVALID_TIMEZONE'],
    ['a target that is no object', { ...EXAMPLE_B, targets: [25] }, 'UNPROCESSABLE_ENTITY'],
  ])('refuses %s', (_what, body, code) => {
    expect(codeOf(() => readPostUdiEventRequest(body, 'v2_0', NAMING))).toBe(code);
  });

  it('names the field of a bad target', () => {
    const error = errorOf(() => readPostUdiEventRequest({ ...EXAMPLE_B, targets: [EXAMPLE_B.targets[0], { value: 25, datetime: '16:00' }] }, 'v2_0', NAMING));
    expect(error).toMatchObject({ code: 'INVALID_DATETIME', details: { field: 'targets[1].datetime' } });
  });
});

describe('readGetDeviceMessageRequest', () => {
  it('reads the event with or without its type, and an optional duration and unit', () => {
    const withType = readGetDeviceMessageRequest({ type: 'GetDeviceMessageRequest', event: `${PREFIX}:7:10:203:soc` }, NAMING);
    expect(withType.address).toMatchObject({ assetId: 10, eventId: 203, eventType: 'soc' });
    expect(withType.durationMs).toBeUndefined();
    const bare = readGetDeviceMessageRequest({ type: 'GetDeviceMessageRequest', event: `${PREFIX}:7:10:203`, duration: 'PT45M', unit: 'MW' }, NAMING);
    expect(bare).toMatchObject({ durationMs: 45 * 60_000, duration: 'PT45M', unit: 'MW' });
    expect(bare.address.eventType).toBeUndefined();
  });

  it.each([
    ['another message type', { type: 'GetMeterDataRequest', event: `${PREFIX}:7:10:203` }, 'INVALID_MESSAGE_TYPE'],
    ['no event', { type: 'GetDeviceMessageRequest' }, 'INVALID_DOMAIN'],
    ['an unknown event type', { type: 'GetDeviceMessageRequest', event: `${PREFIX}:7:10:203:price` }, 'UNRECOGNIZED_UDI_EVENT'],
    ['a negative duration', { type: 'GetDeviceMessageRequest', event: `${PREFIX}:7:10:203`, duration: '-PT1H' }, 'INVALID_DURATION'],
  ])('refuses %s', (_what, body, code) => {
    expect(codeOf(() => readGetDeviceMessageRequest(body, NAMING))).toBe(code);
  });
});

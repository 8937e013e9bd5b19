import { formatInstant } from '../beliefs/instant';
import { codeOf, errorOf } from '../test/domain-error-of';
import { readPostDataMessage } from './post-data-message';

const WINDOW = { start: '2016-05-01T12:45:00Z', duration: 'PT1H30M', unit: 'MW' };

describe('readPostDataMessage', () => {
  it('§14.4.3: groups inherit start, duration and unit; connection and connections are one field', () => {
    const message = readPostDataMessage(
      {
        type: 'PostMeterDataRequest',
        groups: [
          { connections: ['CS 1', 'CS 2'], values: [306.66, 306.66, 0, 0, 306.66, 306.66] },
          { connection: 'CS 3', values: [306.66, 0, 0, 0, 306.66, 306.66] },
        ],
        ...WINDOW,
      },
      'PostMeterDataRequest',
      'connection',
    );
    expect(message.groups.map((g) => g.addresses)).toEqual([['CS 1', 'CS 2'], ['CS 3']]);
    expect(message.groups.every((g) => g.unit === 'MW' && g.events.length === 6)).toBe(true);
    expect(formatInstant(message.groups[1].events[5].start)).toBe('2016-05-01T14:00:00Z');
  });

  it('reads the flattened single group, and a single value for several connections', () => {
    const flat = readPostDataMessage({ type: 'T', connections: ['a', 'b'], value: 10, start: '2015-01-01T00:00:00Z', duration: 'PT15M', unit: 'MW' }, 'T', 'connection');
    expect(flat.groups).toHaveLength(1);
    expect(flat.groups[0].addresses).toEqual(['a', 'b']);
    expect(flat.groups[0].events).toEqual([{ start: Date.parse('2015-01-01T00:00:00Z'), durationMs: 900_000, value: 10 }]);
  });

  it('lets a group override what it would inherit', () => {
    const message = readPostDataMessage(
      { type: 'T', groups: [{ sensor: 's', values: [1, 2], unit: '°F', prior: '2021-01-01T00:00:00Z' }], ...WINDOW, unit: '°C' },
      'T',
      'sensor',
    );
    expect(message.groups[0]).toMatchObject({ unit: '°F', prior: '2021-01-01T00:00:00Z' });
  });

  it('reads the explicit timeseries notation', () => {
    const message = readPostDataMessage(
      { type: 'T', market: 'm', timeseries: [{ value: 5, start: '2016-05-01T13:15:00Z', duration: 'PT15M' }], unit: 'EUR/MWh' },
      'T',
      'market',
    );
    expect(message.groups[0].events).toHaveLength(1);
  });

  it.each([
    ['a wrong type', { type: 'PostPrognosisRequest', connection: 'a', values: [1], ...WINDOW }, 'INVALID_MESSAGE_TYPE'],
    ['no type', { connection: 'a', values: [1], ...WINDOW }, 'INVALID_MESSAGE_TYPE'],
    ['no connection', { type: 'T', values: [1], ...WINDOW }, 'REQUIRED_INFO_MISSING'],
    ['no start', { type: 'T', connection: 'a', values: [1], duration: 'PT15M' }, 'REQUIRED_INFO_MISSING'],
    ['both singular and plural', { type: 'T', connection: 'a', connections: ['b'], values: [1], ...WINDOW }, 'UNPROCESSABLE_ENTITY'],
    ['values that are not numbers', { type: 'T', connection: 'a', values: [1, '2'], ...WINDOW }, 'UNPROCESSABLE_ENTITY'],
    ['an empty connection list', { type: 'T', connections: [], values: [1], ...WINDOW }, 'UNPROCESSABLE_ENTITY'],
    ['empty groups', { type: 'T', groups: [], ...WINDOW }, 'REQUIRED_INFO_MISSING'],
    ['a group that is not an object', { type: 'T', groups: [3], ...WINDOW }, 'UNPROCESSABLE_ENTITY'],
    ['a naive start', { type: 'T', connection: 'a', values: [1], start: '2016-05-01T12:45:00', duration: 'PT15M' }, 'INVALID_TIMEZONE'],
    ['a start that is not text', { type: 'T', connection: 'a', values: [1], start: 5, duration: 'PT15M' }, 'UNPROCESSABLE_ENTITY'],
    ['a body that is a list', [], 'UNPROCESSABLE_ENTITY'],
    ['a body that is null', null, 'UNPROCESSABLE_ENTITY'],
  ])('refuses %s', (_case, body, code) => {
    expect(codeOf(() => readPostDataMessage(body, 'T', 'connection'))).toBe(code);
  });

  it('names the field and what to do', () => {
    const error = errorOf(() => readPostDataMessage({ type: 'T', values: [1], ...WINDOW }, 'T', 'connection'));
    expect(error?.message).toMatch(/Missing "connection"/);
  });
});

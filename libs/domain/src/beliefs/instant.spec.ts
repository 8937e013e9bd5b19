import { formatInstant, parseInstant } from './instant';
import { codeOf } from '../test/domain-error-of';


describe('zoned instants', () => {
  it.each([
    ['2016-05-01T13:00:00Z', '2016-05-01T13:00:00Z'],
    ['2015-01-01T15:00:00+09:00', '2015-01-01T06:00:00Z'],
    ['2020-12-31T13:00:00+01:00', '2020-12-31T12:00:00Z'],
    ['2015-01-01T00:00:00+00:00', '2015-01-01T00:00:00Z'],
    ['2015-01-01T00:00:00-0530', '2015-01-01T05:30:00Z'],
    ['2015-01-01T00:00+09', '2014-12-31T15:00:00Z'],
    ['2016-05-01T13:00:00.250Z', '2016-05-01T13:00:00.250Z'],
    // DST-independent: offsets are taken as written, the result is UTC.
    ['2021-03-28T03:00:00+02:00', '2021-03-28T01:00:00Z'],
    ['2021-10-31T02:30:00+01:00', '2021-10-31T01:30:00Z'],
  ])('%s is %s', (text, utc) => {
    expect(formatInstant(parseInstant(text))).toBe(utc);
  });

  it.each(['2016-05-01T13:00:00', '2016-05-01T13:00', '2016-05-01 13:00:00'])(
    'refuses the naive %p with INVALID_TIMEZONE',
    (text) => {
      expect(codeOf(() => parseInstant(text, 'start'))).toBe('INVALID_TIMEZONE');
    },
  );

  it.each(['', 'yesterday', '2016-05-01', '2015-02-30T00:00:00Z', '2016-05-01T25:00:00Z', '2016-05-01T13:00:00+25:00'])(
    'refuses %p with INVALID_DATETIME',
    (text) => {
      expect(codeOf(() => parseInstant(text))).toBe('INVALID_DATETIME');
    },
  );
});

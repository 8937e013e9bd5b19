import { readNumber, readTimestamp } from './cells';
import { ZoneClock } from './zone-clock';

const amsterdam = new ZoneClock('Europe/Amsterdam');
const utc = (text: string) => Date.parse(text);
const value = <T>(reading: { ok: boolean; value?: T; reason?: string }) => (reading.ok ? reading.value : reading.reason);

describe('zone clock', () => {
  it('refuses a zone that does not exist', () => {
    expect(() => new ZoneClock('Europe/Atlantis')).toThrow(/IANA database, e.g. Europe\/Amsterdam/);
  });

  it('knows offsets in winter, in summer and right around the changes', () => {
    expect(amsterdam.offsetAt(utc('2021-01-15T12:00:00Z'))).toBe(3_600_000);
    expect(amsterdam.offsetAt(utc('2021-07-15T12:00:00Z'))).toBe(7_200_000);
    expect(amsterdam.offsetAt(utc('2021-03-28T00:59:59Z'))).toBe(3_600_000);
    expect(amsterdam.offsetAt(utc('2021-03-28T01:00:00Z'))).toBe(7_200_000);
    expect(amsterdam.offsetAt(utc('2021-10-31T00:59:59Z'))).toBe(7_200_000);
    expect(amsterdam.offsetAt(utc('2021-10-31T01:00:00Z'))).toBe(3_600_000);
  });

  it('gives no instant for a skipped time and two for a repeated one', () => {
    expect(amsterdam.instantsOf(Date.UTC(2021, 2, 28, 2, 30))).toEqual([]);
    expect(amsterdam.instantsOf(Date.UTC(2021, 9, 31, 2, 30))).toEqual([utc('2021-10-31T00:30:00Z'), utc('2021-10-31T01:30:00Z')]);
    expect(new ZoneClock('Asia/Kolkata').instantsOf(Date.UTC(2021, 0, 1, 0, 0))).toEqual([utc('2020-12-31T18:30:00Z')]);
  });
});

describe('reading cells', () => {
  it('reads plain numbers only', () => {
    expect(value(readNumber(' -12.5 '))).toBe(-12.5);
    expect(value(readNumber('1e3'))).toBe(1000);
    expect(value(readNumber('1,5'))).toMatch(/"1,5" is not a number/);
    expect(value(readNumber(''))).toMatch(/empty/);
  });

  it('reads timestamps with an offset whatever the zone', () => {
    expect(value(readTimestamp('2021-01-01T00:00:00+01:00', undefined))).toBe(utc('2020-12-31T23:00:00Z'));
    expect(value(readTimestamp('2021-01-01 00:00Z', amsterdam))).toBe(utc('2021-01-01T00:00:00Z'));
  });

  it('needs a zone for naive timestamps', () => {
    expect(value(readTimestamp('2021-01-01 00:00', undefined))).toMatch(/has no time zone/);
    expect(value(readTimestamp('2021-01-01 00:00', amsterdam))).toBe(utc('2020-12-31T23:00:00Z'));
    expect(value(readTimestamp('2021-01-01', amsterdam))).toBe(utc('2020-12-31T23:00:00Z'));
  });

  it('rejects skipped times and reads a repeated hour as the first occurrence, or the second after it', () => {
    expect(value(readTimestamp('2021-03-28 02:15', amsterdam))).toMatch(/does not exist in Europe\/Amsterdam/);
    const first = utc('2021-10-31T00:15:00Z');
    expect(value(readTimestamp('2021-10-31 02:15', amsterdam))).toBe(first);
    expect(value(readTimestamp('2021-10-31 02:15', amsterdam, first))).toBe(utc('2021-10-31T01:15:00Z'));
  });

  it('rejects what is not a date and time', () => {
    expect(value(readTimestamp('yesterday', amsterdam))).toMatch(/not a timestamp/);
    expect(value(readTimestamp('2021-02-30 00:00', amsterdam))).toMatch(/not a valid date/);
    expect(value(readTimestamp('2021-01-01T25:00+01:00', amsterdam))).toMatch(/not a valid timestamp/);
  });
});

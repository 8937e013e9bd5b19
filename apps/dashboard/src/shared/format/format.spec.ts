import { formatCapacity, formatEnergy, formatLocation, formatPercentage, formatPower, formatQuantity, formatResolution } from './numbers';
import { formatDateTime, formatRelativeTime, formatWaitTime, fromZonedInputValue, safeTimezone, supportedTimezones, toZonedInputValue } from './time';

describe('numbers with units', () => {
  it.each([
    [1.5, '1.5 MW'],
    [0.25, '250 kW'],
    [0.007, '7 kW'],
    [0.0005, '500 W'],
    [66, '66 MW'],
    [123.456, '123 MW'],
    [1234.5, '1.23 GW'],
    [-2.345, '-2.35 MW'],
    [0, '0 MW'],
  ])('power %p MW reads as %s', (value, text) => {
    expect(formatPower(value)).toBe(text);
  });

  it('rescales energy and values given in other power units', () => {
    expect(formatEnergy(0.0123)).toBe('12.3 kWh');
    expect(formatQuantity(250, 'kW')).toBe('250 kW');
    expect(formatQuantity(1500, 'kW')).toBe('1.5 MW');
    expect(formatQuantity(12_345, 'W')).toBe('12.3 kW');
  });

  it('leaves units that are not power or energy alone', () => {
    expect(formatQuantity(41.234, 'EUR/MWh')).toBe('41.23 EUR/MWh');
    expect(formatQuantity(3.5, '°C')).toBe('3.5 °C');
    expect(formatQuantity(1234.5, '')).toBe('1,234.5');
  });

  it('shows capacity in MW as stored, with kW precision', () => {
    expect(formatCapacity(0.664)).toBe('0.664 MW');
    expect(formatCapacity(66)).toBe('66 MW');
    expect(formatCapacity(0.0071)).toBe('0.007 MW');
  });

  it('writes resolutions in the largest whole unit', () => {
    expect(formatResolution(15)).toBe('15 minutes');
    expect(formatResolution(1)).toBe('1 minute');
    expect(formatResolution(60)).toBe('1 hour');
    expect(formatResolution(120)).toBe('2 hours');
    expect(formatResolution(90)).toBe('90 minutes');
    expect(formatResolution(1440)).toBe('1 day');
  });

  it('writes locations and percentages', () => {
    expect(formatLocation(33.41236, 126.83719)).toBe('33.4124° N, 126.8372° E');
    expect(formatLocation(-33.9, -70.65)).toBe('33.9° S, 70.65° W');
    expect(formatPercentage(0.95)).toBe('95%');
  });
});

describe('times in the user’s zone', () => {
  const instant = '2015-12-31T14:00:00Z';

  it('shows the same instant as each zone’s wall clock', () => {
    expect(formatDateTime(instant, 'Asia/Seoul')).toBe('31 Dec 2015, 23:00');
    expect(formatDateTime(instant, 'Europe/Amsterdam')).toBe('31 Dec 2015, 15:00');
    expect(formatDateTime(instant, 'America/New_York')).toBe('31 Dec 2015, 09:00');
    expect(formatDateTime(instant, 'Asia/Seoul', { withZone: true })).toMatch(/^31 Dec 2015, 23:00 (GMT\+9|KST)$/);
  });

  it('falls back to UTC for an unknown zone instead of failing', () => {
    expect(safeTimezone('Mars/Olympus_Mons')).toBe('UTC');
    expect(formatDateTime(instant, 'Mars/Olympus_Mons')).toBe('31 Dec 2015, 14:00');
    expect(formatDateTime('not a time', 'UTC')).toBe('unknown time');
  });

  it('says how long ago something happened', () => {
    const now = new Date('2020-06-01T12:00:00Z');
    expect(formatRelativeTime('2020-06-01T11:59:40Z', now)).toBe('just now');
    expect(formatRelativeTime('2020-06-01T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelativeTime('2020-06-01T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelativeTime('2020-05-29T12:00:00Z', now)).toBe('3 days ago');
    expect(formatRelativeTime('2020-06-01T14:00:00Z', now)).toBe('in 2 hours');
  });

  it('says how long to wait, rounded up', () => {
    expect(formatWaitTime(30)).toBe('30 seconds');
    expect(formatWaitTime(0.2)).toBe('1 second');
    expect(formatWaitTime(61)).toBe('2 minutes');
    expect(formatWaitTime(900)).toBe('15 minutes');
  });

  it('converts between an instant and a datetime-local value in a zone', () => {
    expect(toZonedInputValue(instant, 'Asia/Seoul')).toBe('2015-12-31T23:00');
    expect(fromZonedInputValue('2015-12-31T23:00', 'Asia/Seoul')).toBe('2015-12-31T14:00:00.000Z');
    expect(fromZonedInputValue('2021-07-01T12:00', 'Europe/Amsterdam')).toBe('2021-07-01T10:00:00.000Z');
    expect(fromZonedInputValue('2021-01-01T12:00', 'Europe/Amsterdam')).toBe('2021-01-01T11:00:00.000Z');
    expect(fromZonedInputValue('tomorrow', 'UTC')).toBeUndefined();
  });

  it('handles daylight saving changes: skipped times move forward, repeated times take the first', () => {
    // 2021-03-28 02:30 does not exist in Amsterdam (clocks jump 02:00 → 03:00).
    expect(fromZonedInputValue('2021-03-28T02:30', 'Europe/Amsterdam')).toBe('2021-03-28T01:30:00.000Z');
    expect(toZonedInputValue('2021-03-28T01:30:00Z', 'Europe/Amsterdam')).toBe('2021-03-28T03:30');
    // 2021-10-31 02:30 happens twice; the first time is still summer time (UTC+2).
    expect(fromZonedInputValue('2021-10-31T02:30', 'Europe/Amsterdam')).toBe('2021-10-31T00:30:00.000Z');
  });

  it('round-trips every quarter-hour of a DST day', () => {
    for (let minute = 0; minute < 24 * 60; minute += 15) {
      const iso = new Date(Date.UTC(2021, 9, 30, 22, minute)).toISOString();
      const local = toZonedInputValue(iso, 'Europe/Amsterdam');
      const back = fromZonedInputValue(local, 'Europe/Amsterdam');
      // The repeated hour maps back to its first occurrence; every other time comes back exactly.
      expect(toZonedInputValue(back ?? '', 'Europe/Amsterdam')).toBe(local);
    }
  });

  it('lists IANA zones, UTC included', () => {
    const zones = supportedTimezones();
    expect(zones).toContain('UTC');
    expect(zones).toContain('Europe/Amsterdam');
  });
});

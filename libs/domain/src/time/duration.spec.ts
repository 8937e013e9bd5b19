import { DomainError } from '../errors/domain-error';
import {
  isoDurationToMilliseconds,
  millisecondsToIsoDuration,
  parseIsoDuration,
  durationToMilliseconds,
} from './duration';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('ISO 8601 durations', () => {
  it.each([
    ['PT15M', 15 * MINUTE],
    ['PT1H', HOUR],
    ['PT45M', 45 * MINUTE],
    ['PT6H', 6 * HOUR],
    ['-PT10M', -10 * MINUTE],
    ['P1D', 24 * HOUR],
    ['P7D', 7 * 24 * HOUR],
    ['P1W', 7 * 24 * HOUR],
    ['PT48H', 48 * HOUR],
    ['P2DT3H', 51 * HOUR],
    ['PT1.5H', 90 * MINUTE],
    ['PT0,5H', 30 * MINUTE],
    ['PT30S', 30_000],
    ['+PT5M', 5 * MINUTE],
    ['PT0S', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(isoDurationToMilliseconds(text)).toBe(ms);
  });

  it.each(['', 'P', 'PT', '15M', 'PT15', 'P1DT', 'PT-15M', 'P1H', 'hello', '--PT1H'])(
    'refuses %p with INVALID_DURATION',
    (text) => {
      expect(() => parseIsoDuration(text)).toThrow(DomainError);
      try {
        parseIsoDuration(text);
      } catch (error) {
        expect((error as DomainError).code).toBe('INVALID_DURATION');
      }
    },
  );

  it('keeps calendar parts apart and refuses to give them a fixed length', () => {
    const duration = parseIsoDuration('P1Y2M');
    expect(duration).toMatchObject({ years: 1, months: 2, sign: 1 });
    expect(() => durationToMilliseconds(duration)).toThrow(/no fixed length/);
  });

  it.each([
    [15 * MINUTE, 'PT15M'],
    [-10 * MINUTE, '-PT10M'],
    [24 * HOUR, 'P1D'],
    [51 * HOUR, 'P2DT3H'],
    [0, 'PT0S'],
    [90_500, 'PT1M30.5S'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(millisecondsToIsoDuration(ms)).toBe(text);
    expect(isoDurationToMilliseconds(text)).toBe(ms);
  });
});

describe('duration limits', () => {
  it('refuses durations beyond 1,000 years, which only come from mistakes', () => {
    expect(isoDurationToMilliseconds('P365000D')).toBe(365_000 * 24 * HOUR);
    expect(() => isoDurationToMilliseconds('P365001D')).toThrow(DomainError);
    expect(() => isoDurationToMilliseconds('-P99999999999D')).toThrow(/at most 1,000 years/);
  });
});

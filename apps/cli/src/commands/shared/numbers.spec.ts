import { InvalidArgumentError } from 'commander';
import { parseNumber, parseWholeNumber } from './numbers';

describe('strict number options', () => {
  it.each([
    ['65', 65],
    ['-123.76', -123.76],
    ['+2.', 2],
    ['.5', 0.5],
    ['1e3', 1000],
    [' 33 ', 33],
  ])('reads %p as %p', (text, value) => expect(parseNumber(text)).toBe(value));

  it.each(['north', '', ' ', '12abc', '0x1f', 'Infinity', 'NaN', '1e999', '1,5'])('refuses %p', (text) => {
    expect(() => parseNumber(text)).toThrow(InvalidArgumentError);
  });

  it('wants whole numbers for ids and resolutions', () => {
    expect(parseWholeNumber('15')).toBe(15);
    for (const text of ['2.5', '1e3', 'two', '', '99999999999999999999']) expect(() => parseWholeNumber(text)).toThrow(/whole number/);
  });
});

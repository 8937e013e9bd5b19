import { InvalidArgumentError } from 'commander';

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const WHOLE = /^[-+]?\d+$/;

/**
 * Option parsers that accept only a plain number ("52.37", "-4", "1e3"):
 * no "", " ", "0x1f", "Infinity" or "12abc" (which Number/parseFloat would let through).
 * Commander names the option and the bad value when these throw.
 */
export function parseNumber(value: string): number {
  const text = value.trim();
  const parsed = Number(text);
  if (!DECIMAL.test(text) || !Number.isFinite(parsed)) throw new InvalidArgumentError('It must be a number, e.g. 52.37 or -4.5.');
  return parsed;
}

export function parseWholeNumber(value: string): number {
  const text = value.trim();
  const parsed = Number(text);
  if (!WHOLE.test(text) || !Number.isSafeInteger(parsed)) throw new InvalidArgumentError('It must be a whole number, e.g. 15.');
  return parsed;
}

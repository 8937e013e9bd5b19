import { isoDurationToMilliseconds } from '@flexmeasures/domain';

/**
 * Parsers turn a raw setting (a string from the environment, or any JSON value
 * from the config file) into a typed value, or throw a plain Error whose
 * message completes the sentence "<SETTING>: ...".
 */
export type Parser<T> = (raw: unknown) => T;

export const text: Parser<string> = (raw) => {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  throw new Error(`expected text, got ${JSON.stringify(raw)}`);
};

export const boolean: Parser<boolean> = (raw) => {
  if (typeof raw === 'boolean') return raw;
  const value = text(raw).trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off', ''].includes(value)) return false;
  throw new Error(`"${String(raw)}" is not a yes/no value; use true or false`);
};

export function integer(options: { min?: number; max?: number } = {}): Parser<number> {
  return (raw) => {
    const value = typeof raw === 'number' ? raw : Number(text(raw).trim());
    if (!Number.isInteger(value) || text(raw).trim() === '') {
      throw new Error(`"${String(raw)}" is not a whole number`);
    }
    if (options.min !== undefined && value < options.min) throw new Error(`${value} is below the minimum of ${options.min}`);
    if (options.max !== undefined && value > options.max) throw new Error(`${value} is above the maximum of ${options.max}`);
    return value;
  };
}

/** A plain decimal number ("0.0001", "1e-4"), optionally within bounds. */
export function decimal(options: { min?: number; max?: number } = {}): Parser<number> {
  return (raw) => {
    const written = text(raw).trim();
    const value = typeof raw === 'number' ? raw : Number(written);
    if (written === '' || !Number.isFinite(value) || !/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(written)) {
      throw new Error(`"${String(raw)}" is not a number`);
    }
    if (options.min !== undefined && value < options.min) throw new Error(`${value} is below the minimum of ${options.min}`);
    if (options.max !== undefined && value > options.max) throw new Error(`${value} is above the maximum of ${options.max}`);
    return value;
  };
}

export function oneOf<T extends string>(values: readonly T[]): Parser<T> {
  return (raw) => {
    const value = text(raw).trim();
    const found = values.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
    if (found === undefined) throw new Error(`"${value}" is not one of: ${values.map((v) => v || '(empty)').join(', ')}`);
    return found;
  };
}

/** JSON from the environment; the config file already gives parsed values. */
export function json<T>(check: (value: unknown) => T): Parser<T> {
  return (raw) => {
    let value: unknown = raw;
    if (typeof raw === 'string') {
      try {
        value = JSON.parse(raw);
      } catch {
        throw new Error(`"${raw}" is not valid JSON`);
      }
    }
    return check(value);
  };
}

/** A list as JSON (`["a","b"]`) or comma-separated text (`a,b`). */
export const list: Parser<string[]> = (raw) => {
  if (Array.isArray(raw)) return raw.map((item) => text(item));
  const value = text(raw).trim();
  if (value.startsWith('[')) return json((v) => (Array.isArray(v) ? v.map((item) => text(item)) : []))(value);
  return value === '' ? [] : value.split(',').map((item) => item.trim()).filter(Boolean);
};

/** ISO 8601 (`P7D`, `PT48H`, `-P1D`) or a number of seconds. Returns milliseconds. */
export const duration: Parser<number> = (raw) => {
  if (typeof raw === 'number') return raw * 1000;
  const value = text(raw).trim();
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  try {
    return isoDurationToMilliseconds(value);
  } catch {
    throw new Error(`"${value}" is not a duration; write ISO 8601 such as P7D or PT48H, or a number of seconds`);
  }
};

export function url(protocols: readonly string[]): Parser<string> {
  return (raw) => {
    const value = text(raw).trim();
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new Error(`"${redact(value)}" is not a URL; expected e.g. ${protocols[0]}//user@host:port/name`);
    }
    if (!protocols.includes(parsed.protocol)) {
      throw new Error(`"${redact(value)}" uses ${parsed.protocol}; expected ${protocols.join(' or ')}`);
    }
    if (!parsed.hostname) throw new Error(`"${redact(value)}" names no host`);
    return value;
  };
}

export const timezone: Parser<string> = (raw) => {
  const value = text(raw).trim();
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    throw new Error(`"${value}" is not an IANA time zone such as Europe/Amsterdam or Asia/Seoul`);
  }
  return value;
};

/** Sizes like `10mb`, `512kb` or a number of bytes. */
export const byteSize: Parser<number> = (raw) => {
  if (typeof raw === 'number' && raw > 0) return raw;
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(text(raw).trim());
  if (!match) throw new Error(`"${String(raw)}" is not a size; write e.g. 10mb, 512kb or a number of bytes`);
  const factor = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(match[2] ?? 'b').toLowerCase() as 'b'];
  return Math.round(Number(match[1]) * factor);
};

/** Hides the password part of a URL before it is printed. */
export function redact(value: string): string {
  return value.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}

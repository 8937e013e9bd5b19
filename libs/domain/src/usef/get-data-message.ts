import { DomainError } from '../errors/domain-error';
import { parseInstant } from '../beliefs/instant';
import { parseQueryHorizon } from '../beliefs/v1-horizons';
import { isoDurationToMilliseconds } from '../time/duration';
import { asMessage, checkMessageType, optionalString, schemaError, stringList } from './message-fields';

/** The end of the last day a timestamp can name (the seed's timestamps have four-digit years). */
export const LAST_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A getMeterData / getPrognosis request, read and checked. */
export interface GetDataRequest {
  readonly connections: readonly string[];
  readonly startMs: number;
  readonly durationMs: number;
  /** The duration as the caller wrote it, for echoing (PT24H stays PT24H). */
  readonly duration: string;
  readonly resolutionMs?: number;
  readonly horizonMs?: number;
  readonly priorMs?: number;
  readonly sources?: readonly string[];
  readonly unit?: string;
  /** Which quantile of probabilistic beliefs, e.g. 0.1 and 0.9 around a forecast's median; default 0.5. */
  readonly cumulativeProbability?: number;
}

/** A number strictly between 0 and 1, given as a number (JSON) or as text (query strings). */
function cumulativeProbability(message: Record<string, unknown>): number | undefined {
  const given = message.cumulative_probability;
  if (given === undefined) return undefined;
  const value = typeof given === 'string' && given.trim() !== '' ? Number(given) : given;
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    throw schemaError('"cumulative_probability" must be a number between 0 and 1 (exclusive), e.g. 0.1 or 0.9 for the bounds of a forecast\'s 80% interval.', 'cumulative_probability');
  }
  return value;
}

function positive(text: string, field: string): number {
  const ms = isoDurationToMilliseconds(text);
  if (ms <= 0) throw new DomainError('INVALID_DURATION', `"${field}" must be a positive duration, got ${text}.`, { field });
  return ms;
}

/** Sources may be listed, or given comma-separated (query strings): `MDC,42`. */
function sourceList(message: Readonly<Record<string, unknown>>): string[] | undefined {
  const value = message.source ?? message.sources;
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : [value]).map((item) => (typeof item === 'number' ? String(item) : item));
  if (items.some((item) => typeof item !== 'string')) throw schemaError('"sources" must hold user ids or role names.', 'sources');
  const names = (items as string[]).flatMap((item) => item.split(',')).map((item) => item.trim()).filter(Boolean);
  if (names.length === 0) throw schemaError('"sources" is empty.', 'sources');
  // eslint-disable-next-line no-control-regex
  if (names.some((name) => /[\u0000-\u001f\u007f]/.test(name) || name.length > 80)) {
    throw schemaError('"sources" must be user ids or role names (printable, at most 80 characters).', 'sources');
  }
  return names;
}

/**
 * Reads a GET message (from a JSON body or the query string): connection(s),
 * `start` + `duration`, and the optional `resolution`, `horizon` (always
 * rolling for GET, §21.4), `prior`, `source(s)` and `unit`.
 */
export function readGetDataRequest(body: unknown, expectedType: string): GetDataRequest {
  const message = asMessage(body);
  checkMessageType(message, expectedType);
  const connections = stringList(message, 'connection');
  const missing = (['start', 'duration'] as const).filter((field) => message[field] === undefined);
  if (connections === undefined) missing.unshift('connection' as never);
  if (missing.length > 0) {
    throw new DomainError('REQUIRED_INFO_MISSING', `Missing ${missing.map((f) => `"${f}"`).join(', ')}.`, { fields: missing });
  }
  const text = (field: string) => optionalString(message, field);
  const resolution = text('resolution');
  const horizon = text('horizon');
  const prior = text('prior');
  const sources = sourceList(message);
  const unit = text('unit');
  const probability = cumulativeProbability(message);
  const startMs = parseInstant(text('start') as string, 'start');
  const durationMs = positive(text('duration') as string, 'duration');
  if (startMs + durationMs > LAST_INSTANT_MS) {
    throw new DomainError('INVALID_PERIOD', 'The period must end by 9999-12-31T23:59:59Z.', { field: 'duration' });
  }
  return {
    connections: connections as string[],
    startMs,
    durationMs,
    duration: text('duration') as string,
    ...(resolution === undefined ? {} : { resolutionMs: positive(resolution, 'resolution') }),
    ...(horizon === undefined ? {} : { horizonMs: parseQueryHorizon(horizon) }),
    ...(prior === undefined ? {} : { priorMs: parseInstant(prior, 'prior') }),
    ...(sources === undefined ? {} : { sources }),
    ...(unit === undefined ? {} : { unit }),
    ...(probability === undefined ? {} : { cumulativeProbability: probability }),
  };
}

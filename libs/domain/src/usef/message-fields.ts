import { DomainError } from '../errors/domain-error';

/** A JSON message as received: an object with unknown fields. */
export type RawMessage = Readonly<Record<string, unknown>>;

export function schemaError(message: string, field?: string): DomainError {
  return new DomainError('UNPROCESSABLE_ENTITY', message, field === undefined ? undefined : { field });
}

export function asMessage(body: unknown, what = 'The request'): RawMessage {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw schemaError(`${what} must be a JSON object.`);
  }
  return body as RawMessage;
}

/**
 * "The API does not distinguish between singular and plural key notation"
 * (§14.4.1): `connection` and `connections` are one field. Giving both is
 * ambiguous and refused.
 */
export function pluralField(message: RawMessage, singular: string, plural = `${singular}s`): unknown {
  const hasSingular = message[singular] !== undefined;
  const hasPlural = message[plural] !== undefined;
  if (hasSingular && hasPlural) {
    throw schemaError(`Give "${singular}" or "${plural}", not both.`, plural);
  }
  return hasSingular ? message[singular] : message[plural];
}

/** A field that holds one string or a list of strings, as a list. */
export function stringList(message: RawMessage, singular: string, plural = `${singular}s`): string[] | undefined {
  const value = pluralField(message, singular, plural);
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw schemaError(`"${plural}" is empty.`, plural);
  for (const item of list) {
    if (typeof item !== 'string' || item.trim() === '') {
      throw schemaError(`"${plural}" must hold non-empty strings, got ${JSON.stringify(item)}.`, plural);
    }
  }
  return list as string[];
}

export function optionalString(message: RawMessage, field: string): string | undefined {
  const value = message[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw schemaError(`"${field}" must be a string, got ${JSON.stringify(value)}.`, field);
  return value;
}

/** Checks the message's `type` (INVALID_MESSAGE_TYPE when missing or different). */
export function checkMessageType(message: RawMessage, expected: string): void {
  const type = message.type;
  if (type !== expected) {
    throw new DomainError(
      'INVALID_MESSAGE_TYPE',
      type === undefined
        ? `The message has no "type"; this endpoint expects "${expected}".`
        : `This endpoint expects a message of type "${expected}", got ${JSON.stringify(type)}.`,
      { expected },
    );
  }
}

import { ApiError } from './http';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectObject(value: unknown, what: string): JsonObject {
  if (!isJsonObject(value)) throw new ApiError(`Unexpected response: ${what} is not an object.`);
  return value;
}

export function expectString(source: JsonObject, key: string, what: string): string {
  const value = source[key];
  if (typeof value !== 'string') throw new ApiError(`Unexpected response: ${what}.${key} is not a string.`);
  return value;
}

export function expectOneOf<T extends string>(source: JsonObject, key: string, allowed: readonly T[], what: string): T {
  const value = source[key];
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) {
    throw new ApiError(`Unexpected response: ${what}.${key} should be one of ${allowed.join(', ')}.`);
  }
  return match;
}

import { ApiError } from './http';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unexpected(what: string, key: string, expectation: string): ApiError {
  return new ApiError(`Unexpected response: ${what}.${key} ${expectation}.`);
}

export function expectObject(value: unknown, what: string): JsonObject {
  if (!isJsonObject(value)) throw new ApiError(`Unexpected response: ${what} is not an object.`);
  return value;
}

export function expectArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new ApiError(`Unexpected response: ${what} is not a list.`);
  return value;
}

export function expectString(source: JsonObject, key: string, what: string): string {
  const value = source[key];
  if (typeof value !== 'string') throw unexpected(what, key, 'is not a string');
  return value;
}

export function expectNullableString(source: JsonObject, key: string, what: string): string | null {
  const value = source[key];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw unexpected(what, key, 'is not a string');
  return value;
}

export function expectNumber(source: JsonObject, key: string, what: string): number {
  const value = source[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw unexpected(what, key, 'is not a number');
  return value;
}

export function expectNullableNumber(source: JsonObject, key: string, what: string): number | null {
  const value = source[key];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw unexpected(what, key, 'is not a number');
  return value;
}

export function expectBoolean(source: JsonObject, key: string, what: string): boolean {
  const value = source[key];
  if (typeof value !== 'boolean') throw unexpected(what, key, 'is not true or false');
  return value;
}

export function expectStringArray(source: JsonObject, key: string, what: string): string[] {
  const value = source[key];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw unexpected(what, key, 'is not a list of strings');
  return value;
}

export function expectNumberArray(source: JsonObject, key: string, what: string): number[] {
  const value = source[key];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'number')) throw unexpected(what, key, 'is not a list of numbers');
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

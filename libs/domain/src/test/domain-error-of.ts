import { DomainError } from '../errors/domain-error';

/** The DomainError a call throws, or undefined when it throws none. */
export function errorOf(fn: () => unknown): DomainError | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  return undefined;
}

/** The code of the DomainError a call throws, or undefined. */
export function codeOf(fn: () => unknown): string | undefined {
  return errorOf(fn)?.code;
}

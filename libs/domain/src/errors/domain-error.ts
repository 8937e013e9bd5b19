/**
 * An error whose code is one of the platform's status names (the seed's USEF
 * statuses such as INVALID_UNIT, or a generic one such as UNPROCESSABLE_ENTITY).
 * The api maps the code to an HTTP status in one place.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

import { DomainError } from '../errors/domain-error';

export interface ProsumerRole {
  readonly isConsumer: boolean;
  readonly isProducer: boolean;
}

/**
 * USEF signs (seed §14.4.9): positive = consumption, negative = production.
 * A pure producer may not post consumption, a pure consumer not production.
 * The seed's status lists name no sign status, so UNPROCESSABLE_ENTITY is used;
 * `details.reason` carries the original names (POWER_VALUE_TOO_BIG/_SMALL).
 */
export function checkSigns(values: readonly number[], role: ProsumerRole, connection?: string): void {
  const subject = connection === undefined ? 'This connection' : `Connection ${connection}`;
  if (role.isProducer && !role.isConsumer && values.some((value) => value > 0)) {
    throw new DomainError(
      'UNPROCESSABLE_ENTITY',
      `${subject} is registered as a pure producer and can only receive non-positive values (production is negative).`,
      { reason: 'POWER_VALUE_TOO_BIG', connection },
    );
  }
  if (role.isConsumer && !role.isProducer && values.some((value) => value < 0)) {
    throw new DomainError(
      'UNPROCESSABLE_ENTITY',
      `${subject} is registered as a pure consumer and can only receive non-negative values (consumption is positive).`,
      { reason: 'POWER_VALUE_TOO_SMALL', connection },
    );
  }
}

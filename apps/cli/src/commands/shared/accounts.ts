import { AccountsService, createMailer } from '@flexmeasures/accounts';
import { withUpToDateDatabase } from './database';

/** Runs work with the accounts service on an up-to-date database (see withUpToDateDatabase). */
export function withAccounts<T>(work: (accounts: AccountsService) => Promise<T>): Promise<T> {
  return withUpToDateDatabase((database, config) => work(new AccountsService(database.dataSource, config, createMailer(config, console.log))));
}

/** "admin,Prosumer" → ["admin", "Prosumer"]. */
export const parseList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

export const roleNames = (roles: readonly { name: string }[]): string => (roles.length ? roles.map((role) => role.name).join(',') : '(none)');

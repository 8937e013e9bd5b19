import { AccountsService, createMailer } from '@flexmeasures/accounts';
import { describeModes, loadConfig } from '@flexmeasures/config';
import { migrationStatus, openDatabase } from '@flexmeasures/persistence';

/**
 * Runs work with the accounts service on an up-to-date database. Never
 * migrates implicitly: pending migrations are for `flexmeasures db upgrade`.
 */
export async function withAccounts<T>(work: (accounts: AccountsService) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config.database, { applicationName: 'flexmeasures-cli' });
  process.stderr.write(`Database: ${describeModes(config).database}\n`);
  try {
    const { pending } = await migrationStatus(database);
    if (pending.length > 0) {
      throw new Error(`the database is not up to date (${pending.length} pending migration${pending.length === 1 ? '' : 's'}); run \`flexmeasures db upgrade\` first.`);
    }
    return await work(new AccountsService(database.dataSource, config, createMailer(config, console.log)));
  } finally {
    await database.close();
  }
}

/** "admin,Prosumer" → ["admin", "Prosumer"]. */
export const parseList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

export const roleNames = (roles: readonly { name: string }[]): string => (roles.length ? roles.map((role) => role.name).join(',') : '(none)');

import { Command } from 'commander';
import { roleNames, withAccounts } from '../shared/accounts';
import { formatTable } from '../shared/table';

/** `flexmeasures list …`: show data. */
export function listCommands(): Command {
  const list = new Command('list').description('List data (users, …).');

  list
    .command('users')
    .description('Show the users with their roles and login statistics.')
    .option('--include-inactive', 'also show deactivated users', false)
    .action((options: { includeInactive: boolean }) =>
      withAccounts(async (accounts) => {
        const users = await accounts.listUsers(options.includeInactive);
        if (users.length === 0) {
          console.log(options.includeInactive ? 'No users.' : 'No active users (--include-inactive shows deactivated ones).');
          return;
        }
        const rows = users.map((user) => [
          String(user.id),
          user.email,
          user.username,
          roleNames(user.roles),
          user.active ? 'yes' : 'no',
          user.lastLoginAt ? new Date(user.lastLoginAt).toISOString() : 'never',
          String(user.loginCount),
        ]);
        console.log(formatTable(['ID', 'EMAIL', 'USERNAME', 'ROLES', 'ACTIVE', 'LAST LOGIN', 'LOGINS'], rows));
      }),
    );

  return list;
}

import { Command } from 'commander';
import { withAccounts } from '../shared/accounts';
import { confirm, stdinIsTerminal } from '../shared/prompt';

/** `flexmeasures delete …`: remove data, after asking. */
export function deleteCommands(): Command {
  const remove = new Command('delete').description('Delete data (users, …).');

  remove
    .command('user')
    .description('Delete a user and also their assets and data.')
    .requiredOption('--email <email>', 'the email address of the user (any case)')
    .option('--force', 'do not ask for confirmation (needed when stdin is not a terminal)', false)
    .action((options: { email: string; force: boolean }) =>
      withAccounts(async (accounts) => {
        const user = await accounts.users.findByEmail(options.email.trim());
        if (!user) throw new Error(`no user with email ${options.email}.`);
        const question = `Delete user ${user.email} (id ${user.id}) and all their assets and data? [y/N]`;
        if (!options.force) {
          if (!stdinIsTerminal()) throw new Error(`not deleting user ${user.email} (id ${user.id}) without confirmation; pass --force to delete without asking.`);
          if (!(await confirm(question))) throw new Error('nothing was deleted.');
        }
        await accounts.deleteUser(user.id);
        console.log(`Deleted user ${user.email} (id ${user.id}).`);
      }),
    );

  return remove;
}

import { deleteStructure } from '@flexmeasures/assets';
import { Command } from 'commander';
import { withAccounts } from '../shared/accounts';
import { withUpToDateDatabase } from '../shared/database';
import { countOf } from '../shared/plural';
import { confirm, stdinIsTerminal } from '../shared/prompt';

/** `flexmeasures delete …`: remove data, after asking. */
export function deleteCommands(): Command {
  const remove = new Command('delete').description('Delete data (structure, users).');

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

  remove
    .command('structure')
    .description('Delete all structure (asset, market and weather sensor types), every asset, market and weather sensor, and their time series.')
    .option('--force', 'do not ask for confirmation (needed when stdin is not a terminal)', false)
    .action((options: { force: boolean }) =>
      withUpToDateDatabase(async ({ dataSource }) => {
        if (!options.force) {
          if (!stdinIsTerminal()) throw new Error('not deleting the structure without confirmation; pass --force to delete without asking.');
          const question = 'Delete all structure (asset types, markets, weather sensors) and every asset and time series built on it? [y/N]';
          if (!(await confirm(question))) throw new Error('nothing was deleted.');
        }
        const [counts] = (await dataSource.query(
          `SELECT count(*) FILTER (WHERE kind = 'asset')::int AS assets, count(*) FILTER (WHERE kind = 'market')::int AS markets,
                  count(*) FILTER (WHERE kind = 'weather_sensor')::int AS weather_sensors
             FROM sensor`,
        )) as { assets: number; markets: number; weather_sensors: number }[];
        await deleteStructure(dataSource);
        const removed = [countOf(counts.assets, 'asset'), countOf(counts.markets, 'market'), countOf(counts.weather_sensors, 'weather sensor')];
        console.log(`Deleted the structure: ${removed.join(', ')} with their data, and all asset, market and weather sensor types.`);
      }),
    );

  return remove;
}

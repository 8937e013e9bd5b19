import { Command, Option } from 'commander';
import { parseList, roleNames, withAccounts } from '../shared/accounts';
import { readFirstStdinLine, readHiddenLine, stdinIsTerminal } from '../shared/prompt';

interface AddUserOptions {
  readonly username: string;
  readonly email: string;
  readonly roles: string[];
  readonly timezone?: string;
}

/** On a terminal: asked twice, hidden. Otherwise: the first line of stdin (`echo 'pw' | flexmeasures add user …`). */
async function readNewPassword(): Promise<string> {
  if (!stdinIsTerminal()) {
    try {
      return await readFirstStdinLine();
    } catch {
      throw new Error('no password: type it on a terminal or pipe it as the first line of standard input.');
    }
  }
  const password = await readHiddenLine('Password: ');
  if ((await readHiddenLine('Repeat the password: ')) !== password) throw new Error('the passwords do not match; nothing was created.');
  return password;
}

/** `flexmeasures add …`: create data. */
export function addCommands(): Command {
  const add = new Command('add').description('Add data (users, …).');

  add.command('user')
    .description('Create a user; asks for the password (or reads it from the first line of piped stdin).')
    .requiredOption('--username <name>', 'the name to show for the user')
    .requiredOption('--email <email>', 'the email address the user logs in with')
    .addOption(new Option('--roles <roles>', 'comma-separated role names, e.g. admin,Prosumer').argParser(parseList).default([], 'none'))
    .option('--timezone <zone>', 'IANA time zone, e.g. Europe/Amsterdam')
    .action((options: AddUserOptions) =>
      withAccounts(async (accounts) => {
        const password = await readNewPassword();
        const user = await accounts.createUser({ ...options, password });
        console.log(`Created user ${user.id} (${user.email}) with roles ${roleNames(user.roles)}`);
      }),
    );

  return add;
}

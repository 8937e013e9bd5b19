import { Command } from 'commander';
import { dbCommands } from './commands/db/db.commands';

export function buildProgram(version: string): Command {
  return new Command('flexmeasures')
    .description('FlexMeasures command line: manage the database, users, assets, data and jobs.')
    .version(version)
    .addCommand(dbCommands())
    .showHelpAfterError()
    .exitOverride();
}

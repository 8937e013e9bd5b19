import { Command } from 'commander';
import { addCommands } from './commands/add/add.commands';
import { dbCommands } from './commands/db/db.commands';
import { deleteCommands } from './commands/delete/delete.commands';
import { jobsCommands } from './commands/jobs/jobs.commands';
import { listCommands } from './commands/list/list.commands';

export function buildProgram(version: string): Command {
  return new Command('flexmeasures')
    .description('FlexMeasures command line: manage the database, users, assets, data and jobs.')
    .version(version)
    .addCommand(addCommands())
    .addCommand(deleteCommands())
    .addCommand(listCommands())
    .addCommand(dbCommands())
    .addCommand(jobsCommands())
    .showHelpAfterError()
    .exitOverride();
}

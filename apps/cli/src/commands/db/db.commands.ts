import { loadConfig, describeModes } from '@flexmeasures/config';
import { Database, migrateToLatest, migrationStatus, MIGRATIONS, openDatabase, revertLatest } from '@flexmeasures/persistence';
import { Command } from 'commander';

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config.database, { applicationName: 'flexmeasures-cli' });
  console.log(`Database: ${describeModes(config).database}`);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** `flexmeasures db …`: the database schema's migrations. */
export function dbCommands(): Command {
  const db = new Command('db').description('Manage the database schema (migrations).');

  db.command('upgrade')
    .description('Apply every pending migration (safe to run from several places at once).')
    .action(() =>
      withDatabase(async (database) => {
        const applied = await migrateToLatest(database);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
      }),
    );

  db.command('downgrade')
    .description('Revert the latest applied migration.')
    .action(() =>
      withDatabase(async (database) => {
        const reverted = await revertLatest(database);
        console.log(reverted ? `Reverted: ${reverted}` : 'No migration is applied.');
      }),
    );

  db.command('current')
    .description('Show the latest applied migration and how many are pending.')
    .action(() =>
      withDatabase(async (database) => {
        const status = await migrationStatus(database);
        console.log(`Current: ${status.applied.at(-1) ?? '(empty database)'}`);
        console.log(`Pending: ${status.pending.length ? status.pending.join(', ') : 'none'}`);
      }),
    );

  db.command('history')
    .description('List every migration, oldest first, and whether it is applied.')
    .action(() =>
      withDatabase(async (database) => {
        const status = await migrationStatus(database);
        for (const migration of MIGRATIONS) {
          const name = migration.name;
          console.log(`${status.applied.includes(name) ? '[applied]' : '[pending]'} ${name}`);
        }
      }),
    );

  return db;
}

import { describeModes, loadConfig, PlatformConfig } from '@flexmeasures/config';
import { Database, migrationStatus, openDatabase } from '@flexmeasures/persistence';

/**
 * Runs work on an up-to-date database and closes it afterwards. Never
 * migrates implicitly: pending migrations are for `flexmeasures db upgrade`.
 */
export async function withUpToDateDatabase<T>(work: (database: Database, config: PlatformConfig) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config.database, { applicationName: 'flexmeasures-cli' });
  process.stderr.write(`Database: ${describeModes(config).database}\n`);
  try {
    const { pending } = await migrationStatus(database);
    if (pending.length > 0) {
      throw new Error(`the database is not up to date (${pending.length} pending migration${pending.length === 1 ? '' : 's'}); run \`flexmeasures db upgrade\` first.`);
    }
    return await work(database, config);
  } finally {
    await database.close();
  }
}

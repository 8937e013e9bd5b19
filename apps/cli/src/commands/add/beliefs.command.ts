import { BeliefEvents, ImportOptions, ImportSource, importBeliefs, readImportSettings, resolveSensorReference } from '@flexmeasures/beliefs';
import { DomainError } from '@flexmeasures/domain';
import { Command, CommanderError, Option } from 'commander';
import * as fs from 'node:fs';
import type { DataSource } from 'typeorm';
import { withUpToDateDatabase } from '../shared/database';
import { parseWholeNumber } from '../shared/numbers';
import { describeImport, rejectionMessage } from './beliefs-summary';
import { importProgress } from './import-progress';

interface AddBeliefsOptions {
  readonly sensor: string;
  readonly source?: string;
  readonly user?: string;
  readonly unit?: string;
  readonly horizon?: string;
  readonly beliefColumn?: string;
  readonly timezone?: string;
  readonly resample: boolean;
  readonly delimiter: string;
  readonly skipRows: number;
  readonly datetimeColumn: string;
  readonly valueColumn: string;
  readonly allOrNothing: boolean;
}

export const DEFAULT_IMPORT_SOURCE = 'CLI import';
const USAGE_EXIT_CODE = 2;

const HELP = `
Belief times: with --horizon, event end − horizon (-PT10M: 10 minutes after the
event ended); with --belief-column, that column's timestamps; otherwise the time
of the import (then importing the same file again stores it again, as newer beliefs).

Exit codes: 0 all rows stored or already known; 1 rows were rejected (or, with
--all-or-nothing, nothing was stored); 2 the command line does not fit the file
or sensor (nothing was read).`;

/** `flexmeasures add beliefs <file>`: stream a CSV file of time series into a sensor. */
export function addBeliefsCommand(): Command {
  return new Command('beliefs')
    .description('Import beliefs (time series values) from a CSV file into an asset, market or weather sensor, in batches.')
    .argument('<file>', 'CSV file with a datetime and a value column')
    .requiredOption('--sensor <id|address>', 'sensor id, or entity address of an asset, market or weather sensor')
    .addOption(new Option('--source <name>', `data source of type "cli import" to store the data as (created when new)`).default(DEFAULT_IMPORT_SOURCE).conflicts('user'))
    .option('--user <email|id>', "store the data as this user's own data (as if the user had posted it)")
    .option('--unit <unit>', "unit of the values (default: the sensor's); MW, kW and W are converted")
    .addOption(new Option('--horizon <duration>', 'ISO 8601 duration: belief time = event end − horizon, e.g. PT0H or -PT10M').conflicts('beliefColumn'))
    .option('--belief-column <column>', 'name or position (from 1) of a column with belief times (with a time zone)')
    .option('--timezone <zone>', 'IANA time zone of timestamps without an offset, e.g. Europe/Amsterdam')
    .option('--resample', "spread rows coarser than the sensor's resolution over its slots (a row lasts until the next row)", false)
    .option('--delimiter <char>', 'column separator, e.g. ; or tab', ',')
    .addOption(new Option('--skip-rows <n>', 'header rows before the data (column names are looked up in them)').argParser(parseWholeNumber).default(1))
    .option('--datetime-column <column>', 'name or position (from 1) of the event start column', '1')
    .option('--value-column <column>', 'name or position (from 1) of the value column', '2')
    .option('--all-or-nothing', 'one transaction: a single rejected row stores nothing', false)
    .addHelpText('after', HELP)
    .exitOverride(asUsageError)
    .action((file: string, options: AddBeliefsOptions, command: Command) => addBeliefs(file, options, command));
}

/** Commander's own complaints (unknown option, missing value, conflicts) exit with the usage code too. */
function asUsageError(error: CommanderError): never {
  if (error.exitCode === 0) throw error;
  throw new CommanderError(USAGE_EXIT_CODE, error.code, error.message);
}

function usage(command: Command, message: string): never {
  command.error(`error: ${message} (flexmeasures add beliefs --help lists the options)`, { exitCode: USAGE_EXIT_CODE, code: 'flexmeasures.usage' });
}

async function addBeliefs(file: string, cli: AddBeliefsOptions, command: Command): Promise<void> {
  const options = {
    unit: cli.unit,
    horizon: cli.horizon,
    beliefColumn: cli.beliefColumn,
    timezone: cli.timezone,
    resample: cli.resample,
    delimiter: cli.delimiter,
    skipRows: cli.skipRows,
    datetimeColumn: cli.datetimeColumn,
    valueColumn: cli.valueColumn,
    allOrNothing: cli.allOrNothing,
  };
  const size = fileSize(file, command);
  try {
    readImportSettings({ ...options, sensor: 0, source: { name: '' } }); // the options alone, before the database is opened
  } catch (error) {
    if (error instanceof DomainError) usage(command, error.message);
    throw error;
  }
  await withUpToDateDatabase(async ({ dataSource }, config) => {
    const naming = { hostsAndAuthStart: config.hostsAndAuthStart, host: config.http.host };
    const sensor = await orUsage(command, () => resolveSensorReference(dataSource, cli.sensor, naming));
    const source = await orUsage(command, () => importSource(dataSource, cli));
    const progress = importProgress(size);
    const importOptions: ImportOptions = { ...options, sensor, source, totalBytes: size, onProgress: (p) => progress.update(p) };
    let summary;
    try {
      summary = await importBeliefs(fs.createReadStream(file), importOptions, { dataSource, events: new BeliefEvents() });
    } catch (error) {
      // A broken file is a data problem (1); anything else the import refuses is about the options (2).
      if (error instanceof DomainError && error.code !== 'INVALID_CSV') usage(command, error.message);
      throw error;
    } finally {
      progress.stop();
    }
    console.log(describeImport(file, summary));
    if (summary.rejected > 0) throw new DomainError('REJECTED_ROWS', rejectionMessage(summary));
  });
}

function fileSize(file: string, command: Command): number {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) usage(command, `${file} is not a file`);
    return stat.size;
  } catch (error) {
    if (error instanceof CommanderError) throw error;
    usage(command, `cannot read ${file}: ${(error as Error).message}`);
  }
}

async function orUsage<T>(command: Command, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) usage(command, error.message);
    throw error;
  }
}

/** --user: that user's own data source; otherwise the named "cli import" source. */
async function importSource(dataSource: DataSource, cli: AddBeliefsOptions): Promise<ImportSource> {
  if (cli.user === undefined) return { name: cli.source ?? DEFAULT_IMPORT_SOURCE };
  const text = cli.user.trim();
  const rows: { id: number }[] = /^\d+$/.test(text)
    ? await dataSource.query('SELECT id FROM fm_user WHERE id = $1', [Number(text)])
    : await dataSource.query('SELECT id FROM fm_user WHERE lower(email) = lower($1)', [text]);
  if (!rows[0]) throw new DomainError('INVALID_SOURCE', `there is no user ${JSON.stringify(text)}; give a user's email or id (flexmeasures list users)`);
  return { userId: Number(rows[0].id) };
}

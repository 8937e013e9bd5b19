import { addStructure, DEFAULT_MARKET } from '@flexmeasures/assets';
import { Command, Option } from 'commander';
import { parseList, roleNames, withAccounts } from '../shared/accounts';
import { withUpToDateDatabase } from '../shared/database';
import { parseNumber, parseWholeNumber } from '../shared/numbers';
import { readFirstStdinLine, readHiddenLine, stdinIsTerminal } from '../shared/prompt';
import { addAsset, AddAssetOptions } from './asset';
import { addBeliefsCommand } from './beliefs.command';
import { addForecastsCommand } from './forecasts.command';
import { createMarket } from './market';
import { addScheduleCommand } from './schedule.command';
import { describeAddedStructure } from './structure-summary';
import { createWeatherSensor, NewWeatherSensor } from './weather-sensor';

interface AddUserOptions {
  readonly username: string;
  readonly email: string;
  readonly roles: string[];
  readonly timezone?: string;
}

type AddWeatherSensorOptions = NewWeatherSensor;

interface AddMarketOptions {
  readonly name: string;
  readonly displayName?: string;
  readonly marketTypeName: string;
  readonly unit: string;
  readonly eventResolution: number;
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

const number = (flags: string, description: string) => new Option(flags, description).argParser(parseNumber);
const wholeNumber = (flags: string, description: string) => new Option(flags, description).argParser(parseWholeNumber);
const RESOLUTION = 'minutes between events; must divide a day, e.g. 15';

/** `flexmeasures add …`: create data. */
export function addCommands(): Command {
  const add = new Command('add').description('Add data (structure, users, assets, weather sensors, markets, beliefs from CSV, schedules, forecasts).');

  add.command('structure')
    .description(`Add the standard asset, market and weather sensor types, the dummy market ${DEFAULT_MARKET.name} and the scheduler's data source (safe to run again).`)
    .action(() =>
      withUpToDateDatabase(async ({ dataSource }) => {
        const counts = await addStructure(dataSource);
        const market = counts.markets > 0 ? ((await dataSource.query('SELECT id FROM market WHERE name = $1', [DEFAULT_MARKET.name])) as { id: number }[]) : [];
        console.log(describeAddedStructure(counts, market[0]?.id));
      }),
    );

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

  add.command('asset')
    .description(`Create an asset, on the ${DEFAULT_MARKET.name} market unless --market-id is given. Batteries need --min-soc-in-MWh and --max-soc-in-MWh.`)
    .requiredOption('--name <name>', 'a unique name')
    .option('--display-name <name>', 'the name to show (default: --name)')
    .requiredOption('--asset-type-name <type>', 'e.g. solar, wind, battery, building (see flexmeasures add structure)')
    .option('--unit <unit>', 'the unit of its power data: MW, kW or W', 'MW')
    .addOption(number('--capacity-in-MW <mw>', 'the capacity in MW').makeOptionMandatory())
    .addOption(wholeNumber('--event-resolution <minutes>', RESOLUTION).makeOptionMandatory())
    .addOption(number('--latitude <degrees>', 'between -90 and 90').makeOptionMandatory())
    .addOption(number('--longitude <degrees>', 'between -180 and 180').makeOptionMandatory())
    .addOption(wholeNumber('--owner-id <id>', "the owner's user id (see flexmeasures list users)").makeOptionMandatory())
    .addOption(wholeNumber('--market-id <id>', `the market's id (default: ${DEFAULT_MARKET.name})`))
    .addOption(number('--min-soc-in-MWh <mwh>', 'lowest state of charge (storage)'))
    .addOption(number('--max-soc-in-MWh <mwh>', 'highest state of charge (storage)'))
    .addOption(number('--soc-in-MWh <mwh>', 'current state of charge (storage)'))
    .action((options: AddAssetOptions) =>
      withUpToDateDatabase(async ({ dataSource }) => {
        const asset = await addAsset(dataSource, options);
        console.log(`Created asset ${asset.id} (${asset.name})`);
      }),
    );

  add.command('weather-sensor')
    .description('Add a weather sensor: one per type and location.')
    .requiredOption('--name <name>', 'e.g. "my rooftop thermometer"')
    .requiredOption('--weather-sensor-type-name <type>', 'temperature, wind_speed or radiation')
    .requiredOption('--unit <unit>', "the type's unit: °C, m/s or kW/m²")
    .addOption(wholeNumber('--event-resolution <minutes>', RESOLUTION).makeOptionMandatory())
    .addOption(number('--latitude <degrees>', 'between -90 and 90').makeOptionMandatory())
    .addOption(number('--longitude <degrees>', 'between -180 and 180').makeOptionMandatory())
    .action((options: AddWeatherSensorOptions) =>
      withUpToDateDatabase(async ({ dataSource }) => {
        const sensor = await createWeatherSensor(dataSource, options);
        console.log(`Created weather sensor ${sensor.id} (${sensor.name})`);
      }),
    );

  add.command('market')
    .description('Add a market whose prices can be stored and used for scheduling.')
    .requiredOption('--name <name>', 'a unique name, e.g. kpx_da')
    .option('--display-name <name>', 'the name to show (default: --name)')
    .option('--market-type-name <type>', 'a market type (see flexmeasures add structure)', 'day_ahead')
    .requiredOption('--unit <unit>', 'the price unit: currency/MWh or currency/kWh, e.g. EUR/MWh')
    .addOption(wholeNumber('--event-resolution <minutes>', RESOLUTION).makeOptionMandatory())
    .action((options: AddMarketOptions) =>
      withUpToDateDatabase(async ({ dataSource }) => {
        const market = await createMarket(dataSource, options);
        console.log(`Created market ${market.id} (${market.name})`);
      }),
    );

  add.addCommand(addBeliefsCommand());
  add.addCommand(addScheduleCommand());
  add.addCommand(addForecastsCommand());

  return add;
}

import { makeTempDir, removeDir } from '@flexmeasures/testing';
import { runCli } from './test/run-cli';

jest.setTimeout(180_000);

/** The seed's quick-start examples (§1.1.7, §1.1.8); the asset is a solar panel here so that it needs no SOC limits. */
const weatherSensor = (overrides: string[] = []) => [
  'add', 'weather-sensor', '--name', 'my rooftop thermometer', '--weather-sensor-type-name', 'temperature',
  '--unit', '°C', '--event-resolution', '15', '--latitude', '33', '--longitude', '2.4', ...overrides,
];
const asset = (ownerId: string, overrides: string[] = []) => [
  'add', 'asset', '--name', 'my basement battery pack', '--asset-type-name', 'solar', '--capacity-in-MW', '30',
  '--event-resolution', '2', '--latitude', '65', '--longitude', '123.76', '--owner-id', ownerId, ...overrides,
];

// One database for the whole file, as a user would build it up step by step (each CLI call takes seconds).
describe('flexmeasures add/delete structure, asset, weather-sensor, market', () => {
  let dir: string;
  let ownerId = '';
  const cli = (args: string[], input = '') => runCli(args, dir, input);

  beforeAll(async () => {
    dir = makeTempDir('cli-structure');
    expect((await cli(['db', 'upgrade'])).code).toBe(0);
  });
  afterAll(() => removeDir(dir));

  it('adds the structure once; the second run adds nothing', async () => {
    const first = await cli(['add', 'structure']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Added 8 asset types, 1 market type, 3 weather sensor types, 1 market \(epex_da, id \d+\), 1 data source$/m);
    const second = await cli(['add', 'structure']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^Structure already complete; nothing added\.$/m);
  });

  it('adds the seed example asset on the default market; a battery needs SOC limits; numbers are checked', async () => {
    const user = await cli(['add', 'user', '--username', 'owner', '--email', 'owner@example.com'], 'S3cret-pass!\n');
    expect(user.code).toBe(0);
    ownerId = user.stdout.match(/^Created user (\d+) /m)?.[1] ?? '';
    expect(ownerId).not.toBe('');

    const created = await cli(asset(ownerId));
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created asset \d+ \(my basement battery pack\)$/m);

    const battery = await cli(asset(ownerId, ['--name', 'battery without limits', '--asset-type-name', 'battery']));
    expect(battery.code).toBe(1);
    expect(battery.output).toMatch(/min_soc_in_mwh.*is required for a battery/);
    expect(battery.stdout).not.toMatch(/Created asset/);

    const badNumber = await cli(asset(ownerId, ['--name', 'nowhere', '--latitude', 'north']));
    expect(badNumber.code).toBe(1);
    expect(badNumber.output).toMatch(/--latitude.*'north' is invalid/);
  });

  it('adds the seed example weather sensor once per place, with the type’s unit', async () => {
    const created = await cli(weatherSensor());
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created weather sensor (\d+) \(my rooftop thermometer\)$/m);

    const again = await cli(weatherSensor());
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/already a temperature sensor at latitude 33, longitude 2\.4/);

    const wrongUnit = await cli(weatherSensor(['--name', 'in kelvin', '--unit', 'K', '--latitude', '34']));
    expect(wrongUnit.code).toBe(1);
    expect(wrongUnit.output).toMatch(/unit.*must be °C for a temperature sensor/);
    expect(wrongUnit.stdout).not.toMatch(/Created/);
  });

  it('adds a market with a price unit', async () => {
    const created = await cli(['add', 'market', '--name', 'kpx_da', '--unit', 'KRW/kWh', '--event-resolution', '60']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created market \d+ \(kpx_da\)$/m);
  });

  it('deletes the structure only when forced (stdin is not a terminal); afterwards assets need it again', async () => {
    const refused = await cli(['delete', 'structure']);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/pass --force/);

    const deleted = await cli(['delete', 'structure', '--force']);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toMatch(/^Deleted the structure: 1 asset, 2 markets, 1 weather sensor with their data/m);

    const orphan = await cli(asset(ownerId));
    expect(orphan.code).toBe(1);
    expect(orphan.output).toMatch(/run `flexmeasures add structure` first/);
  });
});

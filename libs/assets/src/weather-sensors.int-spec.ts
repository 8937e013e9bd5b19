import { DatabaseConfig } from '@flexmeasures/config';
import { greatCircleDistanceKm } from '@flexmeasures/domain';
import { Database, migrateToLatest, openDatabase } from '@flexmeasures/persistence';
import { createTestDatabase, describeWithPostgres, makeTempDir, removeDir, TestDatabase } from '@flexmeasures/testing';
import * as path from 'node:path';
import { addStructure } from './structure';
import { nearestWeatherSensor } from './weather-sensors.repository';

const SENSORS = [
  { name: 'Jeju airport', type: 'temperature', latitude: 33.5104, longitude: 126.4914 },
  { name: 'Seoul', type: 'temperature', latitude: 37.5665, longitude: 126.978 },
  { name: 'Fiji east', type: 'temperature', latitude: -17.0, longitude: -179.9 },
  { name: 'Amsterdam', type: 'temperature', latitude: 52.3676, longitude: 4.9041 },
  { name: 'Jeju wind', type: 'wind_speed', latitude: 33.4, longitude: 126.5 },
];

function nearestBehaviour(open: () => Promise<Database>) {
  let database: Database;
  beforeAll(async () => {
    database = await open();
    await migrateToLatest(database);
    expect(await addStructure(database.dataSource)).toEqual({ assetTypes: 8, marketTypes: 1, weatherSensorTypes: 3, markets: 1, dataSources: 1 });
    for (const s of SENSORS) {
      const [{ id }] = await database.dataSource.query(
        `INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('weather_sensor', $1, '°C', 15) RETURNING id`,
        [s.name],
      );
      await database.dataSource.query(
        'INSERT INTO weather_sensor (id, name, display_name, weather_sensor_type_name, latitude, longitude) VALUES ($1, $2, $2, $3, $4, $5)',
        [id, s.name, s.type, s.latitude, s.longitude],
      );
    }
  });
  afterAll(() => database?.close());

  it.each([
    [{ latitude: 33.45, longitude: 126.56 }, 'temperature', 'Jeju airport'],
    [{ latitude: 37.0, longitude: 127.0 }, 'temperature', 'Seoul'],
    [{ latitude: -17.0, longitude: 179.95 }, 'temperature', 'Fiji east'], // across the antimeridian
    [{ latitude: 51.9, longitude: 4.5 }, 'temperature', 'Amsterdam'],
    [{ latitude: 52.0, longitude: 5.0 }, 'wind_speed', 'Jeju wind'], // the only one of its type
  ])('near %p the nearest %s sensor is %s', async (place, type, expected) => {
    const found = await nearestWeatherSensor(database.dataSource, place, type);
    expect(found?.name).toBe(expected);
    const sensor = SENSORS.find((s) => s.name === expected)!;
    expect(found!.distanceKm).toBeCloseTo(greatCircleDistanceKm(place, sensor), 6);
  });

  it('adds the structure only once', async () => {
    expect(await addStructure(database.dataSource)).toEqual({ assetTypes: 0, marketTypes: 0, weatherSensorTypes: 0, markets: 0, dataSources: 0 });
    const [{ types }] = await database.dataSource.query('SELECT count(*)::int AS types FROM asset_type');
    expect(types).toBe(8);
  });

  it('finds none of a type without sensors', async () => {
    expect(await nearestWeatherSensor(database.dataSource, { latitude: 0, longitude: 0 }, 'radiation')).toBeNull();
  });
}

describe('nearest weather sensor (embedded database)', () => {
  const dir = makeTempDir('nearest');
  afterAll(() => removeDir(dir));
  const config: DatabaseConfig = { kind: 'embedded', dataDir: path.join(dir, 'pgdata'), migrateOnStart: true };
  nearestBehaviour(() => openDatabase(config));
});

describeWithPostgres('nearest weather sensor (PostgreSQL)', () => {
  let testDb: TestDatabase;
  beforeAll(async () => (testDb = await createTestDatabase()));
  afterAll(async () => testDb?.drop());
  describe('queries', () => nearestBehaviour(() => openDatabase({ kind: 'postgres', url: testDb.url, poolSize: 2, migrateOnStart: true })));
});

import { WEATHER_SENSOR_TYPES } from '@flexmeasures/assets';
import { DomainError } from '@flexmeasures/domain';
import { DataSource } from 'typeorm';
import { collect, CreatedSensor, isUniqueViolation, latitudeProblem, longitudeProblem, nameProblem, Problems, resolutionProblem, throwIfAny } from './checks';

export interface NewWeatherSensor {
  readonly name: string;
  readonly weatherSensorTypeName: string;
  readonly unit: string;
  /** Minutes; must divide a day. */
  readonly eventResolution: number;
  readonly latitude: number;
  readonly longitude: number;
}

/**
 * Adds a weather sensor: a `sensor` row (its time series) and a `weather_sensor`
 * row with the same id, in one transaction. One sensor per type and location.
 */
export async function createWeatherSensor(dataSource: DataSource, input: NewWeatherSensor): Promise<CreatedSensor> {
  const name = input.name.trim();
  const typeName = input.weatherSensorTypeName.trim();
  const { unit, problem: unitProblem } = canonicalUnit(typeName, input.unit.trim());
  const problems: Problems = collect({
    name: nameProblem(name),
    weather_sensor_type_name: await typeProblem(dataSource, typeName),
    unit: unitProblem,
    event_resolution: resolutionProblem(input.eventResolution),
    latitude: latitudeProblem(input.latitude),
    longitude: longitudeProblem(input.longitude),
  });
  throwIfAny('weather sensor', problems);

  await refuseIfTaken(dataSource, typeName, input.latitude, input.longitude);
  try {
    const id = await dataSource.transaction(async (m) => {
      const [{ id: sensorId }] = (await m.query(
        `INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('weather_sensor', $1, $2, $3) RETURNING id`,
        [name, unit, input.eventResolution],
      )) as { id: number }[];
      await m.query(
        `INSERT INTO weather_sensor (id, name, display_name, weather_sensor_type_name, latitude, longitude) VALUES ($1, $2, $3, $4, $5, $6)`,
        [sensorId, name, name, typeName, input.latitude, input.longitude],
      );
      return sensorId;
    });
    return { id, name };
  } catch (error) {
    // Someone added one at the same place in the meantime.
    if (isUniqueViolation(error)) await refuseIfTaken(dataSource, typeName, input.latitude, input.longitude);
    throw error;
  }
}

async function typeProblem(dataSource: DataSource, typeName: string): Promise<string | undefined> {
  if (typeName === '') return 'must be a non-empty string';
  const rows = (await dataSource.query('SELECT name FROM weather_sensor_type ORDER BY name')) as { name: string }[];
  if (rows.some((row) => row.name === typeName)) return undefined;
  if (rows.length === 0) return `"${typeName}" is not a known weather sensor type; there are none yet (run flexmeasures add structure)`;
  return `"${typeName}" is not a known weather sensor type (known: ${rows.map((row) => row.name).join(', ')})`;
}

/** The standard types have one unit each (spelled as in WEATHER_SENSOR_TYPES); other types only need some unit. */
function canonicalUnit(typeName: string, unit: string): { unit: string; problem?: string } {
  const spec = WEATHER_SENSOR_TYPES.find((type) => type.name === typeName);
  // NFKC: "℃" is °C and "kW/m2" is kW/m², as they are typed on keyboards without those signs.
  if (spec) return unit.normalize('NFKC') === spec.unit.normalize('NFKC') ? { unit: spec.unit } : { unit, problem: `must be ${spec.unit} for a ${spec.name} sensor` };
  return unit === '' ? { unit, problem: 'must be a non-empty string' } : { unit };
}

async function refuseIfTaken(dataSource: DataSource, typeName: string, latitude: number, longitude: number): Promise<void> {
  const rows = (await dataSource.query(
    'SELECT id, name FROM weather_sensor WHERE weather_sensor_type_name = $1 AND latitude = $2 AND longitude = $3',
    [typeName, latitude, longitude],
  )) as { id: number; name: string }[];
  if (rows.length === 0) return;
  throw new DomainError(
    'UNPROCESSABLE_ENTITY',
    `There is already a ${typeName} sensor at latitude ${latitude}, longitude ${longitude}: "${rows[0].name}" (id ${rows[0].id}).`,
  );
}

import { EARTH_RADIUS_KM, LatLng } from '@flexmeasures/domain';
import { DataSource } from 'typeorm';

export interface NearbyWeatherSensor {
  readonly id: number;
  readonly name: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly distanceKm: number;
}

// Haversine in plain SQL: runs on PostgreSQL and the embedded database alike, no extension needed.
const DISTANCE_KM = `2 * ${EARTH_RADIUS_KM} * asin(least(1, sqrt(
  power(sin(radians(w.latitude - $1) / 2), 2) +
  cos(radians($1)) * cos(radians(w.latitude)) * power(sin(radians(w.longitude - $2) / 2), 2))))`;

/** The weather sensor of a type nearest to a place (ties: the oldest sensor), or null when there is none. */
export async function nearestWeatherSensor(dataSource: DataSource, place: LatLng, sensorType: string): Promise<NearbyWeatherSensor | null> {
  const rows = await dataSource.query(
    `SELECT w.id, w.name, w.latitude, w.longitude, ${DISTANCE_KM} AS distance_km
       FROM weather_sensor w
      WHERE w.weather_sensor_type_name = $3
      ORDER BY distance_km, w.id
      LIMIT 1`,
    [place.latitude, place.longitude, sensorType],
  );
  const row = rows[0];
  return row ? { id: row.id, name: row.name, latitude: row.latitude, longitude: row.longitude, distanceKm: Number(row.distance_km) } : null;
}

/** The nearest weather sensor of a type to an asset (forecasting uses it for regressors). */
export async function nearestWeatherSensorToAsset(dataSource: DataSource, assetId: number, sensorType: string): Promise<NearbyWeatherSensor | null> {
  const [asset] = await dataSource.query('SELECT latitude, longitude FROM asset WHERE id = $1', [assetId]);
  return asset ? nearestWeatherSensor(dataSource, asset, sensorType) : null;
}

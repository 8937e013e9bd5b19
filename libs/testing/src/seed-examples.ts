/** The seed's POST /api/v2_0/assets example (§16); owner and market ids default to the seed's. */
export function seedAssetPost(owner = 2, market = 1) {
  return {
    name: 'Test battery',
    asset_type: 'battery',
    unit: 'kW',
    owner,
    market,
    event_resolution: 5,
    capacity_in_mw: 4.2,
    latitude: 40,
    longitude: 170.3,
    max_soc_in_mwh: 5,
    min_soc_in_mwh: 0,
  };
}

/** A weather sensor straight in the database, for tests (the CLI's `add weather-sensor` checks its input first). */
export async function insertWeatherSensor(
  dataSource: { transaction<T>(run: (m: { query(sql: string, params?: unknown[]): Promise<unknown> }) => Promise<T>): Promise<T> },
  sensor: { type: string; latitude: number; longitude: number; unit: string; resolutionMinutes?: number },
): Promise<number> {
  return dataSource.transaction(async (m) => {
    const name = `${sensor.type} ${sensor.latitude} ${sensor.longitude}`;
    const [{ id }] = (await m.query(
      `INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('weather_sensor', $1, $2, $3) RETURNING id`,
      [name, sensor.unit, sensor.resolutionMinutes ?? 15],
    )) as { id: number }[];
    await m.query(
      `INSERT INTO weather_sensor (id, name, display_name, weather_sensor_type_name, latitude, longitude) VALUES ($1, $2, $2, $3, $4, $5)`,
      [id, name, sensor.type, sensor.latitude, sensor.longitude],
    );
    return id;
  });
}

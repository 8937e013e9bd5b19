import type { RegularSeries, Seasonality, ValueBelief } from '@flexmeasures/domain';
import type { EntityManager } from 'typeorm';
import { FORECASTER, SCRIPT_SOURCE_TYPES } from './forecaster-source';

const MINUTE = 60_000;

/** What forecasting needs to know about a sensor (asset, market or weather sensor). */
export interface ForecastSensor {
  readonly id: number;
  readonly kind: 'asset' | 'market' | 'weather_sensor';
  readonly name: string;
  readonly unit: string;
  readonly resolutionMs: number;
  readonly seasonality: Seasonality;
  /** Assets: their type; weather sensors: the weather sensor type (e.g. radiation). */
  readonly typeName: string;
  /** Assets and weather sensors. */
  readonly location?: { readonly latitude: number; readonly longitude: number };
  /** Assets. */
  readonly ownerId?: number;
  readonly capacityMw?: number;
  readonly isConsumer?: boolean;
  readonly isProducer?: boolean;
}

export interface KnownAtQuery {
  readonly sensorId: number;
  /** Events starting in [startMs, endMs). */
  readonly startMs: number;
  readonly endMs: number;
  /** Only beliefs formed at or before this instant. */
  readonly knownAtMs: number;
}

/** A forecast next to the measurement of its event (null where either is missing). */
export interface ForecastPairs {
  readonly forecasts: readonly (number | null)[];
  readonly actuals: readonly (number | null)[];
}

const iso = (ms: number) => new Date(ms).toISOString();

const EPOCH_MS = (column: string) => `date_part('epoch', ${column}) * 1000`;

/** The reads of forecasting, in set-based SQL: a sensor's outcomes and weather beliefs as known at a time, and forecast/measurement pairs. */
export class ForecastingRepository {
  async sensor(manager: EntityManager, sensorId: number): Promise<ForecastSensor | undefined> {
    const [row] = await manager.query(
      `SELECT s.id, s.kind, s.name, s.unit, s.event_resolution_minutes,
              a.asset_type_name, a.owner_id, a.capacity_in_mw, a.latitude AS asset_lat, a.longitude AS asset_lng,
              t.is_consumer, t.is_producer, t.daily_seasonality AS asset_daily, t.weekly_seasonality AS asset_weekly,
              mt.daily_seasonality AS market_daily, mt.weekly_seasonality AS market_weekly,
              w.weather_sensor_type_name, w.latitude AS weather_lat, w.longitude AS weather_lng
         FROM sensor s
         LEFT JOIN asset a ON a.id = s.id LEFT JOIN asset_type t ON t.name = a.asset_type_name
         LEFT JOIN market m ON m.id = s.id LEFT JOIN market_type mt ON mt.name = m.market_type_name
         LEFT JOIN weather_sensor w ON w.id = s.id
        WHERE s.id = $1`,
      [sensorId],
    );
    if (!row) return undefined;
    const base = { id: Number(row.id), name: String(row.name), unit: String(row.unit), resolutionMs: Number(row.event_resolution_minutes) * MINUTE };
    if (row.kind === 'asset') {
      return {
        ...base,
        kind: 'asset',
        typeName: String(row.asset_type_name),
        seasonality: { daily: Boolean(row.asset_daily), weekly: Boolean(row.asset_weekly) },
        location: { latitude: Number(row.asset_lat), longitude: Number(row.asset_lng) },
        ownerId: Number(row.owner_id),
        capacityMw: Number(row.capacity_in_mw),
        isConsumer: Boolean(row.is_consumer),
        isProducer: Boolean(row.is_producer),
      };
    }
    if (row.kind === 'market') {
      return { ...base, kind: 'market', typeName: 'market', seasonality: { daily: Boolean(row.market_daily), weekly: Boolean(row.market_weekly) } };
    }
    // Weather follows the sun: a daily pattern, no weekly one.
    return {
      ...base,
      kind: 'weather_sensor',
      typeName: String(row.weather_sensor_type_name),
      seasonality: { daily: true, weekly: false },
      location: { latitude: Number(row.weather_lat), longitude: Number(row.weather_lng) },
    };
  }

  /** Resolutions of sensors, by id (sensors that do not exist are left out). */
  async resolutions(manager: EntityManager, sensorIds: readonly number[]): Promise<Map<number, number>> {
    const rows: { id: number; minutes: number }[] = await manager.query('SELECT id, event_resolution_minutes AS minutes FROM sensor WHERE id = ANY($1::int[])', [sensorIds]);
    return new Map(rows.map((row) => [Number(row.id), Number(row.minutes) * MINUTE]));
  }

  /**
   * The outcomes of events in [start, end) on the sensor's grid as known at
   * `knownAtMs`: per event, the latest belief formed by then (ties: the
   * highest source id) of any source but the platform's own scripts; null
   * where none.
   */
  async outcomesKnownAt(manager: EntityManager, query: KnownAtQuery & { readonly resolutionMs: number }): Promise<RegularSeries> {
    const [row] = await manager.query(
      `SELECT json_build_object('starts', coalesce(json_agg(ms), '[]'), 'values', coalesce(json_agg(value), '[]'))::text AS series
         FROM (SELECT DISTINCT ON (event_start) ${EPOCH_MS('event_start')} AS ms, event_value AS value
                 FROM timed_belief
                WHERE sensor_id = $1 AND event_start >= $2::timestamptz AND event_start < $3::timestamptz AND belief_time <= $4::timestamptz
                  AND cumulative_probability = 0.5 AND NOT (source_id = ANY($5::int[]))
                ORDER BY event_start DESC, belief_time DESC, source_id DESC) latest`,
      [query.sensorId, iso(query.startMs), iso(query.endMs), iso(query.knownAtMs), await this.scriptSourceIds(manager)],
    );
    const { starts, values } = JSON.parse(row.series) as { starts: number[]; values: number[] };
    const series: (number | null)[] = new Array<number | null>(Math.round((query.endMs - query.startMs) / query.resolutionMs)).fill(null);
    starts.forEach((ms, i) => {
      const index = (ms - query.startMs) / query.resolutionMs;
      if (Number.isInteger(index)) series[index] = values[i];
    });
    return { startMs: query.startMs, resolutionMs: query.resolutionMs, values: series };
  }

  /**
   * The beliefs about events in [start, end) formed at or before
   * `knownAtMs` (the medians, of any source but the platform's own scripts),
   * in a stable order: the weather forecasts a forecast may use as they were
   * known at each of its belief times.
   *
   * With `usedFor`, only those a forecast with that horizon can use: an
   * outcome event o overlapping weather event w is forecast at
   * end(o) − horizon, which lies in (start(w) − horizon, end(w) + outcome
   * resolution − horizon]. Per weather event that needs the latest belief
   * formed by the lower end and every belief formed between the two ends —
   * typically 1 or 2 of the ~10 forecasts issued for each event.
   */
  async beliefsKnownAt(manager: EntityManager, query: KnownAtQuery & { readonly usedFor?: { readonly horizonMs: number; readonly resolutionMs: number; readonly outcomeResolutionMs: number } }): Promise<ValueBelief[]> {
    const params: unknown[] = [query.sensorId, iso(query.startMs), iso(query.endMs), iso(query.knownAtMs), await this.scriptSourceIds(manager)];
    let select = `SELECT event_start, belief_time, source_id, event_value FROM timed_belief
                   WHERE sensor_id = $1 AND event_start >= $2::timestamptz AND event_start < $3::timestamptz AND belief_time <= $4::timestamptz
                     AND cumulative_probability = 0.5 AND NOT (source_id = ANY($5::int[]))`;
    if (query.usedFor !== undefined) {
      const { horizonMs, resolutionMs, outcomeResolutionMs } = query.usedFor;
      params.push(-horizonMs, resolutionMs + outcomeResolutionMs - horizonMs);
      select = `(SELECT DISTINCT ON (event_start) * FROM (${select}) early WHERE belief_time <= event_start + $6 * interval '1 millisecond'
                  ORDER BY event_start DESC, belief_time DESC, source_id DESC)
                UNION ALL
                (${select} AND belief_time > event_start + $6 * interval '1 millisecond' AND belief_time <= event_start + $7 * interval '1 millisecond')`;
    }
    const [row] = await manager.query(
      `SELECT json_build_object('events', coalesce(json_agg(${EPOCH_MS('event_start')}), '[]'), 'beliefs', coalesce(json_agg(${EPOCH_MS('belief_time')}), '[]'),
                                'values', coalesce(json_agg(event_value), '[]'))::text AS beliefs
         FROM (SELECT * FROM (${select}) used ORDER BY event_start, belief_time, source_id) known`,
      params,
    );
    const { events, beliefs, values } = JSON.parse(row.beliefs) as { events: number[]; beliefs: number[]; values: number[] };
    return events.map((eventStartMs, i) => ({ eventStartMs, beliefTimeMs: beliefs[i], value: values[i] }));
  }

  /**
   * Per event in [start, end): the forecaster's median believed exactly
   * `horizonMs` before the event ended (of any model; ties: the newest
   * source), and the measurement: the latest belief of any source but the
   * platform's own scripts.
   */
  async forecastPairs(manager: EntityManager, query: { sensorId: number; startMs: number; endMs: number; resolutionMs: number; horizonMs: number }): Promise<ForecastPairs> {
    const forecasters: { id: number }[] = await manager.query('SELECT id FROM data_source WHERE name = $1 AND type = $2', [FORECASTER.name, FORECASTER.type]);
    const [row] = await manager.query(
      `WITH forecast AS (
         SELECT DISTINCT ON (event_start) event_start, event_value
           FROM timed_belief
          WHERE sensor_id = $1 AND event_start >= $2::timestamptz AND event_start < $3::timestamptz AND cumulative_probability = 0.5
            AND source_id = ANY($4::int[]) AND belief_time = event_start + $5 * interval '1 millisecond'
          ORDER BY event_start, source_id DESC),
       actual AS (
         SELECT DISTINCT ON (event_start) event_start, event_value
           FROM timed_belief
          WHERE sensor_id = $1 AND event_start >= $2::timestamptz AND event_start < $3::timestamptz AND cumulative_probability = 0.5
            AND NOT (source_id = ANY($6::int[]))
          ORDER BY event_start DESC, belief_time DESC, source_id DESC)
       SELECT json_build_object('forecasts', coalesce(json_agg(forecast.event_value), '[]'), 'actuals', coalesce(json_agg(actual.event_value), '[]'))::text AS pairs
         FROM forecast FULL JOIN actual USING (event_start)`,
      [query.sensorId, iso(query.startMs), iso(query.endMs), forecasters.map((f) => Number(f.id)), query.resolutionMs - query.horizonMs, await this.scriptSourceIds(manager)],
    );
    return JSON.parse(row.pairs) as ForecastPairs;
  }

  private async scriptSourceIds(manager: EntityManager): Promise<number[]> {
    const rows: { id: number }[] = await manager.query('SELECT id FROM data_source WHERE type = ANY($1::text[])', [SCRIPT_SOURCE_TYPES]);
    return rows.map((row) => Number(row.id));
  }
}

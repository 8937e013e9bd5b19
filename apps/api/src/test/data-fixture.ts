import { insertWeatherSensor } from '@flexmeasures/testing';
import { addStructure, AssetsService, STORAGE_ASSET_TYPES } from '@flexmeasures/assets';
import type { Database } from '@flexmeasures/persistence';
import { DATABASE } from '@flexmeasures/server-core';
import type { Response } from 'supertest';
import type { DataSource } from 'typeorm';
import { AuthFixture } from './auth-fixture';

/**
 * The seed's addresses are written under two naming authorities (§14–20):
 * `ea1.2018-06.localhost:…` and `ea1.2018-06.io.flexmeasures.company:…`.
 * The platform takes its authority from the Host header, so both are served
 * by one api: send the matching host with each request.
 */
export const HOSTS = { localhost: 'localhost', company: 'company.flexmeasures.io' } as const;
export type HostName = keyof typeof HOSTS;
export const PREFIX: Readonly<Record<HostName, string>> = {
  localhost: 'ea1.2018-06.localhost',
  company: 'ea1.2018-06.io.flexmeasures.company',
};
export const HOSTS_AND_AUTH_START = JSON.stringify({ localhost: '2018-06', 'company.flexmeasures.io': '2018-06' });

export type Version = 'v1' | 'v1_1' | 'v1_2' | 'v1_3' | 'v2_0';
export type PostService = 'postMeterData' | 'postPrognosis' | 'postPriceData' | 'postWeatherData';
export type GetService = 'getMeterData' | 'getPrognosis';

export interface TestUser {
  readonly id: number;
  readonly email: string;
  readonly token: string;
}

export interface NewAsset {
  readonly owner: number;
  /** Asset type of the seed's structure: charging_station/building (consumers), solar/wind (producers), battery (both). */
  readonly type?: string;
  readonly resolutionMinutes?: number;
  readonly unit?: string;
  readonly name?: string;
}

/** One stored belief as the tests read it back (epoch ms for times). */
export interface BeliefRow {
  readonly sensorId: number;
  readonly eventStart: string;
  readonly beliefTime: string;
  readonly sourceId: number;
  readonly value: number;
}

export interface RequestOptions {
  readonly token: string;
  readonly host?: HostName;
}

let counter = 0;

/**
 * An api on a fresh embedded database with the seed's structure (asset
 * types, the epex_da market, weather sensor types), plus helpers to make
 * users, assets, markets and weather sensors and to call the time-series
 * services the way the seed's examples do.
 */
export class DataFixture {
  readonly auth = new AuthFixture();
  db!: DataSource;

  async start(env: Record<string, string> = {}): Promise<this> {
    await this.auth.start({ FLEXMEASURES_HOSTS_AND_AUTH_START: HOSTS_AND_AUTH_START, SECURITY_LOGIN_ATTEMPTS_PER_EMAIL: '50', ...env });
    this.db = this.auth.app.get<Database>(DATABASE).dataSource;
    await addStructure(this.db);
    return this;
  }

  stop(): Promise<void> {
    return this.auth.stop();
  }

  async user(email: string, roles: string[]): Promise<TestUser> {
    const id = await this.auth.user(email, roles);
    return { id, email, token: await this.auth.token(email) };
  }

  async marketId(name: string): Promise<number> {
    const [row] = await this.db.query('SELECT id FROM market WHERE name = $1', [name]);
    return Number(row.id);
  }

  /** An asset (a sensor of kind 'asset'), made through the assets service, as POST /api/v2_0/assets does. */
  async asset(spec: NewAsset): Promise<number> {
    const created = await this.auth.app.get(AssetsService).create({
      name: spec.name ?? `asset ${++counter}`,
      asset_type: spec.type ?? 'charging_station',
      unit: spec.unit ?? 'MW',
      owner: spec.owner,
      market: await this.marketId('epex_da'),
      event_resolution: spec.resolutionMinutes ?? 15,
      capacity_in_mw: 1000,
      latitude: 33.5,
      longitude: 126.5,
      // Storage assets need their state-of-charge bounds.
      ...(STORAGE_ASSET_TYPES.includes(spec.type ?? '') ? { min_soc_in_mwh: 0, max_soc_in_mwh: 10 } : {}),
    });
    return created.id;
  }

  /** The full address of an asset: `<prefix>:<owner id>:<asset id>`. */
  static connection(owner: number, asset: number, host: HostName = 'localhost'): string {
    return `${PREFIX[host]}:${owner}:${asset}`;
  }

  /** A market that the structure does not have (e.g. the seed's kpx_da in KRW/kWh), straight in the database. */
  async market(name: string, unit: string, resolutionMinutes = 60): Promise<number> {
    return this.db.transaction(async (m) => {
      const [{ id }] = await m.query(`INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('market', $1, $2, $3) RETURNING id`, [
        name,
        unit,
        resolutionMinutes,
      ]);
      await m.query(`INSERT INTO market (id, name, display_name, market_type_name) VALUES ($1, $2, $2, 'day_ahead')`, [id, name]);
      return Number(id);
    });
  }

  /** A weather sensor straight in the database. */
  weatherSensor(type: string, latitude: number, longitude: number, unit: string, resolutionMinutes = 15): Promise<number> {
    return insertWeatherSensor(this.db, { type, latitude, longitude, unit, resolutionMinutes });
  }

  post(version: Version, service: PostService | 'getMeterData', body: unknown, options: RequestOptions): Promise<Response> {
    return this.auth
      .http()
      .post(`/api/${version}/${service}`)
      .set('Authorization', options.token)
      .set('Host', HOSTS[options.host ?? 'localhost'])
      .send(body as object);
  }

  /** A GET with the message in the query string (lists comma-separated), as most clients send it. */
  get(version: Version, service: GetService, message: Record<string, unknown>, options: RequestOptions): Promise<Response> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(message)) query.set(key, Array.isArray(value) ? value.join(',') : String(value));
    return this.auth
      .http()
      .get(`/api/${version}/${service}?${query}`)
      .set('Authorization', options.token)
      .set('Host', HOSTS[options.host ?? 'localhost']);
  }

  /** A GET with the message as a JSON body, as the seed's examples show it. */
  getWithBody(version: Version, service: GetService, message: object, options: RequestOptions): Promise<Response> {
    return this.auth
      .http()
      .get(`/api/${version}/${service}`)
      .set('Authorization', options.token)
      .set('Host', HOSTS[options.host ?? 'localhost'])
      .send(message);
  }

  /** Stored beliefs of one sensor, ordered by event start, belief time and source. */
  async beliefs(sensorId: number): Promise<BeliefRow[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT sensor_id, event_start, belief_time, source_id, event_value FROM timed_belief WHERE sensor_id = $1 ORDER BY event_start, belief_time, source_id`,
      [sensorId],
    );
    return rows.map((row) => ({
      sensorId: Number(row.sensor_id),
      eventStart: iso(row.event_start),
      beliefTime: iso(row.belief_time),
      sourceId: Number(row.source_id),
      value: Number(row.event_value),
    }));
  }

  /** All stored beliefs, or those of some sensors. */
  async countBeliefs(sensorIds?: readonly number[]): Promise<number> {
    const [row] =
      sensorIds === undefined
        ? await this.db.query('SELECT count(*)::int AS n FROM timed_belief')
        : await this.db.query('SELECT count(*)::int AS n FROM timed_belief WHERE sensor_id = ANY($1::int[])', [sensorIds]);
    return Number(row.n);
  }

  /** The data source of a user's posts. */
  async sourceOf(userId: number): Promise<number> {
    const [row] = await this.db.query(`SELECT id FROM data_source WHERE type = 'user' AND user_id = $1`, [userId]);
    return Number(row.id);
  }
}

/** Timestamps from the database as `2015-01-01T00:00:00Z`. */
export function iso(value: unknown): string {
  return new Date(value as string | Date).toISOString().replace('.000Z', 'Z');
}

/** Deep copy of a seed example with its placeholder strings (e.g. "CS 1") replaced by real ones. */
export function substitute<T>(example: T, replacements: Readonly<Record<string, string>>): T {
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') return replacements[value] ?? value;
    if (Array.isArray(value)) return value.map(visit);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v)]));
    return value;
  };
  return visit(example) as T;
}

/** An error answer: the HTTP status, the status name, and a message a person can act on. */
export function expectError(response: Response, httpStatus: number, statusName: string): void {
  expect({ http: response.status, status: response.body.status }).toEqual({ http: httpStatus, status: statusName });
  expect(typeof response.body.message).toBe('string');
  expect(String(response.body.message).length).toBeGreaterThan(10);
}

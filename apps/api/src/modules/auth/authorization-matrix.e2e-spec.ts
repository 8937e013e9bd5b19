import { addStructure, AssetsService } from '@flexmeasures/assets';
import { insertWeatherSensor } from '@flexmeasures/testing';
import { ACCESS_TABLE, AccessKey, AccessRule, QueueName } from '@flexmeasures/contracts';
import type { Database } from '@flexmeasures/persistence';
import type { JobQueue } from '@flexmeasures/jobs';
import { DATABASE, JOB_QUEUE } from '@flexmeasures/server-core';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import jwt from 'jsonwebtoken';
import { AuthFixture } from '../../test/auth-fixture';
import { ACCESS_METADATA } from './access.decorator';

jest.setTimeout(120_000);

type Principal = 'none' | 'expired' | 'tampered' | 'revoked' | 'deactivated' | 'noRole' | 'wrongRole' | 'otherProsumer' | 'owner' | 'admin';
const PRINCIPALS: Principal[] = ['none', 'expired', 'tampered', 'revoked', 'deactivated', 'noRole', 'wrongRole', 'otherProsumer', 'owner', 'admin'];

/** The role each signed-in principal has (wrongRole is an MDC: right for data services, wrong for admin ones). */
const ROLE_OF: Partial<Record<Principal, string>> = { owner: 'Prosumer', otherProsumer: 'Prosumer', wrongRole: 'MDC', admin: 'admin' };

interface Ids {
  owner: number;
  target: number;
  market: number;
  asset: number;
  /** The owner's batteries: one that receives UDI events, one whose UDI event 1 has a schedule. */
  battery: number;
  scheduled: number;
  /** Makes a fresh asset of the owner (for deletions, which succeed only once). */
  newAsset: () => Promise<number>;
  /** Makes a fresh user without roles (for deletions). */
  newUser: () => Promise<number>;
}

interface Row {
  readonly route: string; // "METHOD /path/:param"
  readonly key: AccessKey;
  readonly path: (ids: Ids) => string | Promise<string>;
  readonly body?: object | ((ids: Ids) => object);
  /** Status when the caller is let in. */
  readonly success: number;
  /** Where a let-in caller gets another answer, e.g. 400 for someone else's asset. */
  readonly successFor?: Partial<Record<Principal, number>>;
}

const PREFIX = 'ea1.2021-01.io.flexmeasures';
const window = { start: '2021-01-01T00:00:00Z', duration: 'PT30M' };
/** Admitted by role, but the asset is the owner's: unrecognised for everyone else but the admin. */
const OWNERS_ASSET = { otherProsumer: 400, wrongRole: 400 };

function dataRows(service: string, versions: string[], method: 'GET' | 'POST', key: AccessKey, body: (ids: Ids) => object, successFor?: Row['successFor']): Row[] {
  return versions.map((version) => ({
    route: `${method} /api/${version}/${service}`,
    key,
    path: (ids: Ids) => (method === 'GET' ? `/api/${version}/${service}?${new URLSearchParams(body(ids) as Record<string, string>)}` : `/api/${version}/${service}`),
    ...(method === 'POST' ? { body } : {}),
    success: 200,
    ...(successFor ? { successFor } : {}),
  }));
}

const ALL_VERSIONS = ['v1', 'v1_1', 'v1_2', 'v1_3', 'v2_0'];
const FROM_V1_1 = ['v1_1', 'v1_2', 'v1_3', 'v2_0'];
const meter = (ids: Ids) => ({ type: 'PostMeterDataRequest', connection: `${PREFIX}:${ids.owner}:${ids.asset}`, values: [-1, -2], ...window, horizon: 'PT0H', unit: 'MW' });
const prognosis = (ids: Ids) => ({ ...meter(ids), type: 'PostPrognosisRequest', horizon: 'PT1H' });
const prices = () => ({ type: 'PostPriceDataRequest', market: `${PREFIX}:epex_da`, value: 50, start: '2021-01-01T00:00:00Z', duration: 'PT1H', horizon: 'PT12H', unit: 'EUR/MWh' });
const weather = () => ({ type: 'PostWeatherDataRequest', sensor: `${PREFIX}:temperature:52:5`, values: [10, 11], ...window, horizon: 'PT0H', unit: '°C' });
const getMeter = (ids: Ids) => ({ type: 'GetMeterDataRequest', connection: `${PREFIX}:${ids.owner}:${ids.asset}`, ...window, unit: 'MW' });
const getPrognosis = (ids: Ids) => ({ ...getMeter(ids), type: 'GetPrognosisRequest' });
let udiEvent = 100;
/** Each call a newer event id, so every admitted caller's event is new. */
const udiEventBody = (ids: Ids) => ({ type: 'PostUdiEventRequest', event: `${PREFIX}:${ids.owner}:${ids.battery}:${++udiEvent}:soc`, value: 1, unit: 'MWh', datetime: '2021-01-01T00:00:00Z' });
const deviceMessage = (ids: Ids) => ({ type: 'GetDeviceMessageRequest', event: `${PREFIX}:${ids.owner}:${ids.scheduled}:1`, duration: 'PT1H' });
const CONTROL_VERSIONS = ['v1_2', 'v1_3', 'v2_0'];

/** Other methods on the data services' paths: INVALID_METHOD for anyone. */
function wrongMethodRows(): Row[] {
  const paths = [
    ...ALL_VERSIONS.flatMap((v) => [`/api/${v}/postMeterData`, `/api/${v}/getMeterData`]),
    ...FROM_V1_1.flatMap((v) => [`/api/${v}/postPrognosis`, `/api/${v}/postPriceData`, `/api/${v}/postWeatherData`, `/api/${v}/getPrognosis`]),
    ...CONTROL_VERSIONS.flatMap((v) => [`/api/${v}/postUdiEvent`, `/api/${v}/getDeviceMessage`]),
  ];
  return paths.map((path) => ({ route: `ALL ${path}`, key: 'api.wrongMethod', path: () => path, success: 405 }));
}

let assetCounter = 0;
const assetBody = (ids: Ids) => ({
  name: `matrix asset ${++assetCounter}`,
  asset_type: 'solar',
  unit: 'MW',
  owner: ids.owner,
  market: ids.market,
  event_resolution: 15,
  capacity_in_mw: 1,
  latitude: 52,
  longitude: 5,
});

/** Every endpoint, with a request that succeeds for an admitted caller. */
const ROWS: Row[] = [
  { route: 'GET /api/health', key: 'health.live', path: () => '/api/health', success: 200 },
  { route: 'GET /api/health/ready', key: 'health.ready', path: () => '/api/health/ready', success: 200 },
  { route: 'GET /api/platform', key: 'platform.info', path: () => '/api/platform', success: 200 },
  { route: 'POST /api/requestAuthToken', key: 'auth.requestAuthToken', path: () => '/api/requestAuthToken', body: { email: 'login@example.com', password: 'Correct-Horse-42' }, success: 200 },
  { route: 'POST /api/password-reset/request', key: 'auth.requestPasswordReset', path: () => '/api/password-reset/request', body: { email: 'nobody@example.com' }, success: 202 },
  // A public endpoint: an invalid link is the caller's mistake (400) whoever calls.
  { route: 'POST /api/password-reset', key: 'auth.resetPassword', path: () => '/api/password-reset', body: { token: 'not-a-token', password: 'Another-Horse-43' }, success: 400 },
  { route: 'GET /api/whoami', key: 'auth.whoami', path: () => '/api/whoami', success: 200 },
  { route: 'POST /api/session', key: 'auth.login', path: () => '/api/session', body: { email: 'session@example.com', password: 'Correct-Horse-42' }, success: 200 },
  { route: 'DELETE /api/session', key: 'auth.logout', path: () => '/api/session', success: 204 },
  { route: 'POST /api/session/token', key: 'auth.sessionToken', path: () => '/api/session/token', success: 200 },
  { route: 'POST /api/ops/ping-job', key: 'ops.pingJob', path: () => '/api/ops/ping-job', success: 200 },
  { route: 'GET /api/ops/queues', key: 'ops.queues', path: () => '/api/ops/queues', success: 200 },
  { route: 'GET /api/ops/task-runs', key: 'ops.taskRuns', path: () => '/api/ops/task-runs', success: 200 },
  { route: 'GET /api/v2_0/users', key: 'users.list', path: () => '/api/v2_0/users', success: 200 },
  { route: 'GET /api/v2_0/user/:id', key: 'users.get', path: (ids) => `/api/v2_0/user/${ids.owner}`, success: 200 },
  { route: 'PATCH /api/v2_0/user/:id', key: 'users.patch', path: (ids) => `/api/v2_0/user/${ids.owner}`, body: { timezone: 'Europe/Amsterdam' }, success: 200 },
  { route: 'PATCH /api/v2_0/user/:id/password-reset', key: 'users.passwordReset', path: (ids) => `/api/v2_0/user/${ids.target}/password-reset`, success: 200 },
  { route: 'DELETE /api/v2_0/user/:id', key: 'users.delete', path: async (ids) => `/api/v2_0/user/${await ids.newUser()}`, success: 204 },
  { route: 'GET /api/v2_0/assets', key: 'assets.list', path: () => '/api/v2_0/assets', success: 200 },
  { route: 'POST /api/v2_0/assets', key: 'assets.create', path: () => '/api/v2_0/assets', body: assetBody, success: 201 },
  { route: 'GET /api/v2_0/asset/:id', key: 'assets.get', path: (ids) => `/api/v2_0/asset/${ids.asset}`, success: 200 },
  { route: 'PATCH /api/v2_0/asset/:id', key: 'assets.patch', path: (ids) => `/api/v2_0/asset/${ids.asset}`, body: { latitude: 11.1 }, success: 200 },
  { route: 'DELETE /api/v2_0/asset/:id', key: 'assets.delete', path: async (ids) => `/api/v2_0/asset/${await ids.newAsset()}`, success: 204 },
  { route: 'GET /api/v2_0/asset/:id/state', key: 'assets.state', path: (ids) => `/api/v2_0/asset/${ids.asset}/state`, success: 200 },
  ...['v1', 'v1_1', 'v1_2', 'v1_3', 'v2_0'].map((version): Row => ({
    route: `GET /api/${version}/getService`,
    key: 'services.get',
    path: () => `/api/${version}/getService`,
    success: 200,
  })),
  ...['v1_1', 'v1_2', 'v1_3', 'v2_0'].map((version): Row => ({
    route: `GET /api/${version}/getConnection`,
    key: 'connections.get',
    path: () => `/api/${version}/getConnection`,
    success: 200,
  })),
  { route: 'GET /api', key: 'api.versions', path: () => '/api/', success: 200 },
  ...dataRows('postMeterData', ALL_VERSIONS, 'POST', 'data.postMeterData', meter, OWNERS_ASSET),
  ...dataRows('postPrognosis', FROM_V1_1, 'POST', 'data.postPrognosis', prognosis, OWNERS_ASSET),
  ...dataRows('postPriceData', FROM_V1_1, 'POST', 'data.postPriceData', prices),
  ...dataRows('postWeatherData', FROM_V1_1, 'POST', 'data.postWeatherData', weather),
  { route: 'POST /api/v2_0/upload/beliefs', key: 'data.uploadBeliefs', path: (ids) => `/api/v2_0/upload/beliefs?sensor=${ids.asset}&horizon=PT0H`, body: Buffer.from('datetime,value\n2021-01-01T00:00:00Z,-1\n'), success: 200, successFor: OWNERS_ASSET },
  ...dataRows('getMeterData', ALL_VERSIONS, 'GET', 'data.getMeterData', getMeter, OWNERS_ASSET),
  ...dataRows('getMeterData', ['v1'], 'POST', 'data.getMeterData', getMeter, OWNERS_ASSET),
  ...dataRows('getPrognosis', FROM_V1_1, 'GET', 'data.getPrognosis', getPrognosis, OWNERS_ASSET),
  ...dataRows('postUdiEvent', CONTROL_VERSIONS, 'POST', 'control.postUdiEvent', udiEventBody, OWNERS_ASSET),
  ...dataRows('getDeviceMessage', CONTROL_VERSIONS, 'GET', 'control.getDeviceMessage', deviceMessage, OWNERS_ASSET),
  // The owner's asset: admitted by the 'owner' rule, then only its owner and admins (markets and weather sensors: any user, see forecasting.e2e-spec).
  {
    route: 'GET /api/v2_0/sensors/:id/forecast-accuracy',
    key: 'forecasting.accuracy',
    path: (ids) => `/api/v2_0/sensors/${ids.asset}/forecast-accuracy?start=2021-01-01T00:00:00Z&end=2021-01-02T00:00:00Z`,
    success: 200,
  },
  ...wrongMethodRows(),
];

const BAD_TOKENS: Principal[] = ['none', 'expired', 'tampered', 'revoked', 'deactivated'];

/** What the rule says each caller gets. */
function expectedStatus(rule: AccessRule, principal: Principal, row: Row): number {
  const success = row.successFor?.[principal] ?? row.success;
  if (rule.kind === 'public') return row.success;
  if (BAD_TOKENS.includes(principal)) return 401;
  switch (rule.kind) {
    case 'authenticated':
      return success;
    case 'owner':
      return principal === 'admin' || principal === 'owner' ? success : 403;
    case 'task-check-token':
      return principal === 'admin' ? success : 403;
    case 'roles':
      if ((rule.roles as readonly string[]).includes(ROLE_OF[principal] ?? '')) return success;
      return rule.self && principal === 'owner' ? success : 403;
  }
}

/** Every route the api serves, read from the controllers' metadata. */
function servedRoutes(fixture: AuthFixture): { route: string; key?: string }[] {
  const routes: { route: string; key?: string }[] = [];
  for (const module of fixture.app.get(ModulesContainer).values()) {
    for (const controller of module.controllers.values()) {
      const type = controller.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const subs = [Reflect.getMetadata(PATH_METADATA, handler) ?? ''].flat() as string[];
        for (const sub of subs) {
          const path = `/${[base, sub].filter((part) => part && part !== '/').join('/')}`.replace(/\/+/g, '/');
          routes.push({ route: `${method} ${path}`, key: Reflect.getMetadata(ACCESS_METADATA, handler) ?? Reflect.getMetadata(ACCESS_METADATA, type) });
        }
      }
    }
  }
  return routes;
}

describe('authorisation matrix', () => {
  const fixture = new AuthFixture();
  const tokens = {} as Record<Principal, string | undefined>;
  const ids = {} as Ids;

  beforeAll(async () => {
    // A 2-hour planning horizon: the schedules below need prices for two hours only.
    // Token and session requests of every row come from one address.
    await fixture.start({ SECURITY_LOGIN_ATTEMPTS_PER_EMAIL: '20', SECURITY_LOGIN_ATTEMPTS_PER_ADDRESS: '100', FLEXMEASURES_PLANNING_HORIZON: 'PT2H' });
    await fixture.user('login@example.com');
    await fixture.user('session@example.com');
    let userCounter = 0;
    ids.newUser = () => fixture.user(`deletable-${++userCounter}@example.com`);
    await fixture.user('admin@example.com', ['admin']);
    ids.owner = await fixture.user('owner@example.com', ['Prosumer']);
    await fixture.user('other@example.com', ['Prosumer']);
    await fixture.user('mdc@example.com', ['MDC']);
    const revokedId = await fixture.user('revoked@example.com', ['admin']);
    const deactivatedId = await fixture.user('deactivated@example.com', ['admin']);
    ids.target = await fixture.user('target@example.com', ['Prosumer']);
    await addStructure(fixture.app.get<Database>(DATABASE).dataSource);
    const [{ id: market }] = await fixture.app.get<Database>(DATABASE).dataSource.query(`SELECT id FROM market WHERE name = 'epex_da'`);
    ids.market = market;
    const assets = fixture.app.get(AssetsService);
    ids.newAsset = async () => (await assets.create(assetBody(ids))).id;
    ids.asset = await ids.newAsset();
    await insertWeatherSensor(fixture.app.get<Database>(DATABASE).dataSource, { type: 'temperature', latitude: 52, longitude: 5, unit: '°C' });
    const storage = { asset_type: 'battery', min_soc_in_mwh: 0, max_soc_in_mwh: 2 };
    ids.battery = (await assets.create({ ...assetBody(ids), ...storage })).id;
    ids.scheduled = (await assets.create({ ...assetBody(ids), ...storage })).id;

    tokens.none = undefined;
    tokens.admin = await fixture.token('admin@example.com');
    tokens.noRole = await fixture.token('login@example.com');
    tokens.owner = await fixture.token('owner@example.com');
    tokens.otherProsumer = await fixture.token('other@example.com');
    tokens.wrongRole = await fixture.token('mdc@example.com');
    tokens.revoked = await fixture.token('revoked@example.com');
    tokens.deactivated = await fixture.token('deactivated@example.com');
    const [head, body, signature] = tokens.owner.split('.');
    tokens.tampered = `${head}.${body}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    tokens.expired = jwt.sign({ st: 'x' }, fixture.config.security.secretKey, {
      subject: String(ids.owner),
      audience: 'flexmeasures-api',
      expiresIn: -10,
    });
    // Revocation by password reset, deactivation by an admin: both end every token issued before.
    await fixture.http().patch(`/api/v2_0/user/${revokedId}/password-reset`).set('Authorization', tokens.admin).expect(200);
    await fixture.http().patch(`/api/v2_0/user/${deactivatedId}`).set('Authorization', tokens.admin).send({ active: false }).expect(200);
    // Prices, and a UDI event whose job has stored a schedule, for getDeviceMessage to answer with.
    await fixture
      .http()
      .post('/api/v2_0/postPriceData')
      .set('Authorization', tokens.owner)
      .send({ type: 'PostPriceDataRequest', market: `${PREFIX}:epex_da`, values: [40, 60], start: '2021-01-01T00:00:00Z', duration: 'PT2H', unit: 'EUR/MWh' })
      .expect(200);
    await fixture
      .http()
      .post('/api/v1_3/postUdiEvent')
      .set('Authorization', tokens.owner)
      .send({ type: 'PostUdiEventRequest', event: `${PREFIX}:${ids.owner}:${ids.scheduled}:1:soc`, value: 1, unit: 'MWh', datetime: '2021-01-01T00:00:00Z' })
      .expect(200);
    const [{ job_id: jobId }] = await fixture.app.get<Database>(DATABASE).dataSource.query('SELECT job_id FROM udi_event_job WHERE asset_id = $1', [ids.scheduled]);
    expect(await fixture.app.get<JobQueue>(JOB_QUEUE).waitForJob(QueueName.Scheduling, jobId, 30_000)).toMatchObject({ status: 'completed' });
  });
  afterAll(() => fixture.stop());

  it('has a row for every served route, and every route has an access rule', () => {
    const served = servedRoutes(fixture);
    const withoutRule = served.filter((route) => !route.key || !(route.key in ACCESS_TABLE)).map((route) => route.route);
    expect(withoutRule).toEqual([]);
    expect(served.map((route) => route.route).sort()).toEqual(ROWS.map((row) => row.route).sort());
    for (const route of served) expect(ROWS.find((row) => row.route === route.route)?.key).toBe(route.key);
  });

  const cells = ROWS.flatMap((row) => PRINCIPALS.map((principal) => [row.route, principal, row] as const));

  it.each(cells)('%s as %s', async (_route, principal, row) => {
    const rule = ACCESS_TABLE[row.key];
    const verb = row.route.split(' ')[0].toLowerCase();
    const method = (verb === 'all' ? 'put' : verb) as 'get' | 'post' | 'patch' | 'delete' | 'put';
    let call = fixture.http()[method](await row.path(ids));
    const token = tokens[principal];
    if (token) call = call.set('Authorization', token);
    const body = typeof row.body === 'function' ? row.body(ids) : row.body;
    const response = await (body ? call.send(body) : call);
    expect({ status: response.status, body: response.body }).toMatchObject({ status: expectedStatus(rule, principal, row) });
    if (response.status === 401) expect(response.body.status).toBe('UNAUTHORIZED');
    if (response.status === 403) expect(response.body.status).toBe('INVALID_SENDER');
    // A refusal says why and carries none of the resource's data.
    if (response.status === 401 || response.status === 403) expect(Object.keys(response.body).sort()).toEqual(['message', 'status']);
  });
});

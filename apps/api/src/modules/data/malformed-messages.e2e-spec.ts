/**
 * Property-based robustness of the USEF time-series services: tens of
 * thousands of malformed messages, made by fast-check from valid ones
 * (dropped, duplicated and renamed keys, wrong types everywhere, bad
 * durations, timestamps, units and addresses, non-object bodies, prototype
 * keys, very long strings), must each get a 4xx with a {status, message}
 * body, and must leave the database as it was.
 *
 * Speed: requests go straight into the express handler of an in-process app
 * (no socket, no HTTP parsing). Half of the corpus runs on the app of this
 * thread (AuthFixture, TypeScript sources), the other half on a second app in
 * a worker thread (the built dist, on its own embedded database), so both
 * cores work. The code that sends requests and watches the database is one
 * piece of plain JavaScript (RUNNER) shared by both threads.
 *
 * Every write to timed_belief and data_source is counted by a statement
 * trigger with a transition table. Where some messages may be stored (the
 * caller's own sensors) the counter is read after every request: a request
 * not answered 200 must not have written anything, and the rows written by
 * the 200s must add up to the rows in the table. Where nothing may be stored
 * (someone else's asset, unknown markets and sensors, every GET) the tables
 * are hashed before and after, and the counter must not have moved.
 *
 * Reproduce with FM_FUZZ_SEED=<seed printed at the start>; FM_FUZZ_RUNS and
 * FM_FUZZ_OLD_RUNS change the corpus sizes (10,000 per v2_0 POST endpoint and
 * 250 per older endpoint and GET endpoint by default).
 */
import { AccountsService } from '@flexmeasures/accounts';
import { addStructure, AssetsService } from '@flexmeasures/assets';
import type { ApiVersion } from '@flexmeasures/domain';
import { DATABASE } from '@flexmeasures/server-core';
import { insertWeatherSensor, makeTempDir, REPO_ROOT, removeDir } from '@flexmeasures/testing';
import fc from 'fast-check';
import { Worker } from 'node:worker_threads';
import { AuthFixture, PASSWORD } from '../../test/auth-fixture';

jest.setTimeout(600_000);

const SEED = Number(process.env.FM_FUZZ_SEED ?? 20_261_129);
const V2_RUNS = Number(process.env.FM_FUZZ_RUNS ?? 10_000);
const OLD_RUNS = Number(process.env.FM_FUZZ_OLD_RUNS ?? 250);
/** Share of each POST corpus aimed at sensors the caller cannot write to (nothing can be stored). */
const UNREACHABLE_SHARE = 0.3;
/** At most this share of a POST corpus may be accepted (mutations that left the message valid). */
const MAX_ACCEPTED_SHARE = 0.2;

const P = 'ea1.2021-01.io.flexmeasures';
const LEGACY = 'ea1.2018-06.io.flexmeasures';
const MINUTE = 60_000;

// ---------------------------------------------------------------------------
// The shared runner: plain JavaScript, evaluated in this thread and in the worker.
// ---------------------------------------------------------------------------

/** Statement triggers count every committed write to the belief store. */
const WRITE_COUNTER_SQL = [
  'CREATE TABLE fuzz_writes (statements bigint NOT NULL, belief_rows bigint NOT NULL, other_rows bigint NOT NULL)',
  'INSERT INTO fuzz_writes VALUES (0, 0, 0)',
  `CREATE FUNCTION fuzz_note_writes() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE n bigint := (SELECT count(*) FROM changed);
   BEGIN
     UPDATE fuzz_writes SET statements = statements + 1,
       belief_rows = belief_rows + CASE WHEN TG_TABLE_NAME = 'timed_belief' THEN n ELSE 0 END,
       other_rows = other_rows + CASE WHEN TG_TABLE_NAME = 'timed_belief' THEN 0 ELSE n END;
     RETURN NULL;
   END $$`,
  ...['timed_belief', 'data_source'].flatMap((table) => [
    `CREATE TRIGGER fuzz_${table}_ins AFTER INSERT ON ${table} REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION fuzz_note_writes()`,
    `CREATE TRIGGER fuzz_${table}_upd AFTER UPDATE ON ${table} REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION fuzz_note_writes()`,
    `CREATE TRIGGER fuzz_${table}_del AFTER DELETE ON ${table} REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION fuzz_note_writes()`,
  ]),
];

const RUNNER = String.raw`
const http = require('node:http');
const net = require('node:net');

/** One request through the express handler, with a light in-memory request and response. */
function inject(handler, request) {
  return new Promise((resolve, reject) => {
    const req = new http.IncomingMessage(new net.Socket());
    req.method = request.method;
    req.url = request.url;
    const body = request.oversize ? '{"padding":"' + 'x'.repeat(request.oversize) + '"}' : request.body;
    const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
    const headers = { host: 'localhost' };
    if (payload) headers['content-length'] = String(payload.length);
    for (const [name, value] of Object.entries(request.headers || {})) headers[name.toLowerCase()] = value;
    req.headers = headers;
    if (payload) req.push(payload);
    req.push(null);
    const res = new http.ServerResponse(req);
    const chunks = [];
    const timer = setTimeout(() => reject(new Error('no answer within 20 s')), 20000);
    timer.unref();
    const keep = (chunk, encoding) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), typeof encoding === 'string' ? encoding : 'utf8'));
    };
    res.write = (chunk, encoding) => { keep(chunk, encoding); return true; };
    res.end = (chunk, encoding) => {
      keep(chunk, encoding);
      clearTimeout(timer);
      resolve({ status: res.statusCode, contentType: String(res.getHeader('content-type') || ''), text: Buffer.concat(chunks).toString('utf8') });
      return res;
    };
    try {
      handler(req, res, (error) => reject(error || new Error('no route answered ' + request.method + ' ' + request.url)));
    } catch (error) {
      reject(error);
    }
  });
}

const LEAK = /query failed|QueryFailedError|node_modules|\n\s+at [\w.<>$]+ \(|syntax error at or near|violates .* constraint/;

function summarize(response) {
  let parsed;
  try { parsed = JSON.parse(response.text); } catch (error) { parsed = undefined; }
  const body = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
  return {
    status: response.status,
    json: /application\/json/i.test(response.contentType) && parsed !== undefined,
    bodyStatus: typeof body.status === 'string' ? body.status : undefined,
    messageOk: typeof body.message === 'string' && body.message.trim().length > 0,
    leak: LEAK.test(response.text),
    snippet: response.text.slice(0, 400),
  };
}

async function writeCounter(dataSource) {
  const [row] = await dataSource.query('SELECT statements, belief_rows, other_rows FROM fuzz_writes');
  return { statements: Number(row.statements) + Number(row.other_rows), rows: Number(row.belief_rows) };
}

const DIGEST_TABLES = ['timed_belief', 'data_source', 'sensor', 'asset', 'market', 'weather_sensor'];

/** Row count and a hash of every row of the tables a data service could touch. */
async function digest(dataSource) {
  const out = {};
  for (const table of DIGEST_TABLES) {
    const [row] = await dataSource.query('SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, \',\' ORDER BY t::text), \'\')) AS h FROM ' + table + ' t');
    out[table] = row.n + ' rows, md5 ' + row.h;
  }
  return out;
}

/** What must hold for every stored belief, whatever was posted. */
async function invariants(dataSource) {
  const [row] = await dataSource.query(
    "SELECT count(*)::int AS total," +
    " count(*) FILTER (WHERE b.event_value IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8))::int AS nonfinite," +
    " count(*) FILTER (WHERE (extract(epoch FROM b.event_start) * 1000)::numeric % (least(s.event_resolution_minutes, 15) * 60000) <> 0)::int AS offgrid," +
    " count(*) FILTER (WHERE b.cumulative_probability <> 0.5)::int AS probabilistic" +
    " FROM timed_belief b JOIN sensor s ON s.id = b.sensor_id");
  const [sources] = await dataSource.query('SELECT count(*)::int AS n FROM data_source');
  return { beliefs: row.total, nonfinite: row.nonfinite, offgrid: row.offgrid, probabilistic: row.probabilistic, dataSources: sources.n };
}

function prototypeState() {
  return Object.getOwnPropertyNames(Object.prototype).sort().join(',') + ' polluted=' + String(({}).polluted);
}

/**
 * Runs one corpus: every request, the database before and after, and (when
 * some requests may write) the write counter after each request. A corpus
 * that may not write at all is checked by the digest alone, which is cheaper.
 */
async function runTarget(handler, dataSource, requests, mayWrite) {
  const started = Date.now();
  const before = { digest: mayWrite ? undefined : await digest(dataSource), invariants: await invariants(dataSource), prototype: prototypeState(), counter: await writeCounter(dataSource) };
  let counter = before.counter;
  const results = [];
  for (const request of requests) {
    const begun = performance.now();
    let result;
    try {
      result = summarize(await inject(handler, request));
    } catch (error) {
      result = { status: 0, json: false, messageOk: false, leak: false, snippet: 'the handler threw: ' + String((error && error.stack) || error).slice(0, 400) };
    }
    const now = mayWrite ? await writeCounter(dataSource) : counter;
    result.statements = now.statements - counter.statements;
    result.rows = now.rows - counter.rows;
    result.ms = performance.now() - begun;
    counter = now;
    results.push(result);
  }
  const after = { digest: mayWrite ? undefined : await digest(dataSource), invariants: await invariants(dataSource), prototype: prototypeState(), counter: await writeCounter(dataSource) };
  return { results, before, after, ms: Date.now() - started };
}

/** Users, structure, assets, a weather sensor, the write counter and the caller's token. */
async function prepare(app, mods) {
  const dataSource = app.get(mods.DATABASE).dataSource;
  const accounts = app.get(mods.AccountsService);
  const user = async (email) => (await accounts.createUser({ email, username: email.split('@')[0], password: mods.PASSWORD, roles: ['Prosumer'] })).id;
  const owner = await user('fuzz@example.com');
  const other = await user('other@example.com');
  await mods.addStructure(dataSource);
  const [{ id: market }] = await dataSource.query("SELECT id FROM market WHERE name = 'epex_da'");
  const assets = app.get(mods.AssetsService);
  const asset = async (name, type, unit, ownerId, resolution) =>
    (await assets.create({
      name, asset_type: type, unit, owner: ownerId, market, event_resolution: resolution, capacity_in_mw: 10, latitude: 52, longitude: 5,
      ...(type === 'battery' ? { min_soc_in_mwh: 0, max_soc_in_mwh: 5 } : {}),
    })).id;
  const battery = await asset('fuzz battery', 'battery', 'MW', owner, 15);
  const solar = await asset('fuzz solar', 'solar', 'kW', owner, 5);
  const otherBattery = await asset('other battery', 'battery', 'MW', other, 15);
  const spare = await asset('fuzz spare battery', 'battery', 'MW', owner, 15);
  const reader = await asset('fuzz reader battery', 'battery', 'MW', owner, 15);
  const weather = await mods.insertWeatherSensor(dataSource, { type: 'temperature', latitude: 52, longitude: 5, unit: '°C' });
  for (const sql of mods.writeCounterSql) await dataSource.query(sql);
  const handler = app.getHttpAdapter().getInstance();
  const login = await inject(handler, { method: 'POST', url: '/api/requestAuthToken', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'fuzz@example.com', password: mods.PASSWORD }) });
  const token = JSON.parse(login.text).auth_token;
  if (!token) throw new Error('no token: ' + login.text);
  // Ordinary data for the GET corpus to read: three days of meter data and prognoses.
  const values = Array.from({ length: 288 }, (_, i) => (i % 17) - 8);
  for (const [service, type, horizon] of [['postMeterData', 'PostMeterDataRequest', 'PT0H'], ['postPrognosis', 'PostPrognosisRequest', 'PT6H']]) {
    const body = { type, connection: 'ea1.2021-01.io.flexmeasures:' + owner + ':' + reader, values, start: '2021-01-01T00:00:00Z', duration: 'P3D', horizon, unit: 'MW' };
    const posted = await inject(handler, { method: 'POST', url: '/api/v2_0/' + service, headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify(body) });
    if (posted.status !== 200) throw new Error('cannot seed the reader asset: ' + posted.text);
  }
  return { owner, other, battery, solar, otherBattery, spare, reader, market, weather, token };
}

return { inject, runTarget, prepare, digest, invariants, writeCounter };
`;

/** The second app, in a worker thread: the same runner on the built api and its own embedded database. */
const WORKER = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const path = require('node:path');
const fromRoot = createRequire(path.join(workerData.root, 'package.json'));
const runner = new Function('require', workerData.runner)(require);

(async () => {
  const { loadConfig } = fromRoot('@flexmeasures/config');
  const { createApiApp } = fromRoot('./apps/api/dist/create-api-app.js');
  const { AccountsService } = fromRoot('@flexmeasures/accounts');
  const { AssetsService, addStructure } = fromRoot('@flexmeasures/assets');
  const { DATABASE } = fromRoot('@flexmeasures/server-core');
  const dir = workerData.dir;
  const config = loadConfig({ cwd: dir, homeDir: dir, env: workerData.env });
  const { app } = await createApiApp(config);
  await app.init();
  const insertWeatherSensor = (dataSource, s) => dataSource.transaction(async (m) => {
    const name = s.type + ' ' + s.latitude + ' ' + s.longitude;
    const [{ id }] = await m.query("INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('weather_sensor', $1, $2, 15) RETURNING id", [name, s.unit]);
    await m.query('INSERT INTO weather_sensor (id, name, display_name, weather_sensor_type_name, latitude, longitude) VALUES ($1, $2, $2, $3, $4, $5)', [id, name, s.type, s.latitude, s.longitude]);
    return id;
  });
  const ids = await runner.prepare(app, { DATABASE, AccountsService, AssetsService, addStructure, insertWeatherSensor, PASSWORD: workerData.password, writeCounterSql: workerData.writeCounterSql });
  const handler = app.getHttpAdapter().getInstance();
  const dataSource = app.get(DATABASE).dataSource;
  parentPort.on('message', (message) => {
    void (async () => {
      try {
        if (message.kind === 'run') {
          const outcome = await runner.runTarget(handler, dataSource, message.requests, message.mayWrite);
          parentPort.postMessage({ kind: 'done', id: message.id, outcome });
        } else if (message.kind === 'stop') {
          await app.close();
          parentPort.postMessage({ kind: 'stopped' });
        }
      } catch (error) {
        parentPort.postMessage({ kind: 'error', id: message.id, error: String((error && error.stack) || error) });
      }
    })();
  });
  parentPort.postMessage({ kind: 'ready', ids });
})().catch((error) => parentPort.postMessage({ kind: 'error', error: String((error && error.stack) || error) }));
`;

// ---------------------------------------------------------------------------
// Types shared by the threads
// ---------------------------------------------------------------------------

interface Ids {
  readonly owner: number;
  readonly other: number;
  readonly battery: number;
  readonly solar: number;
  readonly otherBattery: number;
  readonly spare: number;
  /** Holds ordinary data for the GET corpus (the POST corpus makes the other assets' data extreme). */
  readonly reader: number;
  readonly market: number;
  readonly weather: number;
  readonly token: string;
}

interface WireRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** A JSON body of this many bytes, made by the runner (not shipped between threads). */
  readonly oversize?: number;
}

interface Result {
  readonly status: number;
  readonly json: boolean;
  readonly bodyStatus?: string;
  readonly messageOk: boolean;
  readonly leak: boolean;
  readonly snippet: string;
  readonly statements: number;
  readonly rows: number;
  /** Time for the request and the write-counter check. */
  readonly ms: number;
}

interface DbState {
  readonly digest?: Record<string, string>;
  /** Committed write statements and belief rows so far. */
  readonly counter: { statements: number; rows: number };
  readonly invariants: { beliefs: number; nonfinite: number; offgrid: number; probabilistic: number; dataSources: number };
  readonly prototype: string;
}

interface Outcome {
  readonly results: Result[];
  readonly before: DbState;
  readonly after: DbState;
  readonly ms: number;
}

interface Runner {
  inject(handler: unknown, request: WireRequest): Promise<{ status: number; contentType: string; text: string }>;
  runTarget(handler: unknown, dataSource: unknown, requests: readonly WireRequest[], mayWrite: boolean): Promise<Outcome>;
  prepare(app: unknown, mods: Record<string, unknown>): Promise<Ids>;
}

function loadRunner(): Runner {
  return new Function('require', RUNNER)(require) as Runner;
}

// ---------------------------------------------------------------------------
// JSON with duplicate keys, own __proto__ keys and raw number tokens
// ---------------------------------------------------------------------------

/** An object as a list of entries, so keys may repeat and `__proto__` is just a key. */
class JObj {
  constructor(readonly entries: readonly (readonly [string, J])[]) {}
}

/** A literal token written as is: 1e999, -0, 1E+2. */
class JRaw {
  constructor(readonly text: string) {}
}

type J = null | boolean | number | string | JRaw | JObj | readonly J[];

function obj(record: Record<string, J | undefined>): JObj {
  return new JObj(Object.entries(record).filter((entry): entry is [string, J] => entry[1] !== undefined));
}

function stringify(j: J): string {
  if (j instanceof JRaw) return j.text;
  if (j instanceof JObj) return `{${j.entries.map(([key, value]) => `${JSON.stringify(key)}:${stringify(value)}`).join(',')}}`;
  if (Array.isArray(j)) return `[${j.map(stringify).join(',')}]`;
  return JSON.stringify(j);
}

/** Entry index in an object, element index in an array. */
type Path = readonly number[];

function children(j: J): readonly J[] {
  if (j instanceof JObj) return j.entries.map(([, value]) => value);
  if (Array.isArray(j)) return j;
  return [];
}

function allPaths(j: J, prefix: Path = []): Path[] {
  return children(j).flatMap((child, i) => [[...prefix, i], ...allPaths(child, [...prefix, i])]);
}

function nodeAt(j: J, path: Path): J {
  return path.reduce<J>((node, i) => children(node)[i], j);
}

function keyAt(j: J, path: Path): string | undefined {
  const parent = nodeAt(j, path.slice(0, -1));
  return parent instanceof JObj ? parent.entries[path[path.length - 1]][0] : undefined;
}

/** A copy with the node at `path` replaced by what `edit` gives (entries: [key, value] pairs; none removes it). */
function editAt(j: J, path: Path, edit: (key: string | undefined, value: J) => readonly (readonly [string | undefined, J])[]): J {
  const [head, ...rest] = path;
  if (j instanceof JObj) {
    const entries = j.entries.flatMap(([key, value], i): (readonly [string, J])[] => {
      if (i !== head) return [[key, value]];
      if (rest.length > 0) return [[key, editAt(value, rest, edit)]];
      return edit(key, value).map(([k, v]) => [k ?? key, v] as const);
    });
    return new JObj(entries);
  }
  if (Array.isArray(j)) {
    return j.flatMap((value, i) => {
      if (i !== head) return [value];
      if (rest.length > 0) return [editAt(value, rest, edit)];
      return edit(undefined, value).map(([, v]) => v);
    });
  }
  return j;
}

function pathsWithKey(j: J, keys: readonly string[]): Path[] {
  return allPaths(j).filter((path) => {
    const key = keyAt(j, path);
    return key !== undefined && keys.includes(key);
  });
}

function addEntry(j: J, key: string, value: J, at: 'start' | 'end' = 'end'): J {
  if (!(j instanceof JObj)) return j;
  return new JObj(at === 'start' ? [[key, value], ...j.entries] : [...j.entries, [key, value]]);
}

function short(j: J, max = 60): string {
  const text = stringify(j);
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

const LONG = 'x'.repeat(30_000);
const HOMOGLYPH = (text: string) => text.replace(/e/, '\u0435').replace(/a/, '\u0430'); // Cyrillic е, а
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'toJSON', 'then'];
const POLLUTERS: J[] = [
  new JObj([['__proto__', obj({ polluted: 'yes', isAdmin: true })]]),
  obj({ constructor: obj({ prototype: obj({ polluted: 'yes' }) }) }),
  new JObj([['__proto__', new JObj([['__proto__', obj({ polluted: 'yes' })]])]]),
];
const WEIRD: J[] = [
  null, true, false, 0, -1, 1.5, new JRaw('1e999'), new JRaw('-1e999'), new JRaw('-0'), 1e308, -1e308, 5e-324, 2 ** 53 + 1,
  '', ' ', 'NaN', 'Infinity', '-Infinity', '1e999', '0x10', '\u0661\u0662', 'null', 'undefined', 'true', '[]', '{}',
  [], [null], [[]], [1, 2, 3], ['a'], obj({}), obj({ value: 1 }), 'x'.repeat(10_000), '\u{1F4A5}'.repeat(100), '\u202e\u0000\ud800',
  "'; DROP TABLE timed_belief; --", '$1', '%s%n', '../../etc/passwd', ...POLLUTERS,
];
const NOISE_KEYS = [...PROTO_KEYS, '', ' ', '\u{1F4A5}', '\u043a\u043b\u044e\u0447', '\u0000', 'Type', 'VALUES', 'Start', 'connection ', 'x'.repeat(300), 'comment', '$where', 'a.b', 'a[b]'];

/** A choice for a field: the value, and whether the message may still be valid with it. */
interface Choice {
  readonly value: J | typeof DROP;
  readonly maybe: boolean;
}
const DROP = Symbol('drop');
const bad = (...values: (J | typeof DROP)[]): Choice[] => values.map((value) => ({ value, maybe: false }));
const maybe = (...values: (J | typeof DROP)[]): Choice[] => values.map((value) => ({ value, maybe: true }));

const BAD_TIMESTAMPS = bad(
  '2021-01-01T00:00:00', '2021-01-01', '2021-01-01T00:00', '0000-01-01T00:00:00Z', '9999-99-99T00:00:00Z', '2021-02-29T00:00:00Z', '2021-01-01T24:00:00Z',
  '2021-01-01T00:00:00+24:00', '2021-01-01T00:00:60Z', '+275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z', 'yesterday', 'now', '', ' ', 'T00:00:00Z',
  '2021-01-01T00:00:00ZZ', '\uff12\uff10\uff12\uff11-01-01T00:00:00Z', '2021-01-01T00:00:00Z\u0000', '2021-1-1T0:0:0Z', '20210101T000000Z', LONG,
  1_609_459_200_000, true, [], obj({}), ['2021-01-01T00:00:00Z'],
);
/** Well-formed but off every sensor's grid (5, 15 and 60 minutes). */
const OFF_GRID = bad('2021-01-01T00:07:00Z', '2021-01-01T00:00:00.5Z', '2021-01-01T00:00:00+00:01', '2021-01-01T00:00:01Z', '2021-01-01T05:30:00+05:31');
const ODD_BUT_VALID_TIMESTAMPS = maybe(
  '2021-01-01T00:00:00z', '2021-01-01 00:00:00Z', '2021-01-01T01:00:00+01:00', '2021-01-01T00:00Z', '2021-01-01T00:00:00,000Z', '2021-01-01T00:00:00+0000',
  '2021-01-01T05:45:00+05:45', '2021-01-01T00:00:00-00:00', '2021-01-01T00:00:00.000000000Z', '9999-12-31T22:00:00Z', '1000-01-01T00:00:00Z', '1969-12-31T00:00:00Z', null,
);
const BAD_DURATIONS = bad(
  'P', 'PT', '-PT15M', 'PT0S', 'PT0.0001S', 'P1M', 'P1Y', 'pt15m', 'PT15m', '15 minutes', 'PT-15M', 'P1DT', 'PTM', 'P0D', '-P0D', 'PT1H30', 'R/PT1H',
  'PT15M/PT15M', 'PT1.5M', 'PT7M', 'PT15,5M', 'P1e3D', 'P99999999999D', `PT${'9'.repeat(20)}H`, `P${'9'.repeat(400)}D`, '', LONG, 900_000, true, [], obj({}), ['PT15M'],
);
const BAD_HORIZONS = bad(
  'P', '', ' ', '6 hours', 'R/', 'R/P', 'RR/PT1H', 'R5/PT1H', 'PT-1H', '--PT1H', 'P1M', 'P1Y', 'P99999999999D', '-P99999999999D', 'P3650000D',
  LONG, 21_600, true, ['PT6H'], obj({}),
);
const BAD_PRIORS = bad('2021-01-01T00:00:00', 'now', '9999-99-99T00:00:00Z', '2020-13-01T00:00:00Z', '', 0, true, [], obj({}), LONG);
const NON_STRINGS = bad(null, 5, true, [], [null], obj({}), [[]], new JRaw('1e999'));

// ---------------------------------------------------------------------------
// Targets and valid base messages
// ---------------------------------------------------------------------------

type Kind = 'meter' | 'prognosis' | 'price' | 'weather';

const POST_KINDS: Record<Kind, { service: string; type: string; field: 'connection' | 'market' | 'sensor' }> = {
  meter: { service: 'postMeterData', type: 'PostMeterDataRequest', field: 'connection' },
  prognosis: { service: 'postPrognosis', type: 'PostPrognosisRequest', field: 'connection' },
  price: { service: 'postPriceData', type: 'PostPriceDataRequest', field: 'market' },
  weather: { service: 'postWeatherData', type: 'PostWeatherDataRequest', field: 'sensor' },
};
const ALL_TYPES = ['PostMeterDataRequest', 'PostPrognosisRequest', 'PostPriceDataRequest', 'PostWeatherDataRequest', 'GetMeterDataRequest', 'GetPrognosisRequest'];

interface Sensor {
  readonly name: string;
  /** Spellings that all name this sensor. */
  readonly addresses: readonly string[];
  readonly resolutionMin: number;
  /** Units a message may state (the first is the sensor's own). */
  readonly units: readonly string[];
  readonly producerOnly: boolean;
}

interface PostTarget {
  readonly kind: Kind;
  readonly version: ApiVersion;
  readonly reachable: boolean;
  readonly ids: Ids;
}

const isV1 = (version: ApiVersion) => version !== 'v2_0';

function powerUnits(version: ApiVersion, own: string): string[] {
  return isV1(version) ? ['MW'] : [own, ...['MW', 'kW', 'W'].filter((u) => u !== own)];
}

function connectionSpellings(version: ApiVersion, owner: number, asset: number): string[] {
  return [`${P}:${owner}:${asset}`, `${LEGACY}:${owner}:${asset}`, `EA1.2021-01.IO.FlexMeasures:${owner}:${asset}`, ...(isV1(version) ? [`${asset}`, `${owner}:${asset}`] : [])];
}

function sensorsOf(target: PostTarget): Sensor[] {
  const { ids, version, kind, reachable } = target;
  switch (kind) {
    case 'meter':
    case 'prognosis':
      return reachable
        ? [
            { name: 'battery', addresses: connectionSpellings(version, ids.owner, ids.battery), resolutionMin: 15, units: powerUnits(version, 'MW'), producerOnly: false },
            { name: 'solar', addresses: connectionSpellings(version, ids.owner, ids.solar), resolutionMin: 5, units: powerUnits(version, 'MW'), producerOnly: true },
          ]
        : [
            {
              name: "other's battery",
              addresses: [`${P}:${ids.other}:${ids.otherBattery}`, `${P}:${ids.owner}:${ids.otherBattery}`, `${P}:${ids.owner}:424242`, ...(isV1(version) ? [`${ids.otherBattery}`] : [])],
              resolutionMin: 15,
              units: powerUnits(version, 'MW'),
              producerOnly: false,
            },
          ];
    case 'price':
      return [
        reachable
          ? { name: 'epex_da', addresses: [`${P}:epex_da`, `${P}:EPEX_DA`, `${LEGACY}:epex_da`], resolutionMin: 60, units: ['EUR/MWh'], producerOnly: false }
          : { name: 'no market', addresses: [`${P}:epex_nowhere`, `${P}:nord_pool`, `${P}:Epex_da_2`], resolutionMin: 60, units: ['EUR/MWh'], producerOnly: false },
      ];
    case 'weather':
      return [
        reachable
          ? { name: 'temperature', addresses: [`${P}:temperature:52:5`, `${P}:temperature:52.0:5.000`, `${P}:temperature:52.00000001:5`], resolutionMin: 15, units: ['°C'], producerOnly: false }
          : { name: 'no sensor', addresses: [`${P}:temperature:10:10`, `${P}:wind_speed:52:5`, `${P}:rain:52:5`], resolutionMin: 15, units: ['°C'], producerOnly: false },
      ];
  }
}

/** Addresses that can never be written by the caller at this endpoint, however well-formed the rest is. */
function foreignAddresses(target: PostTarget): Choice[] {
  const { ids, version, kind } = target;
  const field = POST_KINDS[kind].field;
  const common = bad(
    '', ' ', 'ea1', 'ea1.', `${P}:`, `${P}::`, `ea1.2021-01.com.example:${ids.owner}:${ids.battery}`, `ea1.2021-13.io.flexmeasures:${ids.owner}:${ids.battery}`,
    `ea2.2021-01.io.flexmeasures:${ids.owner}:${ids.battery}`, `ea1.2021-01.io.flexmeasures.evil:${ids.owner}:${ids.battery}`, `ea1.2021-01.io.flexmeasures:${ids.owner}:${ids.battery}:extra`,
    `ea1.2021-01.io.flexmeasures:${ids.owner}:\u0661`, '\u{1F4A5}', "'; DROP TABLE timed_belief; --", LONG, `${P}:${'9'.repeat(400)}`,
  );
  switch (field) {
    case 'connection':
      return [
        ...common,
        ...bad(
          `${P}:${ids.other}:${ids.otherBattery}`, `${P}:${ids.owner}:${ids.otherBattery}`, `${P}:${ids.other}:${ids.battery}`, `${P}:${ids.owner}:424242`, `${P}:0:0`, `${P}:-1:2`,
          `${P}:${ids.owner}:2147483648`, `${P}:${ids.owner}:99999999999`, `${P}:${ids.owner}:9007199254740993`, `${P}:${ids.owner}:${ids.market}`, `${P}:${ids.owner}:${ids.weather}`,
          `${P}:epex_da`, `${P}:temperature:52:5`, `${P}:${ids.owner}:0${ids.battery}`, `${P}: ${ids.owner}:${ids.battery}`,
        ),
        ...(isV1(version) ? bad(`${ids.otherBattery}`, '2147483648', `${ids.other}:${ids.otherBattery}`) : bad(`${ids.battery}`, `${ids.owner}:${ids.battery}`)),
      ];
    case 'market':
      return [...common, ...bad(`${P}:epex_nowhere`, `${P}:EPEX-DA`, `${P}:epex_da_`, `${P}:epex_da'--`, `${P}:${ids.owner}:${ids.battery}`, `${P}:temperature:52:5`, 'epex_da', `${P}:_epex`)];
    case 'sensor':
      return [
        ...common,
        ...bad(
          `${P}:temperature:91:5`, `${P}:temperature:52:181`, `${P}:temperature:NaN:5`, `${P}:temperature:52e0:5`, `${P}:temperature:-0:5`, `${P}:temperature:52`, `${P}:rain:52:5`,
          `${P}:wind_speed:52:5`, `${P}:temperature:52:5:1`, `${P}:epex_da`, 'temperature:52:5', `${P}:TEMPERATURE:52:5`, `${P}:temperature:52.0000002:5`,
        ),
      ];
  }
}

function isoMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `P${minutes / 1440}D`;
  if (minutes % 60 === 0) return `PT${minutes / 60}H`;
  return `PT${minutes}M`;
}

/** Other spellings of the same length of time. */
function respell(minutes: number): string[] {
  return [`PT${minutes}M`, `PT${minutes * 60}S`, `+PT${minutes}M`, ` PT${minutes}M `, `P0DT${minutes}M`, `PT${minutes / 60}H`, `P0W0DT0H${minutes}M0S`, `PT${minutes}.0M`, `PT${minutes},0M`];
}

function horizonsOf(kind: Kind, version: ApiVersion): { valid: string[]; odd: Choice[] } {
  const v1 = isV1(version);
  switch (kind) {
    case 'meter':
      return {
        valid: v1 ? ['PT0H', 'R/PT0H', '-PT15M', 'R/-PT5M'] : ['PT0H', '-PT5M', '-PT15M', 'PT0S'],
        odd: [...bad('PT1H', 'PT0.001S', 'P1D', '+PT15M', ...(v1 ? ['R/PT1H'] : ['R/PT0H', 'R/-PT15M'])), ...maybe('-P1D', '-PT0S', null, DROP, '-P365000D', '-P3650000D')],
      };
    case 'prognosis':
    case 'price':
    case 'weather':
      return {
        valid: kind === 'prognosis' ? (v1 ? ['PT6H', 'R/PT6H', 'PT7H30M'] : ['PT6H', 'PT1H', 'PT15M', '-PT15M']) : kind === 'price' ? (v1 ? ['PT12H', 'R/PT12H'] : ['PT12H', 'PT36H']) : ['PT1H', '-PT1H', 'PT0H'],
        odd: [...(v1 ? maybe('R/PT1H', 'r/PT1H') : bad('R/PT1H', 'R/-PT1H')), ...maybe('+PT1H', 'P1D', '-P1D', 'PT0.001S', null, DROP, 'P365000D')],
      };
  }
}

type Notation = 'flat' | 'single' | 'groups' | 'timeseries';

interface Base {
  readonly target: PostTarget;
  readonly sensor: Sensor;
  readonly notation: Notation;
  readonly msg: JObj;
  /** Minutes per value in flat notation, and how many values. */
  readonly stepMin: number;
  readonly count: number;
}

const valueArb = (producerOnly: boolean) =>
  fc
    .oneof(
      { weight: 4, arbitrary: fc.integer({ min: -9, max: producerOnly ? 0 : 9 }) },
      { weight: 1, arbitrary: fc.double({ min: -100, max: producerOnly ? 0 : 100, noNaN: true, noDefaultInfinity: true }) },
    )
    .map((value) => (Object.is(value, -0) ? 0 : value));

function startText(day: number, hour: number, minute: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `2021-01-${pad(day)}T${pad(hour)}:${pad(minute)}:00Z`;
}

function baseArb(target: PostTarget): fc.Arbitrary<Base> {
  const { kind, version } = target;
  const sensors = sensorsOf(target);
  const { type, field } = POST_KINDS[kind];
  const horizons = horizonsOf(kind, version).valid;
  const timing: fc.Arbitrary<'horizon' | 'prior' | 'both'> = isV1(version) ? fc.constant('horizon') : fc.constantFrom('horizon', 'horizon', 'horizon', 'prior', 'both');
  return fc
    .record({
      sensor: fc.constantFrom(...sensors),
      notation: fc.constantFrom<Notation>('flat', 'flat', 'single', 'groups', 'timeseries'),
      count: fc.integer({ min: 1, max: 6 }),
      multiple: fc.integer({ min: 1, max: 4 }),
      day: fc.integer({ min: 1, max: 3 }),
      hour: fc.integer({ min: 0, max: 23 }),
      quarter: fc.integer({ min: 0, max: 3 }),
      horizon: fc.constantFrom(...horizons),
      timing,
      addressForm: fc.constantFrom('singular', 'plural', 'singular-list'),
      valuesKey: fc.constantFrom('values', 'values', 'value'),
      addressPick: fc.nat(),
      unitPick: fc.nat(),
      secondGroup: fc.boolean(),
      seeds: fc.array(fc.tuple(valueArb(false), valueArb(true)), { minLength: 12, maxLength: 12 }),
    })
    .map((r): Base => {
      const sensor = r.sensor;
      const stepMin = sensor.resolutionMin * (kind === 'price' ? Math.min(r.multiple, 2) : r.multiple);
      const minute = kind === 'price' ? 0 : r.quarter * 15;
      const start = startText(r.day, r.hour, minute);
      const address = sensor.addresses[r.addressPick % sensor.addresses.length];
      const unit = sensor.units[r.unitPick % sensor.units.length];
      const valuesFor = (s: Sensor, n: number, offset = 0) => r.seeds.slice(offset, offset + n).map(([any, producer]) => (s.producerOnly ? producer : any));
      const addressEntry = (a: string): Record<string, J> =>
        r.addressForm === 'singular' ? { [field]: a } : r.addressForm === 'plural' ? { [`${field}s`]: [a] } : { [field]: [a] };
      const timingFields: Record<string, J | undefined> = {
        horizon: r.timing === 'prior' ? undefined : r.horizon,
        prior: r.timing === 'horizon' ? undefined : '2020-12-31T00:00:00Z',
      };
      const count = r.notation === 'single' ? 1 : r.count;
      let msg: JObj;
      switch (r.notation) {
        case 'flat':
          msg = obj({ type, ...addressEntry(address), [r.valuesKey]: valuesFor(sensor, count), start, duration: isoMinutes(stepMin * count), ...timingFields, unit });
          break;
        case 'single':
          msg = obj({ type, ...addressEntry(address), value: valuesFor(sensor, 1)[0], start, duration: isoMinutes(stepMin), ...timingFields, unit });
          break;
        case 'groups': {
          const others = sensors.filter((s) => s !== sensor && stepMin % s.resolutionMin === 0);
          const groups: J[] = [obj({ ...addressEntry(address), values: valuesFor(sensor, count) })];
          if (r.secondGroup && others.length > 0) {
            const second = others[0];
            groups.push(obj({ [field]: second.addresses[0], values: valuesFor(second, count, 6) }));
          }
          msg = obj({ type, groups, start, duration: isoMinutes(stepMin * count), ...timingFields, unit });
          break;
        }
        case 'timeseries': {
          const values = valuesFor(sensor, count);
          const startMs = Date.parse(start);
          const entries = values.map((value, i) => obj({ value, start: new Date(startMs + i * stepMin * MINUTE).toISOString().replace('.000Z', 'Z'), duration: isoMinutes(stepMin) }));
          msg = obj({ type, ...addressEntry(address), timeseries: r.secondGroup ? [...entries].reverse() : entries, ...timingFields, unit });
          break;
        }
      }
      return { target, sensor, notation: r.notation, msg, stepMin, count };
    });
}

// ---------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------

interface Case {
  readonly request: WireRequest;
  /** False: the message is malformed for sure and must get a 4xx. */
  readonly maybeValid: boolean;
  /** What was done, for grouping failures. */
  readonly label: string;
}

interface Mutant {
  readonly msg: J;
  readonly maybeValid: boolean;
  readonly label: string;
}

const ADDRESS_KEYS = ['connection', 'connections', 'market', 'markets', 'sensor', 'sensors'];
const TWINS: Record<string, string> = {
  connection: 'connections', connections: 'connection', market: 'markets', markets: 'market', sensor: 'sensors', sensors: 'sensor',
  value: 'values', values: 'value', group: 'groups', groups: 'group',
};

/** Replaces one field (wherever it occurs) by a choice; adds it at the top when absent. */
function replaceField(base: J, keys: readonly string[], choices: readonly Choice[], name: string): fc.Arbitrary<Mutant> {
  const paths = pathsWithKey(base, keys);
  // Mostly choices that break the message, so that few of the corpus are accepted.
  const broken = choices.filter((c) => !c.maybe);
  const fine = choices.filter((c) => c.maybe);
  const choice =
    broken.length > 0 && fine.length > 0 ? fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...broken) }, { weight: 1, arbitrary: fc.constantFrom(...fine) }) : fc.constantFrom(...choices);
  return fc.record({ choice, pick: fc.nat() }).map(({ choice, pick }): Mutant => {
    if (paths.length === 0) {
      if (choice.value === DROP) return { msg: base, maybeValid: true, label: `${name}: absent` };
      return { msg: addEntry(base, keys[0], choice.value), maybeValid: true, label: `${name} added = ${short(choice.value)}` };
    }
    const path = paths[pick % paths.length];
    const value = choice.value;
    const msg = editAt(base, path, (key) => (value === DROP ? [] : [[key, value]]));
    return { msg, maybeValid: choice.maybe, label: value === DROP ? `${name} dropped` : `${name} = ${short(value)}` };
  });
}

/** Flat notation: a number of values that may not split the duration into whole sensor slots. */
function countMismatch(base: Base): fc.Arbitrary<Mutant> {
  const durationMs = base.stepMin * base.count * MINUTE;
  const resolutionMs = base.sensor.resolutionMin * MINUTE;
  return fc.integer({ min: 2, max: 13 }).map((length): Mutant => {
    const values = Array.from({ length }, (_, i) => (base.sensor.producerOnly ? -i : i));
    const fits = durationMs % length === 0 && (durationMs / length) % resolutionMs === 0;
    const paths = pathsWithKey(base.msg, ['values', 'value']);
    return { msg: editAt(base.msg, paths[0], (key) => [[key, values]]), maybeValid: fits, label: `${length} values over ${base.stepMin * base.count} min` };
  });
}

/** A field-aware corruption: each choice is known to break the message, or marked as possibly valid. */
function targeted(base: Base): fc.Arbitrary<Mutant> {
  const { target, sensor, msg } = base;
  const { kind, version } = target;
  const v1 = isV1(version);
  const type = POST_KINDS[kind].type;
  const horizons = horizonsOf(kind, version);
  const ownUnit = sensor.units[0];
  const power = kind === 'meter' || kind === 'prognosis';
  const unitChoices: Choice[] = [
    ...bad(DROP, '', ' ', null, ownUnit.toLowerCase() === ownUnit ? ownUnit.toUpperCase() : ownUnit.toLowerCase(), `${ownUnit} `, ` ${ownUnit}`, 'MWh', 'kWh', 'GW', 'EUR/kWh', 'EUR / MWh', '°F', 'ºC', 'K', 'C'),
    ...bad('\uff2d\uff37', LONG, 42, [ownUnit], obj({})),
    ...(power ? (v1 ? bad('kW', 'W') : maybe('kW', 'W', 'MW')) : bad('MW', 'kW')),
  ];
  const addressChoices: Choice[] = [...foreignAddresses(target), ...NON_STRINGS, ...bad([sensor.addresses[0], 5], [[sensor.addresses[0]]]), ...maybe(...sensor.addresses)];
  const producerValues = sensor.producerOnly && (base.notation === 'flat' || base.notation === 'single');
  const valueChoices: Choice[] = [
    ...bad([], null, 'NaN', '1', 'Infinity', true, obj({}), [1, null], [1, '2'], [1, 'NaN'], [[1]], [obj({})], [true], [new JRaw('1e999')], [new JRaw('-1e400')], [LONG]),
    ...(producerValues ? bad([5], [1e-9]) : maybe([5])),
    ...maybe([1.7976931348623157e308], [-1.7976931348623157e308], [5e-324], [new JRaw('-0')], [2 ** 53 + 1], [new JRaw('1E+2')], [new JRaw('1e-7')]),
  ];
  const entryValueChoices: Choice[] = [...bad(null, 'NaN', '1', obj({}), [], true, new JRaw('1e999'), [null], DROP), ...maybe([0], 1e308, new JRaw('-0'))];
  const durationMinutes = base.notation === 'flat' || base.notation === 'groups' ? base.stepMin * base.count : base.stepMin;
  // Built only when picked: walking the message for every mutator would cost more than the request.
  const mutators: (() => fc.Arbitrary<Mutant>)[] = [
    () => replaceField(msg, ['type'], [...bad(DROP, '', type.toLowerCase(), `${type} `, HOMOGLYPH(type), null, 0, [type], obj({ type }), LONG), ...bad(...ALL_TYPES.filter((t) => t !== type))], 'type'),
    () => replaceField(msg, ADDRESS_KEYS, [...addressChoices, ...bad(DROP)], 'address'),
    () => replaceField(msg, ['start'], [...BAD_TIMESTAMPS, ...OFF_GRID, ...ODD_BUT_VALID_TIMESTAMPS, ...bad(DROP)], 'start'),
    () => replaceField(msg, ['duration'], [...BAD_DURATIONS, ...bad(DROP), ...maybe(...respell(durationMinutes))], 'duration'),
    () => replaceField(msg, ['unit'], unitChoices, 'unit'),
    () => {
      // With a prior, the earlier of the two counts: a huge negative horizon is then harmless.
      const hasPrior = pathsWithKey(msg, ['prior']).length > 0;
      const horizonChoices = BAD_HORIZONS.map((c) => (!v1 && hasPrior && typeof c.value === 'string' && c.value.startsWith('-P') ? { ...c, maybe: true } : c));
      return replaceField(msg, ['horizon'], [...horizonChoices, ...horizons.odd, ...(v1 ? [] : maybe(...horizons.valid))], 'horizon');
    },
    // v1.x ignores prior, but it must still be a string.
    () =>
      replaceField(
        msg,
        ['prior'],
        [...(v1 ? BAD_PRIORS.map((c) => ({ ...c, maybe: typeof c.value === 'string' })) : BAD_PRIORS), ...maybe('2020-12-31T01:00:00+01:00', '0100-01-01T00:00:00Z', '9999-12-31T23:59:59Z', DROP)],
        'prior',
      ),
    () => twinDuplicate(msg),
    () => mixedNotations(base),
  ];
  if (base.notation === 'timeseries') {
    mutators.push(
      () => replaceField(msg, ['value'], entryValueChoices, 'timeseries value'),
      () => replaceField(msg, ['timeseries'], [...bad([], obj({}), 'x', [null], [obj({})], [obj({ value: 1 })], [obj({ start: '2021-01-01T00:00:00Z', duration: 'PT1H' })], null, 5)], 'timeseries'),
      () => fc.constant(duplicateEntry(msg)),
    );
  } else {
    mutators.push(() => replaceField(msg, ['values', 'value'], [...valueChoices, ...bad(DROP)], 'values'));
    if (base.notation === 'flat') mutators.push(() => countMismatch(base));
  }
  if (base.notation === 'groups') {
    const field = POST_KINDS[kind].field;
    mutators.push(() =>
      replaceField(
        msg,
        ['groups'],
        [
          ...bad([], 'x', [null], [[]], [obj({})], 5, true, null, [obj({ [field]: sensor.addresses[0] })], [obj({ values: [1] })], [obj({ values: [1], [field]: null })]),
          ...maybe(nodeAt(msg, pathsWithKey(msg, ['groups'])[0]) as J),
        ],
        'groups',
      ),
    );
  }
  if (power) mutators.push(() => extremeValues(base));
  return fc.nat({ max: mutators.length - 1 }).chain((i) => mutators[i]());
}

/** Values at the edge of float64, in a unit that must be converted: nothing stored may overflow. */
function extremeValues(base: Base): fc.Arbitrary<Mutant> {
  return fc
    .record({ value: fc.constantFrom(1.7976931348623157e308, -1.7976931348623157e308, 1e300, 1e200, 2e154), unit: fc.constantFrom(...base.sensor.units) })
    .map(({ value, unit }): Mutant => {
      const edited = [...pathsWithKey(base.msg, ['values', 'value'])].reduce<J>(
        (msg, path) => editAt(msg, path, (key, old) => [[key, Array.isArray(old) ? old.map(() => (base.sensor.producerOnly ? -Math.abs(value) : value)) : base.sensor.producerOnly ? -Math.abs(value) : value]]),
        base.msg,
      );
      const withUnit = pathsWithKey(edited, ['unit']).reduce<J>((msg, path) => editAt(msg, path, (key) => [[key, unit]]), edited);
      return { msg: withUnit, maybeValid: true, label: `values ${value} in ${unit}` };
    });
}

/** Singular and plural of the same field at once: ambiguous, always refused. */
function twinDuplicate(msg: J): fc.Arbitrary<Mutant> {
  // Only where the reader takes singular and plural as one field: the message and its groups (not timeseries entries).
  const messageLevel = (path: Path) => path.length === 1 || (path.length === 3 && ['groups', 'group'].includes(keyAt(msg, path.slice(0, 1)) ?? ''));
  const paths = allPaths(msg).filter((path) => {
    const key = keyAt(msg, path);
    return key !== undefined && key in TWINS && messageLevel(path);
  });
  return fc.record({ pick: fc.nat(), copy: fc.boolean() }).map(({ pick, copy }): Mutant => {
    if (paths.length === 0) return { msg, maybeValid: true, label: 'no twin to duplicate' };
    const path = paths[pick % paths.length];
    const key = keyAt(msg, path) as string;
    const value = nodeAt(msg, path);
    const twin = TWINS[key];
    const edited = editAt(msg, path, () => [[key, value], [twin, copy ? value : null]]);
    return { msg: edited, maybeValid: false, label: `both "${key}" and "${twin}"${copy ? '' : ' (null)'}` };
  });
}

/** values together with value or timeseries. */
function mixedNotations(base: Base): fc.Arbitrary<Mutant> {
  const extra: [string, J] = base.notation === 'timeseries' ? ['values', [1]] : ['timeseries', [obj({ value: 1, start: '2021-01-01T00:00:00Z', duration: 'PT1H' })]];
  const target = base.notation === 'groups' ? pathsWithKey(base.msg, ['groups'])[0].concat([0]) : [];
  const msg = target.length === 0 ? addEntry(base.msg, ...extra) : editAt(base.msg, target, (key, group) => [[key, addEntry(group, ...extra)]]);
  return fc.constant({ msg, maybeValid: false, label: `"${extra[0]}" added to a message with ${base.notation} notation` });
}

/** A timeseries entry repeated: overlapping events. */
function duplicateEntry(msg: J): Mutant {
  const path = pathsWithKey(msg, ['timeseries'])[0];
  const entries = nodeAt(msg, path) as readonly J[];
  const edited = editAt(msg, path, (key) => [[key, [...entries, entries[0]]]]);
  return { msg: edited, maybeValid: false, label: 'timeseries entry repeated' };
}

function renamed(key: string): fc.Arbitrary<string> {
  const typo = key.length > 1 ? `${key.slice(0, -2)}${key[key.length - 1]}${key[key.length - 2]}` : `${key}${key}`;
  return fc.constantFrom(...[TWINS[key], key.toUpperCase(), key[0]?.toUpperCase() + key.slice(1), ` ${key}`, `${key} `, HOMOGLYPH(key), typo, `${key}${key.slice(-1)}`, ...PROTO_KEYS].filter((k): k is string => k !== undefined && k !== key));
}

/** One blind structural edit anywhere in the tree. */
function genericEdit(msg: J): fc.Arbitrary<Mutant> {
  const paths = allPaths(msg);
  if (paths.length === 0) return fc.constant({ msg, maybeValid: true, label: 'nothing to edit' });
  return fc.constantFrom(...paths).chain((path) => {
    const key = keyAt(msg, path);
    const value = nodeAt(msg, path);
    const where = key ?? `[${path[path.length - 1]}]`;
    const ops: fc.Arbitrary<Mutant>[] = [
      fc.constant({ msg: editAt(msg, path, () => []), maybeValid: true, label: `drop ${where}` }),
      fc.constantFrom(...WEIRD).map((weird) => ({ msg: editAt(msg, path, (k) => [[k, weird]]), maybeValid: true, label: `${where} = ${short(weird, 30)}` })),
      fc.constant({ msg: editAt(msg, path, (k) => [[k, [value]]]), maybeValid: true, label: `${where} wrapped in a list` }),
      fc.constant({ msg: editAt(msg, path, (k) => [[k, Array.isArray(value) ? (value[0] ?? null) : value instanceof JObj ? [] : obj({ value })]]), maybeValid: true, label: `${where} unwrapped or boxed` }),
      fc.constant({ msg: editAt(msg, path, (k) => [[k, value], [k, value]]), maybeValid: true, label: `${where} repeated` }),
    ];
    if (key !== undefined) {
      ops.push(
        renamed(key).map((name) => ({ msg: editAt(msg, path, () => [[name, value]]), maybeValid: true, label: `rename ${key} → ${JSON.stringify(name).slice(0, 20)}` })),
        fc.constantFrom(...WEIRD).map((weird) => ({ msg: editAt(msg, path, (k) => [[k, weird], [k, value]]), maybeValid: true, label: `JSON key ${key} given twice` })),
      );
    }
    if (Array.isArray(value) || value instanceof JObj) {
      ops.push(fc.constant({ msg: editAt(msg, path, (k) => [[k, Array.isArray(value) ? [] : obj({})]]), maybeValid: true, label: `${where} emptied` }));
    }
    return fc.oneof(...ops);
  });
}

function genericEdits(msg: J, count: number): fc.Arbitrary<Mutant> {
  if (count === 0) return fc.constant({ msg, maybeValid: true, label: '' });
  return genericEdit(msg).chain((first) =>
    genericEdits(first.msg, count - 1).map((rest) => ({ msg: rest.msg, maybeValid: true, label: [first.label, rest.label].filter(Boolean).join('; ') })),
  );
}

/** Unknown keys that must change nothing: prototype keys, unicode, long names, polluting objects. */
function noise(msg: J): fc.Arbitrary<J> {
  const places = [[] as Path, ...allPaths(msg).filter((path) => nodeAt(msg, path) instanceof JObj)];
  return fc.array(fc.record({ place: fc.constantFrom(...places), key: fc.constantFrom(...NOISE_KEYS), value: fc.constantFrom(...WEIRD), first: fc.boolean() }), { maxLength: 2 }).map((additions) =>
    additions.reduce<J>((current, { place, key, value, first }) => {
      if (place.length === 0) return addEntry(current, key, value, first ? 'start' : 'end');
      const node = nodeAt(current, place);
      if (!(node instanceof JObj)) return current;
      return editAt(current, place, (k) => [[k, addEntry(node, key, value, first ? 'start' : 'end')]]);
    }, msg),
  );
}

const JSON_HEADERS = (token: string) => ({ 'content-type': 'application/json', authorization: token });

/** Non-object bodies, broken JSON, other content types and encodings, missing or bad tokens, oversize bodies. */
interface Envelope {
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly oversize?: number;
  readonly maybeValid: boolean;
  readonly label: string;
}

function envelopeCase(valid: string, token: string): fc.Arbitrary<Envelope> {
  const json: Record<string, string> = JSON_HEADERS(token);
  const raw = (label: string, body: string, maybeValid = false): Envelope => ({ headers: json, body, maybeValid, label: `body ${label}` });
  const typed = (label: string, contentType: string | undefined, maybeValid = false): Envelope => ({
    headers: contentType === undefined ? { authorization: token } : { 'content-type': contentType, authorization: token },
    body: valid,
    maybeValid,
    label: `content-type ${label}`,
  });
  return fc.oneof(
    fc.constantFrom<Envelope>(
      raw('[]', '[]'),
      raw('[message]', `[${valid}]`),
      raw('string', JSON.stringify(valid)),
      raw('number', '42'),
      raw('null', 'null'),
      raw('true', 'true'),
      raw('{}', '{}'),
      raw('""', '""'),
      raw('empty', ''),
      raw('whitespace', ' \n\t '),
      raw('single quotes', valid.replace(/"/g, "'")),
      raw('trailing comma', `${valid.slice(0, -1)},}`),
      raw('NUL', '\u0000'),
      raw('deep nesting', `${'['.repeat(20_000)}${']'.repeat(20_000)}`),
      raw('deep object nesting', `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`),
      raw('BOM', `\ufeff${valid}`, true),
      raw('NaN literal', valid.replace(/^\{/, '{"nan":NaN,')),
      raw('comment', `/* hi */${valid}`),
      raw('two messages', `${valid}${valid}`),
      raw('invalid UTF-8 escape', `${valid.slice(0, -1)},"x":"\\ud800\\udc00\\uZZZZ"}`),
      typed('text/plain', 'text/plain'),
      typed('form', 'application/x-www-form-urlencoded'),
      typed('xml', 'application/xml'),
      typed('multipart', 'multipart/form-data; boundary=x'),
      typed('none', undefined),
      typed('latin1 charset', 'application/json; charset=latin1'),
      typed('utf-16 charset', 'application/json; charset=utf-16'),
      typed('+json suffix', 'application/merge-patch+json'),
      typed('charset utf-8', 'application/json; charset=utf-8', true),
      typed('upper case', 'APPLICATION/JSON', true),
      { headers: { ...json, 'content-encoding': 'gzip' }, body: valid, maybeValid: false, label: 'content-encoding gzip (not gzipped)' },
      { headers: { ...json, 'content-encoding': 'br' }, body: valid, maybeValid: false, label: 'content-encoding br' },
      { headers: { ...json, 'content-encoding': 'compress' }, body: valid, maybeValid: false, label: 'content-encoding compress' },
      { headers: { 'content-type': 'application/json' }, body: valid, maybeValid: false, label: 'no token' },
      { headers: { ...json, authorization: 'garbage' }, body: valid, maybeValid: false, label: 'garbage token' },
      { headers: { ...json, authorization: `${token}x` }, body: valid, maybeValid: false, label: 'tampered token' },
      { headers: { ...json, authorization: `Bearer ${token}` }, body: valid, maybeValid: true, label: 'Bearer token' },
      { headers: { ...json, authorization: 'x'.repeat(20_000) }, body: valid, maybeValid: false, label: 'very long token' },
      { headers: json, oversize: 11 * 1024 * 1024, maybeValid: false, label: 'body over MAX_CONTENT_LENGTH' },
    ),
    fc.integer({ min: 1, max: Math.max(1, valid.length - 1) }).map((n) => raw('truncated', valid.slice(0, n))),
  );
}

function postCaseArb(target: PostTarget, token: string): fc.Arbitrary<Case> {
  const url = `/api/${target.version}/${POST_KINDS[target.kind].service}`;
  const asCase = (msg: J, maybeValid: boolean, label: string): Case => ({ request: { method: 'POST', url, headers: JSON_HEADERS(token), body: stringify(msg) }, maybeValid, label });
  return baseArb(target).chain((base) =>
    fc.oneof(
      { weight: 10, arbitrary: fc.tuple(targeted(base), fc.boolean()).chain(([mutant, noisy]) => (noisy ? noise(mutant.msg) : fc.constant(mutant.msg)).map((msg) => asCase(msg, mutant.maybeValid, mutant.label))) },
      { weight: 7, arbitrary: fc.integer({ min: 1, max: 4 }).chain((n) => genericEdits(base.msg, n)).map((mutant) => asCase(mutant.msg, true, `generic: ${mutant.label}`)) },
      {
        weight: 2,
        arbitrary: envelopeCase(stringify(base.msg), token).map((e): Case => ({ request: { method: 'POST', url, headers: e.headers, body: e.body, oversize: e.oversize }, maybeValid: e.maybeValid, label: e.label })),
      },
    ),
  );
}

// ---------------------------------------------------------------------------
// GET messages (query strings, a JSON body now and then) and v1's POST getMeterData
// ---------------------------------------------------------------------------

interface GetTarget {
  readonly service: 'getMeterData' | 'getPrognosis';
  readonly version: ApiVersion;
  readonly method: 'GET' | 'POST';
  readonly ids: Ids;
}

type Param = readonly [string, string];

function getBaseArb(target: GetTarget): fc.Arbitrary<Param[]> {
  const { ids, version } = target;
  const own = connectionSpellings(version, ids.owner, ids.reader);
  return fc
    .record({
      connection: fc.constantFrom(...own, `${P}:${ids.other}:${ids.otherBattery}`),
      day: fc.integer({ min: 1, max: 3 }),
      hour: fc.integer({ min: 0, max: 23 }),
      resolution: fc.option(fc.constantFrom('PT15M', 'PT30M', 'PT1H'), { nil: undefined }),
      steps: fc.integer({ min: 1, max: 8 }),
      horizon: fc.option(fc.constantFrom('PT0H', 'R/PT1H', '-PT15M', 'PT6H'), { nil: undefined }),
      prior: fc.option(fc.constantFrom('2021-02-01T00:00:00Z', '2021-01-02T00:00:00+01:00'), { nil: undefined }),
      source: fc.option(fc.constantFrom(String(ids.owner), 'Prosumer', `${ids.owner},${ids.other}`), { nil: undefined }),
      unit: fc.option(fc.constantFrom(...powerUnits(version, 'MW')), { nil: undefined }),
      plural: fc.boolean(),
    })
    .map((r) => {
      const stepMin = r.resolution === undefined ? 60 : r.resolution === 'PT1H' ? 60 : r.resolution === 'PT30M' ? 30 : 15;
      const params: [string, string | undefined][] = [
        ['type', target.service === 'getMeterData' ? 'GetMeterDataRequest' : 'GetPrognosisRequest'],
        [r.plural ? 'connections' : 'connection', r.connection],
        ['start', startText(r.day, r.hour, 0)],
        ['duration', isoMinutes(stepMin * r.steps)],
        ['resolution', r.resolution],
        ['horizon', r.horizon],
        ['prior', r.prior],
        ['source', r.source],
        ['unit', r.unit],
      ];
      return params.filter((p): p is [string, string] => p[1] !== undefined);
    });
}

const GET_BAD: Record<string, Choice[]> = {
  type: bad(DROP, '', 'getmeterdatarequest', 'PostMeterDataRequest', 'GetMeterDataRequest ', LONG),
  connection: bad(DROP, '', `${P}:0:0`, `${P}:1:2147483648`, `${P}:1:99999999999`, 'epex_da', `${P}:temperature:52:5`, LONG, '\u0000', `ea1.2021-01.com.example:1:2`),
  start: [...BAD_TIMESTAMPS.filter((c) => typeof c.value === 'string'), ...OFF_GRID, ...bad(DROP), ...maybe('2021-01-01T00:00:00z', '9999-12-31T00:00:00Z', '1000-01-01T00:00:00Z', '1969-12-31T23:00:00Z')],
  // P5000D: more values than one GET may return, even hourly.
  duration: [...BAD_DURATIONS.filter((c) => typeof c.value === 'string' && c.value !== 'PT7M' && c.value !== 'PT15,5M'), ...bad(DROP, 'P5000D', 'PT7M'), ...maybe('P30D', 'PT15M', 'P1D')],
  resolution: bad('P', 'PT0S', '-PT15M', 'PT1S', 'PT7M', 'P1M', 'P99999999999D', LONG, ''),
  // A 10,000-year horizon is an odd filter, not an error: it just leaves nothing.
  horizon: [...bad('P', '', 'R/', 'P1M', 'P99999999999D', '-P99999999999D', LONG), ...maybe('P3650000D')],
  prior: bad('2021-01-01T00:00:00', 'now', '', '9999-99-99T00:00:00Z', LONG),
  source: [...bad('', ',', ' , ', 'nobody', '99999999999', '2147483648', '-1', 'ab\u0000c', LONG), ...maybe('MDC', 'forecasting script', '0')],
  unit: bad('', 'MWh', 'mw', 'EUR/MWh', '°C', LONG, 'GW'),
};

function encode(params: readonly Param[], raw: boolean): string {
  return params.map(([k, v]) => (raw ? `${k}=${v}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)).join('&');
}

function getCaseArb(target: GetTarget, token: string): fc.Arbitrary<Case> {
  const url = `/api/${target.version}/${target.service}`;
  return getBaseArb(target).chain((params) => {
    const fields = ['type', 'connection', 'start', 'duration', 'resolution', 'horizon', 'prior', 'source', 'unit'];
    const targetedParam = fc.record({ field: fc.constantFrom(...fields), pick: fc.nat() }).map(({ field, pick }) => {
      const choices = [...GET_BAD[field], ...(field === 'unit' ? maybe('kW', 'W', 'MW') : [])];
      const choice = choices[pick % choices.length];
      const names = field === 'connection' ? ['connection', 'connections'] : field === 'source' ? ['source', 'sources'] : [field];
      const present = params.some(([k]) => names.includes(k));
      const value = choice.value;
      const next: Param[] =
        value === DROP
          ? params.filter(([k]) => !names.includes(k))
          : present
            ? params.map(([k, v]) => (names.includes(k) ? [k, typeof value === 'string' ? value : stringify(value as J)] : [k, v]))
            : [...params, [field, typeof value === 'string' ? value : stringify(value as J)]];
      const droppedOptional = value === DROP && !['type', 'connection', 'start', 'duration'].includes(field);
      return { params: next, maybeValid: choice.maybe || droppedOptional, label: `${field} ${value === DROP ? 'dropped' : `= ${short(value as J)}`}` };
    });
    const repeated = fc.constantFrom(...params.map(([k]) => k)).map((key) => ({
      params: [...params, ...params.filter(([k]) => k === key)],
      maybeValid: key.startsWith('connection') || key.startsWith('source'),
      label: `${key} repeated`,
    }));
    const generic = fc
      .record({
        key: fc.constantFrom(...params.map(([k]) => k)),
        op: fc.constantFrom('rename', 'brackets', 'noise', 'empty', 'raw'),
        name: fc.constantFrom(...NOISE_KEYS.filter((k) => k.length < 50), '__proto__[polluted]', 'constructor[prototype][polluted]', 'connection[]', 'start[0]', 'a[b][c]'),
        weird: fc.constantFrom('', '%', '%ZZ', '%00', '+', '&', '=', '\u{1F4A5}', '%E0%A4%A', '[]', 'x'.repeat(5_000)),
      })
      .map(({ key, op, name, weird }) => {
        switch (op) {
          case 'rename':
            return { params: params.map(([k, v]): Param => (k === key ? [k.toUpperCase(), v] : [k, v])), maybeValid: true, label: `${key} renamed to ${key.toUpperCase()}` };
          case 'brackets':
            return { params: params.map(([k, v]): Param => (k === key ? [`${k}[]`, v] : [k, v])), maybeValid: true, label: `${key}[]` };
          case 'noise':
            return { params: [...params, [name, weird] as Param], maybeValid: true, label: `extra parameter ${name.slice(0, 30)}` };
          case 'empty':
            return { params: params.map(([k, v]): Param => (k === key ? [k, ''] : [k, v])), maybeValid: false, label: `${key} empty` };
          case 'raw':
            return { params: params.map(([k, v]): Param => (k === key ? [k, weird] : [k, v])), maybeValid: true, label: `${key} = raw ${JSON.stringify(weird.slice(0, 20))}`, raw: true };
        }
        throw new Error(op);
      });
    return fc.oneof({ weight: 6, arbitrary: targetedParam }, { weight: 2, arbitrary: repeated }, { weight: 4, arbitrary: generic }, { weight: 1, arbitrary: fc.constant({ params, maybeValid: true, label: 'unchanged' }) }).chain((mutant) => {
      const raw = 'raw' in mutant && mutant.raw === true;
      // In a JSON body a repeated key is not a list: the last one counts.
      const jsonMaybeValid = mutant.maybeValid || mutant.label.endsWith('repeated');
      if (target.method === 'POST') {
        const body = new JObj(mutant.params.map(([k, v]) => [k, v]));
        return fc.constant<Case>({ request: { method: 'POST', url, headers: JSON_HEADERS(token), body: stringify(body) }, maybeValid: jsonMaybeValid, label: mutant.label });
      }
      return fc.integer({ min: 0, max: 9 }).map((asBody): Case => {
        if (asBody === 0) {
          // Some clients send GET messages as a JSON body.
          const body = new JObj(mutant.params.map(([k, v]) => [k, v]));
          return { request: { method: 'GET', url, headers: JSON_HEADERS(token), body: stringify(body) }, maybeValid: jsonMaybeValid, label: `${mutant.label} (JSON body)` };
        }
        return { request: { method: 'GET', url: `${url}?${encode(mutant.params, raw)}`, headers: { authorization: token } }, maybeValid: mutant.maybeValid, label: mutant.label };
      });
    });
  });
}

// ---------------------------------------------------------------------------
// Checking the answers
// ---------------------------------------------------------------------------

const STATUS_NAME = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

interface Plan {
  readonly name: string;
  readonly cases: readonly Case[];
  /** A POST corpus aimed at sensors the caller may write to. */
  readonly writes: boolean;
  readonly post: boolean;
  readonly seed: number;
}

interface Verdict {
  readonly problems: string[];
  readonly accepted: number;
  /** What the accepted messages had been through, most frequent first. */
  readonly acceptedLabels: string;
  readonly statuses: Record<string, number>;
  /** Where the time went, by answer. */
  readonly slowest: string;
}

function violationOf(plan: Plan, c: Case, r: Result): string | undefined {
  if (r.status === 0) return 'the handler threw';
  if (r.status >= 500) return `answered ${r.status}`;
  if (r.status === 200) {
    if (!plan.post && r.rows + r.statements > 0) return 'a GET wrote to the database';
    if (!c.maybeValid) return 'accepted a malformed message';
    if (plan.post && !plan.writes) return 'accepted a message for a sensor the caller cannot write to';
    return undefined;
  }
  if (r.status < 400) return `answered ${r.status}`;
  if (r.rows + r.statements > 0) return `answered ${r.status} but wrote ${r.rows} rows in ${r.statements} statements`;
  if (!r.json) return 'error body is not JSON';
  if (r.bodyStatus === undefined || !STATUS_NAME.test(r.bodyStatus)) return 'error body has no UPPER_SNAKE status';
  if (!r.messageOk) return 'error body has no message';
  if (r.leak) return 'error body shows internals';
  return undefined;
}

function judge(plan: Plan, outcome: Outcome): Verdict {
  const problems: string[] = [];
  const statuses: Record<string, number> = {};
  const timeByStatus: Record<string, number> = {};
  const groups = new Map<string, { count: number; example: Case; result: Result }>();
  let accepted = 0;
  let writtenRows = 0;
  const acceptedLabels = new Map<string, number>();
  outcome.results.forEach((r, i) => {
    const c = plan.cases[i];
    const key = `${r.status} ${r.bodyStatus ?? ''}`.trim();
    statuses[key] = (statuses[key] ?? 0) + 1;
    timeByStatus[key] = (timeByStatus[key] ?? 0) + r.ms;
    if (r.status === 200) {
      accepted += 1;
      const label = c.label.replace(/ = .*/, ' = …').replace(/\d{3,}/g, 'N');
      acceptedLabels.set(label, (acceptedLabels.get(label) ?? 0) + 1);
    }
    writtenRows += r.rows;
    const violation = violationOf(plan, c, r);
    if (violation === undefined) return;
    const group = `${violation} | ${r.status} ${r.bodyStatus ?? ''} | ${c.label.replace(/\d{3,}/g, 'N')}`;
    const seen = groups.get(group);
    const size = (x: Case) => (x.request.body?.length ?? 0) + x.request.url.length;
    if (!seen) groups.set(group, { count: 1, example: c, result: r });
    else groups.set(group, { count: seen.count + 1, example: size(c) < size(seen.example) ? c : seen.example, result: size(c) < size(seen.example) ? r : seen.result });
  });
  const sorted = [...groups.entries()].sort((a, b) => b[1].count - a[1].count);
  for (const [group, { count, example, result }] of sorted.slice(0, 40)) {
    const body = example.request.body === undefined ? '' : ` ${example.request.body.slice(0, 300)}${example.request.body.length > 300 ? '…' : ''}`;
    problems.push(`${count}× ${group}\n      e.g. ${example.request.method} ${example.request.url.slice(0, 300)}${body}\n      → ${result.snippet.slice(0, 300)}`);
  }
  if (sorted.length > 40) problems.push(`… and ${sorted.length - 40} more kinds of violation`);
  const { before, after } = outcome;
  if (before.prototype !== after.prototype) problems.push(`Object.prototype changed: ${before.prototype} → ${after.prototype}`);
  if (before.digest && JSON.stringify(before.digest) !== JSON.stringify(after.digest)) {
    problems.push(`the database changed: ${JSON.stringify(before.digest)} → ${JSON.stringify(after.digest)}`);
  }
  const grown = after.invariants.beliefs - before.invariants.beliefs;
  if (grown !== writtenRows) problems.push(`timed_belief grew by ${grown} rows, the 200s wrote ${writtenRows}`);
  const counted = { statements: after.counter.statements - before.counter.statements, rows: after.counter.rows - before.counter.rows };
  if (!plan.writes && counted.statements + counted.rows > 0) problems.push(`a corpus that may not write committed ${counted.statements} write statements (${counted.rows} belief rows)`);
  const added = (key: 'nonfinite' | 'offgrid' | 'probabilistic') => after.invariants[key] - before.invariants[key];
  if (added('nonfinite') > 0) problems.push(`${added('nonfinite')} beliefs stored by this corpus are not finite numbers (e.g. a value in kW too large for MW)`);
  if (added('offgrid') > 0) problems.push(`${added('offgrid')} beliefs stored by this corpus start off their sensor's grid`);
  if (added('probabilistic') > 0) problems.push(`${added('probabilistic')} beliefs stored by this corpus have a cumulative probability other than 0.5`);
  if (after.invariants.dataSources > before.invariants.dataSources + (plan.writes ? 1 : 0)) {
    problems.push(`data sources grew from ${before.invariants.dataSources} to ${after.invariants.dataSources}`);
  }
  if (plan.post && accepted > plan.cases.length * (plan.writes ? MAX_ACCEPTED_SHARE : 0)) {
    problems.push(`${accepted} of ${plan.cases.length} messages were accepted (at most ${plan.writes ? MAX_ACCEPTED_SHARE * 100 : 0}% may be)`);
  }
  const topAccepted = [...acceptedLabels.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([label, n]) => `${n}× ${label}`).join('; ');
  const slowest = Object.entries(timeByStatus)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([key, ms]) => `${key} ${(ms / 1000).toFixed(1)} s (${(ms / statuses[key]).toFixed(1)} ms each)`)
    .join(', ');
  return { problems, accepted, acceptedLabels: topAccepted, statuses, slowest };
}

function describeStatuses(statuses: Record<string, number>): string {
  return Object.entries(statuses)
    .sort((a, b) => b[1] - a[1])
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
}

// ---------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------

const OLD_POSTS: { kind: Kind; version: ApiVersion }[] = [
  ...(['v1', 'v1_1', 'v1_2', 'v1_3'] as ApiVersion[]).map((version) => ({ kind: 'meter' as Kind, version })),
  ...(['prognosis', 'price', 'weather'] as Kind[]).flatMap((kind) => (['v1_1', 'v1_2', 'v1_3'] as ApiVersion[]).map((version) => ({ kind, version }))),
];
const GETS: { service: GetTarget['service']; version: ApiVersion; method: 'GET' | 'POST' }[] = [
  ...(['v1', 'v1_1', 'v1_2', 'v1_3', 'v2_0'] as ApiVersion[]).map((version) => ({ service: 'getMeterData' as const, version, method: 'GET' as const })),
  ...(['v1_1', 'v1_2', 'v1_3', 'v2_0'] as ApiVersion[]).map((version) => ({ service: 'getPrognosis' as const, version, method: 'GET' as const })),
  { service: 'getMeterData', version: 'v1', method: 'POST' },
];

/** Each corpus has its own seed, derived from the run's seed and the corpus's name. */
function seedFor(name: string): number {
  let hash = SEED | 0;
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

function postPlan(kind: Kind, version: ApiVersion, runs: number, ids: Ids, reachable: boolean): Plan {
  const unreachable = Math.round(runs * UNREACHABLE_SHARE);
  const count = reachable ? runs - unreachable : unreachable;
  const name = `${version}/${POST_KINDS[kind].service} (${reachable ? "caller's own sensors" : 'sensors the caller cannot write to'})`;
  const seed = seedFor(name);
  const cases = fc.sample(postCaseArb({ kind, version, reachable, ids }, ids.token), { seed, numRuns: count });
  return { name, cases, writes: reachable, post: true, seed };
}

function getPlan(target: Omit<GetTarget, 'ids'>, runs: number, ids: Ids): Plan {
  const seed = seedFor(`${target.method} ${target.version}/${target.service}`);
  const cases = fc.sample(getCaseArb({ ...target, ids }, ids.token), { seed, numRuns: runs });
  return { name: `${target.method} ${target.version}/${target.service}`, cases, writes: false, post: false, seed };
}

// ---------------------------------------------------------------------------
// The worker
// ---------------------------------------------------------------------------

class FuzzWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (outcome: Outcome) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  readonly ready: Promise<Ids>;
  private readonly dir = makeTempDir('fuzz-worker');

  constructor() {
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        root: REPO_ROOT,
        runner: RUNNER,
        dir: this.dir,
        password: PASSWORD,
        writeCounterSql: WRITE_COUNTER_SQL,
        env: { LOGGING_LEVEL: 'silent', SECURITY_PASSWORD_HASH_COST: '4', FLEXMEASURES_TASK_CHECK_AUTH_TOKEN: 'ops-token', FLEXMEASURES_FORECASTING_ON_NEW_DATA: 'false' },
      },
    });
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (message: { kind: string; id?: number; ids?: Ids; outcome?: Outcome; error?: string }) => {
        if (message.kind === 'ready') resolve(message.ids as Ids);
        if (message.kind === 'done') {
          this.pending.get(message.id as number)?.resolve(message.outcome as Outcome);
          this.pending.delete(message.id as number);
        }
        if (message.kind === 'error') {
          const error = new Error(`worker: ${message.error}`);
          if (message.id === undefined) reject(error);
          else this.pending.get(message.id)?.reject(error);
        }
      });
      // A worker that dies fails what it still owed, rather than leaving the tests waiting.
      const fail = (error: Error) => {
        reject(error);
        for (const { reject: owed } of this.pending.values()) owed(error);
        this.pending.clear();
      };
      this.worker.on('error', fail);
      this.worker.on('exit', (code) => fail(new Error(`the worker thread exited (code ${code})`)));
    });
  }

  run(requests: readonly WireRequest[], mayWrite: boolean): Promise<Outcome> {
    const id = (this.nextId += 1);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ kind: 'run', id, requests, mayWrite });
    });
  }

  async stop(): Promise<void> {
    const stopped = new Promise<void>((resolve) =>
      this.worker.on('message', (m: { kind: string }) => {
        if (m.kind === 'stopped') resolve();
      }),
    );
    this.worker.postMessage({ kind: 'stop' });
    await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    await this.worker.terminate();
    removeDir(this.dir);
  }
}

// ---------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------

describe('malformed messages at the time-series services (property-based)', () => {
  const fixture = new AuthFixture();
  const runner = loadRunner();
  let worker: FuzzWorker;
  let ids: Ids;
  let handler: unknown;
  let dataSource: unknown;
  /** Corpora run in the worker, started before the tests so both threads work at once. */
  const workerRuns = new Map<string, Promise<{ plan: Plan; outcome: Outcome }>>();
  const started = Date.now();

  beforeAll(async () => {
    process.stdout.write(`malformed-messages: fast-check seed ${SEED} (FM_FUZZ_SEED), ${V2_RUNS} messages per v2_0 POST endpoint, ${OLD_RUNS} per older or GET endpoint\n`);
    worker = new FuzzWorker();
    await fixture.start();
    ids = await runner.prepare(fixture.app, {
      DATABASE,
      AccountsService,
      AssetsService,
      addStructure,
      insertWeatherSensor,
      PASSWORD,
      writeCounterSql: WRITE_COUNTER_SQL,
    });
    handler = fixture.app.getHttpAdapter().getInstance();
    dataSource = fixture.app.get<{ dataSource: unknown }>(DATABASE).dataSource;
    const workerIds = await worker.ready;
    // The worker's corpora run one after the other, in the worker, while this thread runs its own.
    let chain: Promise<unknown> = Promise.resolve();
    const queue = (plan: Plan) => {
      const run = chain.then(() => worker.run(plan.cases.map((c) => c.request), plan.writes).then((outcome) => ({ plan, outcome })));
      chain = run.catch(() => undefined);
      workerRuns.set(plan.name, run);
      run.catch(() => undefined);
    };
    for (const [kind, version, runs] of [...(['price', 'weather'] as Kind[]).map((k) => [k, 'v2_0', V2_RUNS] as const), ...OLD_POSTS.map((o) => [o.kind, o.version, OLD_RUNS] as const)]) {
      for (const reachable of [false, true]) queue(postPlan(kind, version, runs, workerIds, reachable));
    }
  });

  afterAll(async () => {
    await worker?.stop();
    await fixture.stop();
    process.stdout.write(`malformed-messages: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  });

  function report(plan: Plan, outcome: Outcome): void {
    const verdict = judge(plan, outcome);
    const perRequest = (outcome.ms / Math.max(1, plan.cases.length)).toFixed(2);
    process.stdout.write(
      `  ${plan.name}: ${plan.cases.length} messages (seed ${plan.seed}) in ${(outcome.ms / 1000).toFixed(1)} s (${perRequest} ms each); ` +
        `accepted ${verdict.accepted}${verdict.accepted > 0 ? ` (${verdict.acceptedLabels})` : ''}; ${describeStatuses(verdict.statuses)}; time: ${verdict.slowest}\n`,
    );
    if (verdict.problems.length > 0) {
      throw new Error(`${plan.name} (fast-check seed ${plan.seed}, FM_FUZZ_SEED=${SEED}):\n  ${verdict.problems.join('\n  ')}`);
    }
  }

  async function runHere(plan: Plan): Promise<void> {
    const outcome = await runner.runTarget(handler, dataSource, plan.cases.map((c) => c.request), plan.writes);
    report(plan, outcome);
  }

  describe.each(['meter', 'prognosis'] as Kind[])('v2_0 %s (this thread)', (kind) => {
    it.each([false, true])(`${V2_RUNS} messages: 4xx with {status, message}, nothing stored (own sensors: %p)`, async (own) => {
      await runHere(postPlan(kind, 'v2_0', V2_RUNS, ids, own));
    });
  });

  it.each(GETS.map((g) => [`${g.method} ${g.version}/${g.service}`, g] as const))(`%s: ${OLD_RUNS} messages, 4xx with {status, message}, no writes`, async (_name, g) => {
    await runHere(getPlan(g, OLD_RUNS, ids));
  });

  /**
   * What the fuzzer found, one request each, so a fix can be checked directly.
   * Each must be refused with a 4xx (and write nothing), or be accepted and
   * store only finite beliefs.
   */
  const EDGE_CASES: { name: string; request: (ids: Ids) => WireRequest; acceptedRows?: number }[] = [
    { name: 'asset id beyond the PostgreSQL integer range (POST)', request: (i) => meterPost(i, { connection: `${P}:${i.owner}:2147483648` }) },
    { name: 'asset id beyond the PostgreSQL integer range (GET)', request: (i) => meterGet(i, { connection: `${P}:${i.owner}:2147483648` }) },
    { name: 'v1 simplified connection beyond the integer range (GET)', request: (i) => ({ ...meterGet(i, { connection: '2147483648' }), url: meterGet(i, { connection: '2147483648' }).url.replace('v2_0', 'v1') }) },
    { name: 'source user id beyond the integer range (GET)', request: (i) => meterGet(i, { source: '2147483648' }) },
    { name: 'source with a NUL character (GET)', request: (i) => meterGet(i, { source: 'ab\u0000c' }) },
    { name: 'horizon of 274 million years (POST prognosis)', request: (i) => meterPost(i, { type: 'PostPrognosisRequest', horizon: 'P99999999999D' }, 'postPrognosis') },
    { name: 'horizon of -274 million years (POST meter data)', request: (i) => meterPost(i, { horizon: '-P99999999999D' }) },
    { name: 'belief time before 4713 BC (POST prognosis, horizon P3650000D)', request: (i) => meterPost(i, { type: 'PostPrognosisRequest', horizon: 'P3650000D' }, 'postPrognosis') },
    { name: 'duration of 274 million years (POST)', request: (i) => meterPost(i, { values: undefined, value: 1, duration: 'P99999999999D' }) },
    { name: 'timeseries entry of 274 million years (POST)', request: (i) => meterPost(i, { values: undefined, start: undefined, duration: undefined, timeseries: [{ value: 1, start: '2021-02-01T00:00:00Z', duration: 'P99999999999D' }] }) },
    { name: 'horizon of 274 million years (GET)', request: (i) => meterGet(i, { horizon: 'P99999999999D' }) },
    { name: 'window ending after the year 9999 (GET)', request: (i) => meterGet(i, { start: '9999-12-31T00:00:00Z', duration: 'P7D', resolution: 'P1D' }) },
    { name: 'duration and resolution of 274 million years (GET)', request: (i) => meterGet(i, { duration: 'P99999999999D', resolution: 'P99999999999D' }) },
    { name: 'largest float64 in kW for a MW asset (stored value must stay finite)', request: (i) => meterPost(i, { connection: `${P}:${i.owner}:${i.spare}`, values: [1.7976931348623157e308, 1], duration: 'PT30M', unit: 'kW' }) },
    {
      name: 'one value over 2000 days: 192,000 quarter-hours (no 500 after storing)',
      request: (i) => meterPost(i, { connection: `${P}:${i.owner}:${i.spare}`, values: undefined, value: 1, start: '2030-01-01T00:00:00Z', duration: 'P2000D' }),
      acceptedRows: 192_000,
    },
  ];

  function meterPost(i: Ids, fields: Record<string, unknown>, service = 'postMeterData'): WireRequest {
    const body = { type: 'PostMeterDataRequest', connection: `${P}:${i.owner}:${i.battery}`, values: [1, 2], start: '2021-02-01T00:00:00Z', duration: 'PT30M', horizon: 'PT0H', unit: 'MW', ...fields };
    return { method: 'POST', url: `/api/v2_0/${service}`, headers: JSON_HEADERS(i.token), body: JSON.stringify(body) };
  }

  function meterGet(i: Ids, fields: Record<string, string>): WireRequest {
    const query = new URLSearchParams({ type: 'GetMeterDataRequest', connection: `${P}:${i.owner}:${i.battery}`, start: '2021-02-01T00:00:00Z', duration: 'PT1H', ...fields });
    return { method: 'GET', url: `/api/v2_0/getMeterData?${query}`, headers: { authorization: i.token } };
  }

  it.each(EDGE_CASES.map((c) => [c.name, c] as const))('edge case: %s', async (_name, edge) => {
    const { results, before, after } = await runner.runTarget(handler, dataSource, [edge.request(ids)], true);
    const [r] = results;
    expect({ status: r.status, body: r.snippet }).toEqual({ status: expect.any(Number), body: expect.any(String) });
    expect(r.status).toBeLessThan(500);
    if (r.status === 200) {
      if (edge.acceptedRows !== undefined) expect(r.rows).toBe(edge.acceptedRows);
      expect(after.invariants.nonfinite - before.invariants.nonfinite).toBe(0);
    } else {
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect({ json: r.json, status: r.bodyStatus, message: r.messageOk, rows: r.rows, statements: r.statements }).toEqual({
        json: true,
        status: expect.stringMatching(STATUS_NAME),
        message: true,
        rows: 0,
        statements: 0,
      });
    }
  });

  it('a GET over stored values at the float64 limit averages them without failing', async () => {
    // Accepted today; PostgreSQL's avg(float8) then overflows on the sum of the two.
    const post = meterPost(ids, { connection: `${P}:${ids.owner}:${ids.spare}`, values: [1.7976931348623157e308, 1.7976931348623157e308], start: '2021-03-01T00:00:00Z', duration: 'PT30M' });
    const posted = await runner.inject(handler, post);
    if (posted.status !== 200) return; // refusing such values at the door is a fix too
    for (const resolution of ['PT15M', 'PT30M']) {
      const get = meterGet(ids, { connection: `${P}:${ids.owner}:${ids.spare}`, start: '2021-03-01T00:00:00Z', duration: 'PT30M', resolution });
      const response = await runner.inject(handler, get);
      expect({ resolution, status: response.status, body: response.text.slice(0, 300) }).toEqual({ resolution, status: 200, body: expect.stringContaining('1.7976931348623157e+308') });
    }
  });

  const workerNames = [
    ...(['price', 'weather'] as Kind[]).flatMap((kind) => [`v2_0/${POST_KINDS[kind].service}`]),
    ...OLD_POSTS.map(({ kind, version }) => `${version}/${POST_KINDS[kind].service}`),
  ];
  it.each(workerNames.flatMap((name) => [`${name} (sensors the caller cannot write to)`, `${name} (caller's own sensors)`]))('%s (worker thread)', async (name) => {
    const run = workerRuns.get(name);
    expect(run).toBeDefined();
    const { plan, outcome } = await (run as Promise<{ plan: Plan; outcome: Outcome }>);
    report(plan, outcome);
  });
});


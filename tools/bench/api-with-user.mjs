// Shared by the authentication benchmarks (benchmarks/auth*.bench.mjs): a fresh
// DATA_DIR with the schema and one user made by the CLI, one api process on it
// (embedded default: PGlite, in-process jobs), and an auth token for that user.
// Also small helpers to time a batch of sequential requests, and the pieces
// (environment, CLI, api start and stop) for benchmarks that need more control
// (asset-delete.bench.mjs).

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findFreePort, makeTempDir, removeDir, REPO_ROOT, startNodeProcess, waitForHttp200 } from './support.mjs';

const API = 'apps/api/dist/main.js';
const CLI = 'apps/cli/dist/main.js';
const READY_TIMEOUT_MS = 60_000;
const CLI_TIMEOUT_MS = 120_000;

/** bcrypt cost factor of the password hashes: the production default (each step doubles the work). */
export const PASSWORD_HASH_COST = '12';

export const BENCH_USER = Object.freeze({
  username: 'bench',
  email: 'bench@example.com',
  // Not 'Bench-…': the password policy rejects a password that contains the username or the email's name.
  password: 'Staple-Horse-42',
  roles: 'Prosumer',
});

/** An admin (for benchmarks that need one); the same password rules as BENCH_USER. */
export const BENCH_ADMIN = Object.freeze({
  username: 'bench-admin',
  email: 'bench-admin@example.com',
  password: 'Staple-Horse-42',
  roles: 'admin',
});

/**
 * The environment of every process (CLI and api): nothing from the caller's but
 * PATH and HOME, plus extra (e.g. DATABASE_URL and SECRET_KEY for PostgreSQL).
 * @param {string} dataDir
 * @param {number} port
 * @param {Record<string, string>} [extra]
 */
export function apiEnvironment(dataDir, port, extra = {}) {
  return {
    DATA_DIR: dataDir,
    PORT: String(port),
    // warn, not info: at info the api logs one JSON line per request (except /api/health),
    // which would make every authenticated request pay for logging and the public one not.
    LOGGING_LEVEL: 'warn',
    // The login brake (default 10 per email, 30 per address in 15 minutes) would answer 429.
    SECURITY_LOGIN_ATTEMPTS_PER_EMAIL: '1000000',
    SECURITY_LOGIN_ATTEMPTS_PER_ADDRESS: '1000000',
    SECURITY_PASSWORD_HASH_COST: PASSWORD_HASH_COST,
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    ...extra,
  };
}

/**
 * `node apps/cli/dist/main.js ...args`; resolves when it exits 0, else throws with its output.
 * @param {string[]} args
 * @param {Record<string, string>} env
 * @param {string} [input] written to its stdin (e.g. a password line)
 */
export async function runCli(args, env, input) {
  const command = `node ${CLI} ${args.join(' ')}`;
  const cli = startNodeProcess(CLI, env, { args, input });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    cli.child.kill('SIGKILL');
  }, CLI_TIMEOUT_MS);
  try {
    const { code, signal } = await cli.exited;
    if (code !== 0) {
      throw new Error(
        `${command} ${timedOut ? `did not finish within ${CLI_TIMEOUT_MS} ms` : `exited with code ${code}, signal ${signal}`}; ` +
          `output ends with:\n${cli.tail()}`,
      );
    }
  } finally {
    clearTimeout(timer);
  }
}

/** `add user` with the CLI for user (BENCH_USER or BENCH_ADMIN); the password goes through stdin. */
export async function addUserWithCli(env, user = BENCH_USER) {
  const { username, email, password, roles } = user;
  await runCli(['add', 'user', '--username', username, '--email', email, '--roles', roles], env, `${password}\n`);
}

/**
 * POST /api/requestAuthToken for the bench user (or user); throws unless it answers 200 with a token.
 * @param {string} baseUrl
 * @param {{ email: string, password: string }} [user]
 * @returns {Promise<{ token: string, userId: number }>}
 */
export async function requestAuthToken(baseUrl, user = BENCH_USER) {
  const response = await fetch(`${baseUrl}/api/requestAuthToken`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`POST /api/requestAuthToken answered ${response.status}: ${text.slice(0, 500)}`);
  const body = JSON.parse(text);
  if (typeof body?.auth_token !== 'string' || body.auth_token === '') {
    throw new Error(`POST /api/requestAuthToken answered 200 without an auth_token: ${text.slice(0, 500)}`);
  }
  return { token: body.auth_token, userId: body.user_id };
}

/**
 * Starts `node apps/api/dist/main.js` with env (whose PORT is port) and waits until
 * GET /api/health answers 200. On a failure it stops the process before throwing.
 * @param {Record<string, string>} env
 * @param {number} port
 */
export async function startApi(env, port) {
  const api = startNodeProcess(API, env);
  try {
    const baseUrl = `http://127.0.0.1:${port}`;
    const exitedEarly = api.exited.then(({ code, signal }) => {
      throw new Error(`${API} exited (code ${code}, signal ${signal}) before answering; output ends with:\n${api.tail()}`);
    });
    await Promise.race([waitForHttp200(`${baseUrl}/api/health`, performance.now() + READY_TIMEOUT_MS), exitedEarly]);
    return { api, baseUrl };
  } catch (error) {
    await api.stop();
    throw error;
  }
}

/** Stops an api process with SIGTERM; throws unless it exits with code 0 (so its database is closed cleanly). */
export async function stopApiProcess(api) {
  const { code, signal, killed } = await api.stop();
  if (code !== 0 || killed) {
    throw new Error(
      `${API} did not stop cleanly after SIGTERM (code ${code}, signal ${signal}${killed ? ', killed after 30 s' : ''}); ` +
        `output ends with:\n${api.tail()}`,
    );
  }
}

/**
 * Fresh DATA_DIR; `db upgrade` and `add user` with the CLI; starts the api and
 * waits until GET /api/health answers 200; requests one token. On a failure it
 * stops what it started and removes the folder before throwing.
 * @param {string} tempPrefix
 */
export async function startApiWithUser(tempPrefix) {
  for (const script of [CLI, API]) {
    if (!fs.existsSync(path.join(REPO_ROOT, script))) throw new Error(`${script} is missing; build the server apps first`);
  }
  const dataDir = makeTempDir(tempPrefix);
  let api;
  try {
    // PORT=0 would do, but below LOGGING_LEVEL=info the api does not log the address it got.
    const port = await findFreePort();
    const env = apiEnvironment(dataDir, port);
    console.error(`  SECURITY_PASSWORD_HASH_COST=${PASSWORD_HASH_COST} (bcrypt cost factor, the production default); DATA_DIR ${dataDir}`);
    await runCli(['db', 'upgrade'], env);
    await addUserWithCli(env, BENCH_USER);

    let baseUrl;
    ({ api, baseUrl } = await startApi(env, port));
    const { token, userId } = await requestAuthToken(baseUrl);
    return { dataDir, api, baseUrl, token, userId };
  } catch (error) {
    if (api) await api.stop();
    removeDir(dataDir);
    throw error;
  }
}

/** Stops the api with SIGTERM (insisting on exit code 0) and removes its DATA_DIR. */
export async function stopApi(state) {
  if (!state) return; // setup failed and cleaned up after itself
  try {
    await stopApiProcess(state.api);
  } finally {
    removeDir(state.dataDir);
  }
}

/**
 * Sends count requests one after the other; the duration of each, in ms.
 * send() makes one request, reads its whole body and throws on a wrong answer.
 * @param {number} count
 * @param {() => Promise<void>} send
 */
export async function timeSequential(count, send) {
  const durations = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await send();
    durations.push(performance.now() - started);
  }
  return durations;
}

/** GET url (with headers); reads the body; throws unless the status is 200. */
export async function get200(url, headers) {
  const response = await fetch(url, { headers });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 500)}`);
}

export const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** The 95th percentile by the nearest-rank method: the smallest value with at least 95 % of the values at or below it. */
export function p95(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1];
}

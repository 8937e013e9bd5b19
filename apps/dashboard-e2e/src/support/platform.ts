import { makeTempDir, REPO_ROOT, removeDir, RunningProcess, startApi } from '@flexmeasures/testing';
import { spawn } from 'node:child_process';
import * as path from 'node:path';

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

export interface BrowserPlatform {
  readonly baseUrl: string;
  readonly admin: Credentials;
  readonly prosumer: Credentials;
  /** A second prosumer, for journeys that deactivate or delete a user. */
  readonly spare: Credentials;
  readonly api: RunningProcess;
  /** An API token for the admin, for arranging data. */
  adminToken(): Promise<string>;
  stop(): Promise<void>;
}

export const ADMIN: Credentials = { email: 'admin@example.org', password: 'Kestrel-Orbit-731' };
export const PROSUMER: Credentials = { email: 'prosumer@example.org', password: 'Lantern-Fjord-264' };
export const SPARE: Credentials = { email: 'leaving@example.org', password: 'Copper-Meadow-598' };

const BASE_ENV = {
  SECURITY_PASSWORD_HASH_COST: '4',
  LOGGING_LEVEL: 'warn',
  FLEXMEASURES_PLATFORM_NAME: 'FlexMeasures Test Grid',
  FLEXMEASURES_TIMEZONE: 'Europe/Amsterdam',
};

/** Runs the built CLI; `input` is piped to stdin (the password for `add user`). */
function cli(dataDir: string, args: string[], input = ''): Promise<string> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'apps/cli/dist/main.js'), ...args], {
    cwd: REPO_ROOT,
    env: { ...BASE_ENV, DATA_DIR: dataDir, PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TZ: 'UTC' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.on('error', () => undefined);
  child.stdin.end(input);
  return new Promise((resolve, reject) =>
    child.once('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`flexmeasures ${args.join(' ')} exited with ${code}:\n${output}`)))),
  );
}

/**
 * The embedded default as a user would start it (the api serving the built
 * dashboard, PGlite in a fresh DATA_DIR), with an admin and a prosumer made
 * by the CLI.
 */
export async function startBrowserPlatform(label: string, env: Record<string, string> = {}): Promise<BrowserPlatform> {
  const dataDir = makeTempDir(label);
  await cli(dataDir, ['db', 'upgrade']);
  await cli(dataDir, ['add', 'structure']);
  await cli(dataDir, ['add', 'user', '--username', 'Ada Admin', '--email', ADMIN.email, '--roles', 'admin', '--timezone', 'Europe/Amsterdam'], `${ADMIN.password}\n`);
  await cli(dataDir, ['add', 'user', '--username', 'Pim Prosumer', '--email', PROSUMER.email, '--roles', 'Prosumer', '--timezone', 'Europe/Amsterdam'], `${PROSUMER.password}\n`);
  await cli(dataDir, ['add', 'user', '--username', 'Lou Leaving', '--email', SPARE.email, '--roles', 'Prosumer'], `${SPARE.password}\n`);
  // At info the api says where it listens.
  const { process: api, baseUrl } = await startApi({ ...BASE_ENV, LOGGING_LEVEL: 'info', DATA_DIR: dataDir, ...env });
  let token: string | undefined;
  return {
    baseUrl,
    admin: ADMIN,
    prosumer: PROSUMER,
    spare: SPARE,
    api,
    async adminToken() {
      token ??= await requestToken(baseUrl, ADMIN);
      return token;
    },
    async stop() {
      await api.stop();
      removeDir(dataDir);
    },
  };
}

export async function requestToken(baseUrl: string, who: Credentials): Promise<string> {
  const response = await fetch(`${baseUrl}/api/requestAuthToken`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(who),
  });
  if (!response.ok) throw new Error(`requestAuthToken for ${who.email}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { auth_token: string }).auth_token;
}

/** A JSON request to the api with a token; throws with the body on a non-2xx answer. */
export async function apiRequest<T>(baseUrl: string, token: string, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: { 'content-type': 'application/json', Authorization: token },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

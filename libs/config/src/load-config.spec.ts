import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fm-config-'));
}

function load(env: Record<string, string> = {}, cwd = tempDir()) {
  return loadConfig({ env, cwd, homeDir: cwd });
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives the seed defaults and the embedded default when nothing is set', () => {
    const cwd = tempDir();
    const config = load({}, cwd);
    expect(config.env).toBe('production');
    expect(config.http.port).toBe(5000);
    expect(config.ui.platformName).toBe('FlexMeasures');
    expect(config.timing.timezone).toBe('Asia/Seoul');
    expect(config.timing.planningTtlMs).toBe(7 * 24 * 3600_000);
    expect(config.timing.planningHorizonMs).toBe(48 * 3600_000);
    expect(config.security.tokenHeader).toBe('Authorization');
    expect(config.security.tokenMaxAgeSeconds).toBe(6 * 3600);
    expect(config.security.cors).toEqual({ origins: [], resources: ['/api/*'], supportsCredentials: true });
    expect(config.hostsAndAuthStart).toEqual({ 'flexmeasures.io': '2021-01' });
    expect(config.mail.defaultSender).toEqual({ name: 'FlexMeasures', address: 'no-reply@example.com' });
    expect(config.database).toEqual({ kind: 'embedded', dataDir: path.join(cwd, 'data', 'pgdata'), migrateOnStart: true });
    expect(config.queue).toEqual({ kind: 'in-process' });
  });

  it('generates the embedded secret key once and keeps it in the data folder', () => {
    const cwd = tempDir();
    const first = load({}, cwd);
    const second = load({}, cwd);
    expect(first.security.secretKey).toHaveLength(43);
    expect(second.security.secretKey).toBe(first.security.secretKey);
    expect(first.security.secretKeySource).toBe('data-dir');
    const stat = fs.statSync(path.join(cwd, 'data', 'secret-key'));
    expect(stat.mode & 0o777).toBe(0o600);
    expect(first.security.passwordSalt).toBe(first.security.secretKey);
  });

  it('stops production with a database URL and no SECRET_KEY, saying how to make one', () => {
    const error = configError(() => load({ DATABASE_URL: 'postgres://u@db:5432/fm' }));
    expect(error.setting).toBe('SECRET_KEY');
    expect(error.message).toMatch(/required in production/);
    expect(error.message).toMatch(/randomBytes/);
  });

  it('accepts the seed names as aliases', () => {
    const config = load({
      SQLALCHEMY_DATABASE_URI: 'postgresql://u:pw@db/fm',
      FLASK_ENV: 'development',
    });
    expect(config.env).toBe('development');
    expect(config.database).toMatchObject({ kind: 'postgres', url: 'postgresql://u:pw@db/fm' });
  });

  it('reads the config file, with the environment taking precedence', () => {
    const cwd = tempDir();
    fs.writeFileSync(
      path.join(cwd, 'flexmeasures.cfg'),
      [
        '# platform settings',
        'FLEXMEASURES_PLATFORM_NAME = "Seita Energy"',
        'PORT = 5050',
        'MAIL_DEFAULT_SENDER = ("Ops", "ops@example.org")',
        'FLEXMEASURES_HOSTS_AND_AUTH_START = {"example.org": "2019-03"}',
        'SECURITY_TRACKABLE = True',
        'LOGGING_LEVEL = logging.WARNING',
      ].join('\n'),
    );
    const config = load({ PORT: '6000' }, cwd);
    expect(config.ui.platformName).toBe('Seita Energy');
    expect(config.http.port).toBe(6000);
    expect(config.mail.defaultSender).toEqual({ name: 'Ops', address: 'ops@example.org' });
    expect(config.hostsAndAuthStart).toEqual({ 'example.org': '2019-03' });
    expect(config.security.trackable).toBe(true);
    expect(config.logLevel).toBe('warn');
    expect(config.configFile).toBe(path.join(cwd, 'flexmeasures.cfg'));
  });

  it.each([
    [{ PORT: 'fivethousand' }, 'PORT', /not a whole number/],
    [{ PORT: '70000' }, 'PORT', /above the maximum/],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', /not a URL/],
    [{ DATABASE_URL: 'mysql://u@h/db' }, 'DATABASE_URL', /expected postgres: or postgresql:/],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL', /uses localhost:/],
    [{ FLEXMEASURES_TIMEZONE: 'Mars/Olympus' }, 'FLEXMEASURES_TIMEZONE', /IANA time zone/],
    [{ FLEXMEASURES_PLANNING_HORIZON: 'two days' }, 'FLEXMEASURES_PLANNING_HORIZON', /ISO 8601/],
    [{ FLEXMEASURES_PLANNING_HORIZON: '-PT1H' }, 'FLEXMEASURES_PLANNING_HORIZON', /positive/],
    [{ FLEXMEASURES_HOSTS_AND_AUTH_START: '{"a.io": "2021"}' }, 'FLEXMEASURES_HOSTS_AND_AUTH_START', /YYYY-MM/],
    [{ FLEXMEASURES_ENV: 'prod' }, 'FLEXMEASURES_ENV', /not one of/],
    [{ CORS_ORIGINS: '*' }, 'CORS_SUPPORTS_CREDENTIALS', /cannot be true/],
    [{ SECRET_KEY: 'short' }, 'SECRET_KEY', /too short/],
    [{ FLEXMEASURES_CONFIG: 'missing.cfg' }, 'FLEXMEASURES_CONFIG', /does not exist/],
  ])('names the setting for %p', (env, setting, message) => {
    const error = configError(() => load(env));
    expect(error.setting).toBe(setting);
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/\n/);
  });

  it('never prints a password from a bad URL', () => {
    const error = configError(() => load({ DATABASE_URL: 'mysql://admin:hunter2@h/db' }));
    expect(error.message).not.toContain('hunter2');
  });

  it('allows a negative planning TTL (keep forever)', () => {
    expect(load({ FLEXMEASURES_PLANNING_TTL: '-P1D' }).timing.planningTtlMs).toBe(-24 * 3600_000);
  });

  it('reads the solver, its time limit and MIP gap', () => {
    const defaults = load();
    expect({ solver: defaults.lpSolver, limit: defaults.lpSolverTimeLimitMs, gap: defaults.lpSolverMipGap }).toEqual({ solver: 'glpk', limit: 30_000, gap: 0.0001 });
    expect(defaults.preferChargingSooner).toBe(true);
    expect(load({ FLEXMEASURES_PREFER_CHARGING_SOONER: 'false' }).preferChargingSooner).toBe(false);
    const set = load({ FLEXMEASURES_LP_SOLVER: 'HiGHS', FLEXMEASURES_LP_SOLVER_TIME_LIMIT: 'PT2M', FLEXMEASURES_LP_SOLVER_MIP_GAP: '0' });
    expect({ solver: set.lpSolver, limit: set.lpSolverTimeLimitMs, gap: set.lpSolverMipGap }).toEqual({ solver: 'highs', limit: 120_000, gap: 0 });
    expect(configError(() => load({ FLEXMEASURES_LP_SOLVER: 'cbc' })).message).toMatch(/FLEXMEASURES_LP_SOLVER: "cbc" is not one of: glpk, highs/);
    expect(configError(() => load({ FLEXMEASURES_LP_SOLVER_MIP_GAP: 'tiny' })).message).toMatch(/FLEXMEASURES_LP_SOLVER_MIP_GAP: "tiny" is not a number/);
    expect(configError(() => load({ FLEXMEASURES_LP_SOLVER_TIME_LIMIT: '0' })).message).toMatch(/FLEXMEASURES_LP_SOLVER_TIME_LIMIT: must be a positive duration/);
  });

  it('reads whether and when new data queues forecasting jobs', () => {
    expect(load().forecasting).toEqual({ onNewData: true, delayMs: 10_000 });
    expect(load({ FLEXMEASURES_FORECASTING_ON_NEW_DATA: 'false', FLEXMEASURES_FORECASTING_DELAY: 'PT0S' }).forecasting).toEqual({ onNewData: false, delayMs: 0 });
    expect(configError(() => load({ FLEXMEASURES_FORECASTING_DELAY: '-PT1M' })).message).toMatch(/FLEXMEASURES_FORECASTING_DELAY: must not be a negative duration/);
  });

  it('assembles the Redis URL from the seed settings', () => {
    const config = load({
      FLEXMEASURES_REDIS_URL: 'queue.internal',
      FLEXMEASURES_REDIS_PORT: '6380',
      FLEXMEASURES_REDIS_DB_NR: '2',
      FLEXMEASURES_REDIS_PASSWORD: 'p@ss',
    });
    expect(config.queue).toEqual({ kind: 'redis', url: 'redis://:p%40ss@queue.internal:6380/2', prefix: 'flexmeasures' });
    expect(load({ REDIS_URL: 'redis://127.0.0.1:6379/1' }).queue).toEqual({ kind: 'redis', url: 'redis://127.0.0.1:6379/1', prefix: 'flexmeasures' });
  });

  it('reads the session lifetime and cookie flag, twelve hours and per request by default', () => {
    const defaults = load();
    expect(defaults.security.sessionMaxAgeSeconds).toBe(12 * 3600);
    expect(defaults.security.sessionCookieSecure).toBe(false);
    const set = load({ FLEXMEASURES_SESSION_MAX_AGE: '3600', FLEXMEASURES_SESSION_COOKIE_SECURE: 'true' });
    expect([set.security.sessionMaxAgeSeconds, set.security.sessionCookieSecure]).toEqual([3600, true]);
    expect(configError(() => load({ FLEXMEASURES_SESSION_MAX_AGE: '10' })).message).toMatch(/below the minimum of 60/);
  });

  it.each([
    [undefined, false],
    ['true', true],
    ['false', false],
    ['1', 1],
    ['loopback, 10.0.0.0/8', ['loopback', '10.0.0.0/8']],
    ['["fd00::/8"]', ['fd00::/8']],
  ])('reads FLEXMEASURES_TRUST_PROXY=%p as %p', (raw, expected) => {
    expect(load(raw === undefined ? {} : { FLEXMEASURES_TRUST_PROXY: raw }).http.trustProxy).toEqual(expected);
  });

  it.each(['proxy.internal', '10.0.0.0/33', 'loopback,300.1.1.1'])('refuses FLEXMEASURES_TRUST_PROXY=%p', (raw) => {
    expect(configError(() => load({ FLEXMEASURES_TRUST_PROXY: raw })).message).toMatch(/is not an address, a subnet/);
  });
});

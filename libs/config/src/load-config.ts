import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError } from './config-error';
import { parseConfigFile } from './config-file';
import { DatabaseConfig, PlatformConfig, QueueConfig } from './platform-config';
import { SettingName, SETTINGS, SettingSpec, SettingValues } from './settings';

export interface LoadConfigOptions {
  readonly env?: Record<string, string | undefined>;
  readonly cwd?: string;
  readonly homeDir?: string;
}

const CONFIG_FILE_SETTING = 'FLEXMEASURES_CONFIG';
const SECRET_KEY_FILE = 'secret-key';

/**
 * Reads every setting from the environment (first), the config file (second)
 * and the defaults, validates it and returns the typed configuration.
 * Throws ConfigError naming the setting when one cannot be used.
 */
export function loadConfig(options: LoadConfigOptions = {}): PlatformConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const { file, fileName } = readConfigFile(env, cwd, options.homeDir ?? os.homedir());
  const values = readSettings(env, file);
  return buildConfig(values, cwd, fileName);
}

export function readSettings(
  env: Record<string, string | undefined>,
  file: Record<string, unknown> = {},
): SettingValues {
  const values: Partial<Record<SettingName, unknown>> = {};
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const setting: SettingSpec = SETTINGS[name];
    const names = [setting.key, ...(setting.aliases ?? [])];
    const fromEnv = names.map((key) => env[key]).find((value) => value !== undefined && value !== '');
    const fromFile = names.map((key) => file[key]).find((value) => value !== undefined);
    const raw = fromEnv ?? fromFile ?? setting.default;
    if (raw === undefined) continue;
    try {
      values[name] = setting.parse(raw);
    } catch (error) {
      throw new ConfigError(setting.key, (error as Error).message);
    }
  }
  return values as SettingValues;
}

function readConfigFile(
  env: Record<string, string | undefined>,
  cwd: string,
  homeDir: string,
): { file: Record<string, unknown>; fileName?: string } {
  const explicit = env[CONFIG_FILE_SETTING];
  const candidates = explicit
    ? [path.resolve(cwd, explicit)]
    : [path.join(cwd, 'flexmeasures.cfg'), path.join(homeDir, '.flexmeasures.cfg')];
  const fileName = candidates.find((candidate) => fs.existsSync(candidate));
  if (!fileName) {
    if (explicit) throw new ConfigError(CONFIG_FILE_SETTING, `the config file ${candidates[0]} does not exist`);
    return { file: {} };
  }
  try {
    return { file: parseConfigFile(fs.readFileSync(fileName, 'utf8'), fileName), fileName };
  } catch (error) {
    throw new ConfigError(CONFIG_FILE_SETTING, (error as Error).message);
  }
}

function need<K extends SettingName>(values: SettingValues, name: K): NonNullable<SettingValues[K]> {
  const value = values[name];
  if (value === undefined || value === null) {
    throw new ConfigError(SETTINGS[name].key, 'has no value and no default');
  }
  return value as NonNullable<SettingValues[K]>;
}

function buildConfig(values: SettingValues, cwd: string, configFile: string | undefined): PlatformConfig {
  const env = need(values, 'env');
  const dataDir = path.resolve(cwd, need(values, 'dataDir'));
  const database: DatabaseConfig = values.databaseUrl
    ? { kind: 'postgres', url: values.databaseUrl, poolSize: need(values, 'databasePoolSize'), migrateOnStart: need(values, 'migrateOnStart') }
    : { kind: 'embedded', dataDir: path.join(dataDir, 'pgdata'), migrateOnStart: need(values, 'migrateOnStart') };
  const secret = resolveSecretKey(values.secretKey, env, database, dataDir);
  const cors = {
    origins: need(values, 'corsOrigins'),
    resources: need(values, 'corsResources'),
    supportsCredentials: need(values, 'corsSupportsCredentials'),
  };
  if (cors.supportsCredentials && cors.origins.includes('*')) {
    throw new ConfigError(
      'CORS_SUPPORTS_CREDENTIALS',
      'cannot be true while CORS_ORIGINS contains "*"; list the allowed origins or set CORS_SUPPORTS_CREDENTIALS=false',
    );
  }
  return {
    env,
    logLevel: need(values, 'loggingLevel'),
    mode: need(values, 'mode'),
    lpSolver: need(values, 'lpSolver'),
    lpSolverTimeLimitMs: positive(need(values, 'lpSolverTimeLimit'), 'FLEXMEASURES_LP_SOLVER_TIME_LIMIT'),
    lpSolverMipGap: need(values, 'lpSolverMipGap'),
    preferChargingSooner: need(values, 'preferChargingSooner'),
    hostsAndAuthStart: need(values, 'hostsAndAuthStart'),
    dbBackupPath: need(values, 'dbBackupPath'),
    profileRequests: need(values, 'profileRequests'),
    dataDir,
    configFile,
    http: {
      port: need(values, 'port'),
      host: need(values, 'host'),
      maxContentLength: need(values, 'maxContentLength'),
      shutdownTimeoutMs: need(values, 'shutdownTimeout'),
      baseUrl: (values.baseUrl ?? `http://localhost:${need(values, 'port')}`).replace(/\/+$/, ''),
      trustProxy: need(values, 'trustProxy'),
    },
    ui: {
      platformName: need(values, 'platformName'),
      hideNanInUi: need(values, 'hideNanInUi'),
      queueDashboardPollIntervalMs: need(values, 'queueDashboardPollInterval'),
      showControlUi: need(values, 'showControlUi'),
    },
    timing: {
      timezone: need(values, 'timezone'),
      planningTtlMs: need(values, 'planningTtl'),
      planningHorizonMs: positive(need(values, 'planningHorizon'), 'FLEXMEASURES_PLANNING_HORIZON'),
    },
    tokens: {
      darkSkyApiKey: values.darkSkyApiKey,
      mapboxAccessToken: values.mapboxAccessToken,
      taskCheckAuthToken: values.taskCheckAuthToken,
    },
    database,
    security: {
      secretKey: secret.key,
      secretKeySource: secret.source,
      passwordSalt: values.passwordSalt ?? secret.key,
      tokenHeader: need(values, 'tokenHeader'),
      tokenMaxAgeSeconds: need(values, 'tokenMaxAge'),
      sessionMaxAgeSeconds: need(values, 'sessionMaxAge'),
      sessionCookieSecure: need(values, 'sessionCookieSecure'),
      passwordHashCost: need(values, 'passwordHashCost'),
      loginAttempts: { perEmail: need(values, 'loginAttemptsPerEmail'), perAddress: need(values, 'loginAttemptsPerAddress') },
      resetPasswordWithinMs: positive(need(values, 'resetPasswordWithin'), 'SECURITY_RESET_PASSWORD_WITHIN'),
      trackable: need(values, 'trackable'),
      cors,
    },
    mail: {
      server: values.mailServer,
      port: need(values, 'mailPort'),
      useTls: need(values, 'mailUseTls'),
      useSsl: need(values, 'mailUseSsl'),
      username: values.mailUsername,
      password: values.mailPassword,
      defaultSender: need(values, 'mailDefaultSender'),
    },
    queue: queueConfig(values),
    worker: {
      queues: need(values, 'workerQueues'),
      concurrency: need(values, 'workerConcurrency'),
      lockDurationMs: positive(need(values, 'jobLockDuration'), 'FLEXMEASURES_JOB_LOCK_DURATION'),
      stalledIntervalMs: positive(need(values, 'jobStalledInterval'), 'FLEXMEASURES_JOB_STALLED_INTERVAL'),
    },
    forecasting: { onNewData: need(values, 'forecastingOnNewData'), delayMs: notNegative(need(values, 'forecastingDelay'), 'FLEXMEASURES_FORECASTING_DELAY') },
    demo: { credentials: values.publicDemoCredentials, year: values.demoYear },
  };
}

function notNegative(ms: number, key: string): number {
  if (ms < 0) throw new ConfigError(key, 'must not be a negative duration');
  return ms;
}

function positive(ms: number, key: string): number {
  if (ms <= 0) throw new ConfigError(key, 'must be a positive duration');
  return ms;
}

function queueConfig(values: SettingValues): QueueConfig {
  const prefix = need(values, 'queuePrefix');
  if (values.redisUrl) return { kind: 'redis', url: values.redisUrl, prefix };
  if (!values.redisHost) return { kind: 'in-process' };
  const host = values.redisHost;
  if (host.includes('://')) {
    return { kind: 'redis', url: SETTINGS.redisUrl.parse(host), prefix };
  }
  const password = values.redisPassword ? `:${encodeURIComponent(values.redisPassword)}@` : '';
  const url = `redis://${password}${host}:${need(values, 'redisPort')}/${need(values, 'redisDbNr')}`;
  try {
    return { kind: 'redis', url: SETTINGS.redisUrl.parse(url), prefix };
  } catch (error) {
    throw new ConfigError('FLEXMEASURES_REDIS_URL', (error as Error).message);
  }
}

export const SECRET_KEY_HELP =
  'make one with: node -e "console.log(require(\'crypto\').randomBytes(32).toString(\'base64url\'))" ' +
  'and set it as SECRET_KEY in the environment or in flexmeasures.cfg';

/**
 * In production against a real database the key must be given (every api
 * instance has to share it). Otherwise one is generated once and kept in the
 * data folder, so tokens stay valid across restarts.
 */
function resolveSecretKey(
  configured: string | undefined,
  env: PlatformConfig['env'],
  database: DatabaseConfig,
  dataDir: string,
): { key: string; source: 'setting' | 'data-dir' } {
  if (configured) {
    if (configured.length < 16) {
      throw new ConfigError('SECRET_KEY', `is too short to be safe (${configured.length} characters, use 32 or more); ${SECRET_KEY_HELP}`);
    }
    return { key: configured, source: 'setting' };
  }
  if (env === 'production' && database.kind === 'postgres') {
    throw new ConfigError('SECRET_KEY', `is required in production when DATABASE_URL is set; ${SECRET_KEY_HELP}`);
  }
  const file = path.join(dataDir, SECRET_KEY_FILE);
  try {
    if (fs.existsSync(file)) return { key: fs.readFileSync(file, 'utf8').trim(), source: 'data-dir' };
    fs.mkdirSync(dataDir, { recursive: true });
    const key = randomBytes(32).toString('base64url');
    // 'wx' fails if another process wrote the file meanwhile; then read theirs.
    try {
      fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
      return { key, source: 'data-dir' };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        return { key: fs.readFileSync(file, 'utf8').trim(), source: 'data-dir' };
      }
      throw error;
    }
  } catch (error) {
    throw new ConfigError('DATA_DIR', `cannot keep the generated secret key in ${file}: ${(error as Error).message}`);
  }
}

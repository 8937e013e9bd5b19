import { isIP } from 'node:net';
import {
  boolean,
  byteSize,
  decimal,
  duration,
  integer,
  json,
  list,
  oneOf,
  Parser,
  text,
  timezone,
  url,
} from './parsers';

export const ENVIRONMENTS = ['development', 'testing', 'staging', 'production'] as const;
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export const LP_SOLVERS = ['glpk', 'highs'] as const;
export const QUEUES = ['scheduling', 'forecasting'] as const;

export interface SettingSpec<T = unknown> {
  /** The name in the environment and the config file (the seed's name where it has one). */
  readonly key: string;
  /** Other names accepted for the same setting, e.g. the seed's SQLALCHEMY_DATABASE_URI. */
  readonly aliases?: readonly string[];
  readonly section: string;
  /** Default as a raw value, run through `parse` like any other; undefined = unset. */
  readonly default?: unknown;
  readonly description: string;
  readonly parse: Parser<T>;
  /** Never print the value. */
  readonly secret?: boolean;
}

const spec = <T>(s: SettingSpec<T>): SettingSpec<T> => s;

// Python's level names from the seed are accepted next to ours.
const PYTHON_LEVELS: Record<string, (typeof LOG_LEVELS)[number]> = {
  debug: 'debug',
  info: 'info',
  warning: 'warn',
  error: 'error',
  critical: 'fatal',
};
const logLevel: Parser<(typeof LOG_LEVELS)[number]> = (raw) => {
  const value = text(raw).trim().toLowerCase().replace(/^logging\./, '');
  return PYTHON_LEVELS[value] ?? oneOf(LOG_LEVELS)(value);
};

const hostsAndAuthStart = json((value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length === 0) {
    throw new Error('expected a JSON object of domain to month, e.g. {"flexmeasures.io": "2021-01"}');
  }
  for (const [host, month] of Object.entries(value)) {
    if (typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
      throw new Error(`the start month for ${host} must be written YYYY-MM, got ${JSON.stringify(month)}`);
    }
  }
  return value as Record<string, string>;
});

const mailSender = (raw: unknown): { name: string; address: string } => {
  if (Array.isArray(raw) && raw.length === 2) return { name: text(raw[0]), address: text(raw[1]) };
  const value = text(raw).trim();
  if (value.startsWith('[') || value.startsWith('(')) return mailSender(JSON.parse(value.replace(/^\(/, '[').replace(/\)$/, ']')));
  const match = /^(.*)<([^>]+)>$/.exec(value);
  if (match) return { name: match[1].trim().replace(/^"|"$/g, ''), address: match[2].trim() };
  if (value.includes('@')) return { name: '', address: value };
  throw new Error(`"${value}" is not a sender; write "Name <address@example.com>" or ["Name", "address@example.com"]`);
};

const demoCredentials = (raw: unknown): { email: string; password: string } => {
  const value = typeof raw === 'string' ? JSON.parse(raw.replace(/^\(/, '[').replace(/\)$/, ']')) : raw;
  if (!Array.isArray(value) || value.length !== 2) throw new Error('expected ["email", "password"]');
  return { email: text(value[0]), password: text(value[1]) };
};

/** Express's names for address ranges a proxy may sit in. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * Which proxies' X-Forwarded-* headers to believe, as Express's "trust
 * proxy": false, true, a number of hops, or addresses and subnets.
 */
const trustProxy = (raw: unknown): boolean | number | string[] => {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return integer({ min: 0 })(raw);
  const value = text(raw).trim();
  if (/^\d+$/.test(value)) return Number(value);
  if (/^(true|false|yes|no|on|off)?$/i.test(value)) return boolean(value);
  const entries = list(value);
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const prefixOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!PROXY_RANGES.includes(entry) && (family === 0 || !prefixOk || rest.length > 0)) {
      throw new Error(`"${entry}" is not an address, a subnet (10.0.0.0/8) or one of ${PROXY_RANGES.join(', ')}`);
    }
  }
  return entries;
};

/** Every setting of the platform, in the order the README documents them. */
export const SETTINGS = {
  env: spec({
    key: 'FLEXMEASURES_ENV',
    aliases: ['FLASK_ENV'],
    section: 'Basic',
    default: 'production',
    description: 'Environment: development, testing, staging or production. Production requires SECRET_KEY when a database URL is set.',
    parse: oneOf(ENVIRONMENTS),
  }),
  loggingLevel: spec({
    key: 'LOGGING_LEVEL',
    section: 'Basic',
    default: 'info',
    description: 'Lowest level that is logged: debug, info, warn (or WARNING), error, fatal, silent. Logs are JSON lines on stdout.',
    parse: logLevel,
  }),
  mode: spec({
    key: 'FLEXMEASURES_MODE',
    section: 'Basic',
    default: '',
    description: 'Extra behaviours: "" (none), "demo" or "play".',
    parse: oneOf(['', 'demo', 'play'] as const),
  }),
  lpSolver: spec({
    key: 'FLEXMEASURES_LP_SOLVER',
    section: 'Basic',
    default: 'glpk',
    description:
      'Solver for schedules: glpk (GLPK compiled to WebAssembly) or highs (HiGHS compiled to WebAssembly, much faster on long horizons); both are bundled, the seed default cbc is not available.',
    parse: oneOf(LP_SOLVERS),
  }),
  lpSolverTimeLimit: spec({
    key: 'FLEXMEASURES_LP_SOLVER_TIME_LIMIT',
    section: 'Basic',
    default: 'PT30S',
    description:
      'Time limit of one scheduling solve (ISO 8601 or seconds). The best schedule found by then is used; without one the job fails (UNKNOWN_SCHEDULE). A solver that overruns is stopped at 1.5 × the limit + 5 s.',
    parse: duration,
  }),
  lpSolverMipGap: spec({
    key: 'FLEXMEASURES_LP_SOLVER_MIP_GAP',
    section: 'Basic',
    default: 0.0001,
    description:
      'Relative MIP gap at which a schedule with on/off decisions (no simultaneous charging and discharging) counts as optimal; 0 asks for a proven optimum.',
    parse: decimal({ min: 0, max: 1 }),
  }),
  preferChargingSooner: spec({
    key: 'FLEXMEASURES_PREFER_CHARGING_SOONER',
    section: 'Basic',
    default: true,
    description:
      'Among equally priced slots, schedule charging as early and discharging as late as possible (a tiny tie-breaking cost that never changes the optimum; seed §7.2.1 prefer_charging_sooner). false: no preference.',
    parse: boolean,
  }),
  hostsAndAuthStart: spec({
    key: 'FLEXMEASURES_HOSTS_AND_AUTH_START',
    section: 'Basic',
    default: '{"flexmeasures.io": "2021-01"}',
    description: 'Naming authority for entity addresses: JSON object of domain to the month (YYYY-MM) it came under the current owner.',
    parse: hostsAndAuthStart,
  }),
  dbBackupPath: spec({
    key: 'FLEXMEASURES_DB_BACKUP_PATH',
    section: 'Basic',
    default: 'migrations/dumps',
    description: 'Folder (relative to the working directory) where database backups are written.',
    parse: text,
  }),
  profileRequests: spec({
    key: 'FLEXMEASURES_PROFILE_REQUESTS',
    section: 'Basic',
    default: false,
    description: 'Log the duration of every request.',
    parse: boolean,
  }),
  port: spec({
    key: 'PORT',
    section: 'HTTP',
    default: 5000,
    description: 'TCP port of the HTTP server.',
    parse: integer({ min: 0, max: 65535 }),
  }),
  host: spec({
    key: 'HOST',
    section: 'HTTP',
    default: '127.0.0.1',
    description: 'Interface the HTTP server listens on; containers set 0.0.0.0.',
    parse: text,
  }),
  maxContentLength: spec({
    key: 'MAX_CONTENT_LENGTH',
    section: 'HTTP',
    default: '10mb',
    description: 'Largest accepted request body (e.g. 10mb); larger requests get 413 PAYLOAD_TOO_LARGE.',
    parse: byteSize,
  }),
  shutdownTimeout: spec({
    key: 'FLEXMEASURES_SHUTDOWN_TIMEOUT',
    section: 'HTTP',
    default: 'PT30S',
    description: 'How long a stopping process waits for requests and running jobs to finish before it exits.',
    parse: duration,
  }),
  baseUrl: spec({
    key: 'FLEXMEASURES_BASE_URL',
    section: 'HTTP',
    description: 'Public address of the platform, used in links sent by mail (e.g. https://flex.example.com). Default: http://localhost:PORT.',
    parse: url(['http:', 'https:']),
  }),
  trustProxy: spec({
    key: 'FLEXMEASURES_TRUST_PROXY',
    section: 'HTTP',
    default: false,
    description:
      'Proxies whose X-Forwarded-For/-Proto headers are believed (Express "trust proxy"): false, true, a number of hops, or addresses and subnets (e.g. loopback, 10.0.0.0/8). Set it behind a TLS-terminating proxy, so the api sees the client address (login rate limit) and https (Secure session cookie).',
    parse: trustProxy,
  }),
  platformName: spec({
    key: 'FLEXMEASURES_PLATFORM_NAME',
    section: 'UI',
    default: 'FlexMeasures',
    description: 'Name used in headings.',
    parse: text,
  }),
  hideNanInUi: spec({
    key: 'FLEXMEASURES_HIDE_NAN_IN_UI',
    section: 'UI',
    default: false,
    description: 'Hide "nan" in metrics tables.',
    parse: boolean,
  }),
  queueDashboardPollInterval: spec({
    key: 'RQ_DASHBOARD_POLL_INTERVAL',
    section: 'UI',
    default: 3000,
    description: 'Refresh interval of the tasks (queues) page, in milliseconds.',
    parse: integer({ min: 250 }),
  }),
  timezone: spec({
    key: 'FLEXMEASURES_TIMEZONE',
    section: 'Timing',
    default: 'Asia/Seoul',
    description: 'Time zone in which the platform operates (IANA name).',
    parse: timezone,
  }),
  planningTtl: spec({
    key: 'FLEXMEASURES_PLANNING_TTL',
    section: 'Timing',
    default: 'P7D',
    description: 'How long UDI event ids of scheduling jobs are kept (ISO 8601 or seconds); negative keeps them forever.',
    parse: duration,
  }),
  planningHorizon: spec({
    key: 'FLEXMEASURES_PLANNING_HORIZON',
    section: 'Timing',
    default: 'PT48H',
    description: 'Horizon of schedules (ISO 8601 or seconds).',
    parse: duration,
  }),
  darkSkyApiKey: spec({
    key: 'DARK_SKY_API_KEY',
    section: 'Tokens',
    description: 'Token for an external weather forecast service.',
    parse: text,
    secret: true,
  }),
  mapboxAccessToken: spec({
    key: 'MAPBOX_ACCESS_TOKEN',
    section: 'Tokens',
    description: 'Mapbox token for the maps on the dashboard and asset pages. It is handed to browsers (GET /api/platform): use a public token (pk.…), restricted to your URL.',
    parse: text,
  }),
  taskCheckAuthToken: spec({
    key: 'FLEXMEASURES_TASK_CHECK_AUTH_TOKEN',
    section: 'Tokens',
    description: 'Token external services send to check on recurring tasks and the job queues.',
    parse: text,
    secret: true,
  }),
  databaseUrl: spec({
    key: 'DATABASE_URL',
    aliases: ['SQLALCHEMY_DATABASE_URI'],
    section: 'Database',
    description: 'PostgreSQL URL, e.g. postgres://user:password@host:5432/flexmeasures. Unset: embedded PostgreSQL (PGlite) in DATA_DIR.',
    parse: url(['postgres:', 'postgresql:']),
    secret: true,
  }),
  databasePoolSize: spec({
    key: 'DATABASE_POOL_SIZE',
    section: 'Database',
    default: 10,
    description: 'Connections per process to PostgreSQL (the embedded database always uses one).',
    parse: integer({ min: 1, max: 500 }),
  }),
  migrateOnStart: spec({
    key: 'DATABASE_MIGRATE_ON_START',
    section: 'Database',
    default: true,
    description: 'Apply pending migrations when the api starts (under a lock, so parallel starts are safe). Set false where a deploy job runs `flexmeasures db upgrade`.',
    parse: boolean,
  }),
  dataDir: spec({
    key: 'DATA_DIR',
    section: 'Database',
    default: './data',
    description: 'Folder for the embedded database, the generated secret key and the mail outbox.',
    parse: text,
  }),
  secretKey: spec({
    key: 'SECRET_KEY',
    section: 'Security',
    description: 'Signs tokens and sessions. Required in production with DATABASE_URL; otherwise generated once and kept in DATA_DIR.',
    parse: text,
    secret: true,
  }),
  passwordSalt: spec({
    key: 'SECURITY_PASSWORD_SALT',
    section: 'Security',
    description: 'Extra password salt (pepper); falls back to SECRET_KEY.',
    parse: text,
    secret: true,
  }),
  tokenHeader: spec({
    key: 'SECURITY_TOKEN_AUTHENTICATION_HEADER',
    section: 'Security',
    default: 'Authorization',
    description: 'Header that carries the auth token in API requests.',
    parse: text,
  }),
  tokenMaxAge: spec({
    key: 'SECURITY_TOKEN_MAX_AGE',
    section: 'Security',
    default: 21600,
    description: 'Maximal age of auth tokens in seconds (six hours).',
    parse: integer({ min: 1 }),
  }),
  sessionMaxAge: spec({
    key: 'FLEXMEASURES_SESSION_MAX_AGE',
    section: 'Security',
    default: 43200,
    description: 'Maximal age in seconds of a dashboard login (the session cookie and the session token in it; twelve hours).',
    parse: integer({ min: 60 }),
  }),
  sessionCookieSecure: spec({
    key: 'FLEXMEASURES_SESSION_COOKIE_SECURE',
    section: 'Security',
    default: false,
    description: 'Always mark the session cookie Secure (sent over HTTPS only). Without it, the cookie is Secure when the login came over HTTPS (see FLEXMEASURES_TRUST_PROXY).',
    parse: boolean,
  }),
  passwordHashCost: spec({
    key: 'SECURITY_PASSWORD_HASH_COST',
    section: 'Security',
    default: 12,
    description: 'bcrypt cost factor for password hashes (each step doubles the work; 12 takes about 0.25 s here).',
    parse: integer({ min: 4, max: 16 }),
  }),
  resetPasswordWithin: spec({
    key: 'SECURITY_RESET_PASSWORD_WITHIN',
    section: 'Security',
    default: 'PT24H',
    description: 'How long a password reset link stays valid (ISO 8601 or seconds); a link works once.',
    parse: duration,
  }),
  loginAttemptsPerEmail: spec({
    key: 'SECURITY_LOGIN_ATTEMPTS_PER_EMAIL',
    section: 'Security',
    default: 10,
    description: 'Token requests, dashboard logins and reset requests allowed per email address in 15 minutes; more get 429 with Retry-After.',
    parse: integer({ min: 1 }),
  }),
  loginAttemptsPerAddress: spec({
    key: 'SECURITY_LOGIN_ATTEMPTS_PER_ADDRESS',
    section: 'Security',
    default: 30,
    description: 'Token requests, dashboard logins and reset requests allowed per client address in 15 minutes.',
    parse: integer({ min: 1 }),
  }),
  trackable: spec({
    key: 'SECURITY_TRACKABLE',
    section: 'Security',
    default: false,
    description: 'Track user statistics beyond the login count and last login time.',
    parse: boolean,
  }),
  corsOrigins: spec({
    key: 'CORS_ORIGINS',
    section: 'Security',
    default: [],
    description: 'Allowed cross origins (JSON list or comma-separated); "*" allows all.',
    parse: list,
  }),
  corsResources: spec({
    key: 'CORS_RESOURCES',
    section: 'Security',
    default: ['/api/*'],
    description: 'Paths that get CORS headers (JSON list or comma-separated; * matches any rest of the path).',
    parse: list,
  }),
  corsSupportsCredentials: spec({
    key: 'CORS_SUPPORTS_CREDENTIALS',
    section: 'Security',
    default: true,
    description: 'Allow credentialed cross-origin requests (cannot be combined with the "*" origin).',
    parse: boolean,
  }),
  mailServer: spec({
    key: 'MAIL_SERVER',
    section: 'Mail',
    description: 'SMTP host. Unset: mail is written to DATA_DIR/outbox and the log instead of being sent.',
    parse: text,
  }),
  mailPort: spec({
    key: 'MAIL_PORT',
    section: 'Mail',
    default: 25,
    description: 'SMTP port.',
    parse: integer({ min: 1, max: 65535 }),
  }),
  mailUseTls: spec({ key: 'MAIL_USE_TLS', section: 'Mail', default: false, description: 'Use STARTTLS.', parse: boolean }),
  mailUseSsl: spec({ key: 'MAIL_USE_SSL', section: 'Mail', default: false, description: 'Use TLS from the start (SMTPS).', parse: boolean }),
  mailUsername: spec({ key: 'MAIL_USERNAME', section: 'Mail', description: 'SMTP login name.', parse: text }),
  mailDefaultSender: spec({
    key: 'MAIL_DEFAULT_SENDER',
    section: 'Mail',
    default: ['FlexMeasures', 'no-reply@example.com'],
    description: 'Sender as "Name <address>" or ["Name", "address"].',
    parse: mailSender,
  }),
  mailPassword: spec({ key: 'MAIL_PASSWORD', section: 'Mail', description: 'SMTP password.', parse: text, secret: true }),
  redisUrl: spec({
    key: 'REDIS_URL',
    section: 'Redis',
    description: 'Redis URL for the job queues, e.g. redis://:password@host:6379/0. Unset (and no FLEXMEASURES_REDIS_URL): jobs run in-process.',
    parse: url(['redis:', 'rediss:']),
    secret: true,
  }),
  redisHost: spec({
    key: 'FLEXMEASURES_REDIS_URL',
    section: 'Redis',
    description: 'The seed\'s way: Redis host name (combined with the three settings below) when REDIS_URL is not set.',
    parse: text,
  }),
  redisPort: spec({ key: 'FLEXMEASURES_REDIS_PORT', section: 'Redis', default: 6379, description: 'Redis port (with FLEXMEASURES_REDIS_URL).', parse: integer({ min: 1, max: 65535 }) }),
  redisDbNr: spec({ key: 'FLEXMEASURES_REDIS_DB_NR', section: 'Redis', default: 0, description: 'Redis database number 0-15 (with FLEXMEASURES_REDIS_URL).', parse: integer({ min: 0, max: 15 }) }),
  redisPassword: spec({ key: 'FLEXMEASURES_REDIS_PASSWORD', section: 'Redis', description: 'Redis password (with FLEXMEASURES_REDIS_URL).', parse: text, secret: true }),
  queuePrefix: spec({
    key: 'FLEXMEASURES_QUEUE_PREFIX',
    section: 'Jobs',
    default: 'flexmeasures',
    description: 'Prefix of the queue keys in Redis, so several platforms can share one Redis server.',
    parse: text,
  }),
  workerQueues: spec({
    key: 'FLEXMEASURES_WORKER_QUEUES',
    section: 'Jobs',
    default: ['scheduling', 'forecasting'],
    description: 'Queues a worker process consumes (comma-separated).',
    parse: (raw) => list(raw).map((queue) => oneOf(QUEUES)(queue)),
  }),
  workerConcurrency: spec({
    key: 'FLEXMEASURES_WORKER_CONCURRENCY',
    section: 'Jobs',
    default: 1,
    description: 'Jobs a worker process runs at the same time, per queue.',
    parse: integer({ min: 1, max: 64 }),
  }),
  jobLockDuration: spec({
    key: 'FLEXMEASURES_JOB_LOCK_DURATION',
    section: 'Jobs',
    default: 'PT30S',
    description: 'Lock a worker holds on a running job, renewed while it runs (ISO 8601 or seconds); a worker that dies hands its job back once the lock expires.',
    parse: duration,
  }),
  jobStalledInterval: spec({
    key: 'FLEXMEASURES_JOB_STALLED_INTERVAL',
    section: 'Jobs',
    default: 'PT30S',
    description: 'How often a worker looks for running jobs whose lock expired and queues them again (ISO 8601 or seconds).',
    parse: duration,
  }),
  forecastingOnNewData: spec({
    key: 'FLEXMEASURES_FORECASTING_ON_NEW_DATA',
    section: 'Jobs',
    default: true,
    description:
      'Queue forecasting jobs (1, 6, 24 and 48 hours ahead) for a sensor whenever new meter, price or weather data for it is stored. false: forecasts are made only by `flexmeasures add forecasts`.',
    parse: boolean,
  }),
  forecastingDelay: spec({
    key: 'FLEXMEASURES_FORECASTING_DELAY',
    section: 'Jobs',
    default: 'PT10S',
    description:
      'How long a forecasting job queued by new data waits before it runs (ISO 8601 or seconds); data arriving for the same sensor meanwhile joins that job instead of queueing another.',
    parse: duration,
  }),
  publicDemoCredentials: spec({
    key: 'FLEXMEASURES_PUBLIC_DEMO_CREDENTIALS',
    section: 'Demonstrations',
    description: 'In demo mode, login shown to everyone: ["email", "password"].',
    parse: demoCredentials,
    secret: true,
  }),
  demoYear: spec({
    key: 'FLEXMEASURES_DEMO_YEAR',
    section: 'Demonstrations',
    description: 'In demo mode, show data of this year as if it were current.',
    parse: integer({ min: 1970, max: 2200 }),
  }),
  showControlUi: spec({
    key: 'FLEXMEASURES_SHOW_CONTROL_UI',
    section: 'Demonstrations',
    default: false,
    description: 'Show the control page.',
    parse: boolean,
  }),
} as const;

export type SettingName = keyof typeof SETTINGS;
type ParsedOf<S> = S extends SettingSpec<infer T> ? T : never;
/** Parsed values; settings without a default may be undefined. */
export type SettingValues = { [K in SettingName]: ParsedOf<(typeof SETTINGS)[K]> | undefined };

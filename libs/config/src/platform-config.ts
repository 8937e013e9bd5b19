import { ENVIRONMENTS, LOG_LEVELS, LP_SOLVERS, QUEUES } from './settings';

export type DatabaseConfig =
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize: number; readonly migrateOnStart: boolean }
  | { readonly kind: 'embedded'; readonly dataDir: string; readonly migrateOnStart: boolean };

export type QueueConfig =
  | { readonly kind: 'redis'; readonly url: string; readonly prefix: string }
  | { readonly kind: 'in-process' };

/** The validated configuration; nothing else in the platform reads process.env. */
export interface PlatformConfig {
  readonly env: (typeof ENVIRONMENTS)[number];
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly mode: '' | 'demo' | 'play';
  readonly lpSolver: (typeof LP_SOLVERS)[number];
  /** Time limit and relative MIP gap of one scheduling solve. */
  readonly lpSolverTimeLimitMs: number;
  readonly lpSolverMipGap: number;
  readonly preferChargingSooner: boolean;
  readonly hostsAndAuthStart: Readonly<Record<string, string>>;
  readonly dbBackupPath: string;
  readonly profileRequests: boolean;
  readonly dataDir: string;
  readonly configFile?: string;
  readonly http: {
    readonly port: number;
    readonly host: string;
    readonly maxContentLength: number;
    readonly shutdownTimeoutMs: number;
    /** Where people reach the platform; links in mail start with it. */
    readonly baseUrl: string;
    /** Express's "trust proxy": which proxies' X-Forwarded-* headers count. */
    readonly trustProxy: boolean | number | readonly string[];
  };
  readonly ui: {
    readonly platformName: string;
    readonly hideNanInUi: boolean;
    readonly queueDashboardPollIntervalMs: number;
    readonly showControlUi: boolean;
  };
  readonly timing: {
    readonly timezone: string;
    readonly planningTtlMs: number;
    readonly planningHorizonMs: number;
  };
  readonly tokens: {
    readonly darkSkyApiKey?: string;
    readonly mapboxAccessToken?: string;
    readonly taskCheckAuthToken?: string;
  };
  readonly database: DatabaseConfig;
  readonly security: {
    readonly secretKey: string;
    /** Where the secret key came from, for the start-up log (never the key itself). */
    readonly secretKeySource: 'setting' | 'data-dir';
    readonly passwordSalt: string;
    readonly tokenHeader: string;
    readonly tokenMaxAgeSeconds: number;
    /** Dashboard logins: the session cookie's and session token's lifetime. */
    readonly sessionMaxAgeSeconds: number;
    /** Mark the session cookie Secure even when the request did not come over https. */
    readonly sessionCookieSecure: boolean;
    readonly passwordHashCost: number;
    readonly resetPasswordWithinMs: number;
    readonly loginAttempts: { readonly perEmail: number; readonly perAddress: number };
    readonly trackable: boolean;
    readonly cors: {
      readonly origins: readonly string[];
      readonly resources: readonly string[];
      readonly supportsCredentials: boolean;
    };
  };
  readonly mail: {
    readonly server?: string;
    readonly port: number;
    readonly useTls: boolean;
    readonly useSsl: boolean;
    readonly username?: string;
    readonly password?: string;
    readonly defaultSender: { readonly name: string; readonly address: string };
  };
  readonly queue: QueueConfig;
  readonly worker: {
    readonly queues: readonly (typeof QUEUES)[number][];
    readonly concurrency: number;
    /** Bull's lock on a running job and how often expired locks are looked for (FLEXMEASURES_JOB_LOCK_DURATION, …_STALLED_INTERVAL). */
    readonly lockDurationMs: number;
    readonly stalledIntervalMs: number;
  };
  readonly forecasting: {
    /** FLEXMEASURES_FORECASTING_ON_NEW_DATA: queue forecasting jobs when data lands. */
    readonly onNewData: boolean;
    /** FLEXMEASURES_FORECASTING_DELAY: a queued job waits this long, gathering the data landing meanwhile. */
    readonly delayMs: number;
  };
  readonly demo: {
    readonly credentials?: { readonly email: string; readonly password: string };
    readonly year?: number;
  };
}

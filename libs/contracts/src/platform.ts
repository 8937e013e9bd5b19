/** `GET /api/platform`: what the dashboard needs to know before anything else. */
export interface PlatformInfo {
  readonly platformName: string;
  readonly version: string;
  readonly mode: string;
  readonly timezone: string;
  readonly environment: string;
  readonly database: 'postgres' | 'embedded';
  readonly queue: 'redis' | 'in-process';
  /** MAPBOX_ACCESS_TOKEN: a public token, meant for browsers to load map tiles; null when not set. */
  readonly mapboxAccessToken: string | null;
  /** FLEXMEASURES_PUBLIC_DEMO_CREDENTIALS, shown on the login page in demo mode only; null otherwise. */
  readonly demoCredentials: DemoCredentials | null;
}

export interface DemoCredentials {
  readonly email: string;
  readonly password: string;
}

export type CheckStatus = 'up' | 'down';

/** `GET /api/health/ready`: 200 when every check is up, else 503 with the same body. */
export interface ReadinessReport {
  readonly status: 'ok' | 'error';
  readonly checks: {
    readonly database: { readonly status: CheckStatus; readonly detail?: string };
    readonly queue: { readonly status: CheckStatus; readonly detail?: string };
  };
}

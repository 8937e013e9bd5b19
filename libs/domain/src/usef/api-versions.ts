import { POWER_UNITS } from '../beliefs/power-units';

/** The USEF API versions the platform serves (seed §16–20). */
export const API_VERSIONS = ['v1', 'v1_1', 'v1_2', 'v1_3', 'v2_0'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

export function isApiVersion(text: string): text is ApiVersion {
  return (API_VERSIONS as readonly string[]).includes(text);
}

/**
 * How the versions differ for time-series messages; everything else is shared.
 * - `beliefTiming`: v2.0 reads `horizon` as rolling and accepts `prior`;
 *   v1.x reads `R/<duration>` as rolling and a plain duration as relative to
 *   the end of the posted period, and ignores `prior` (change log §21.1).
 * - `powerUnits`: "valid units for timeseries data in version 1 of the API
 *   are MW only" (§14.4.8); v2.0 also converts kW and W.
 * - `simplifiedConnections`: `<owner id>:<asset id>` and `<asset id>` are
 *   "notation for simulation" in version 1 (§14.4.2).
 */
export interface ApiVersionRules {
  readonly beliefTiming: 'rolling-or-prior' | 'v1-horizons';
  readonly powerUnits: readonly string[];
  readonly simplifiedConnections: boolean;
}

const V1: ApiVersionRules = { beliefTiming: 'v1-horizons', powerUnits: ['MW'], simplifiedConnections: true };

export const API_VERSION_RULES: Readonly<Record<ApiVersion, ApiVersionRules>> = {
  v1: V1,
  v1_1: V1,
  v1_2: V1,
  v1_3: V1,
  v2_0: { beliefTiming: 'rolling-or-prior', powerUnits: POWER_UNITS, simplifiedConnections: false },
};

/** `v1_3` → `1.3`, `v1` → `1.0`. */
export function versionNumber(version: ApiVersion): string {
  const [major, minor = '0'] = version.slice(1).split('_');
  return `${major}.${minor}`;
}

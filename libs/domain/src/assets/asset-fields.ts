/**
 * Checks the fields of an asset as the assets API receives them (seed §16):
 * types, ranges and cross-field rules. Existence of the asset type, market
 * and owner is checked against the database by the caller.
 */
export interface AssetFields {
  name: string;
  display_name: string;
  asset_type: string;
  unit: string;
  owner: number;
  market: number;
  event_resolution: number;
  capacity_in_mw: number;
  latitude: number;
  longitude: number;
  min_soc_in_mwh: number | null;
  max_soc_in_mwh: number | null;
  soc_in_mwh: number | null;
  soc_datetime: string | null;
  soc_udi_event_id: number | null;
  /** Share of grid energy that ends up stored when charging (0–1, default 1); used by the scheduler. */
  charging_efficiency: number;
  /** Share of stored energy that reaches the grid when discharging (0–1, default 1). */
  discharging_efficiency: number;
}

export const ASSET_POWER_UNITS = ['MW', 'kW', 'W'] as const;
const REQUIRED = ['name', 'asset_type', 'unit', 'owner', 'market', 'event_resolution', 'capacity_in_mw', 'latitude', 'longitude'] as const;
/** Fields that cannot be set through the API: ignored when sent (the seed's rule). */
export const READ_ONLY_ASSET_FIELDS = ['id'] as const;

type Problems = Record<string, string>;
type Checker = (value: unknown) => { value: unknown } | { problem: string };

const number = (check: (n: number) => string | undefined = () => undefined): Checker => (value) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { problem: 'must be a number' };
  const problem = check(value);
  return problem ? { problem } : { value };
};
const nullableNumber = (check?: (n: number) => string | undefined): Checker => (value) => (value === null ? { value: null } : number(check)(value));
const integer = (check: (n: number) => string | undefined = () => undefined): Checker => (value) =>
  typeof value === 'number' && Number.isInteger(value) ? number(check)(value) : { problem: 'must be a whole number' };
const text = (max: number): Checker => (value) =>
  typeof value !== 'string' || value.trim() === '' ? { problem: 'must be a non-empty string' } : value.length > max ? { problem: `must be at most ${max} characters` } : { value: value.trim() };

const efficiency = (n: number): string | undefined => (n > 0 && n <= 1 ? undefined : 'must be above 0 and at most 1 (e.g. 0.95 for 95%)');

const CHECKERS: Record<keyof AssetFields, Checker> = {
  name: text(80),
  display_name: text(80),
  asset_type: text(80),
  unit: (value) => (ASSET_POWER_UNITS.includes(value as (typeof ASSET_POWER_UNITS)[number]) ? { value } : { problem: `must be one of ${ASSET_POWER_UNITS.join(', ')}` }),
  owner: integer((n) => (n > 0 ? undefined : 'must be a user id')),
  market: integer((n) => (n > 0 ? undefined : 'must be a market id')),
  event_resolution: integer((n) => (n > 0 && 1440 % n === 0 ? undefined : 'must be a number of minutes that divides a day (e.g. 1, 5, 15, 60)')),
  capacity_in_mw: number((n) => (n >= 0 ? undefined : 'must not be negative')),
  latitude: number((n) => (n >= -90 && n <= 90 ? undefined : 'must be between -90 and 90')),
  longitude: number((n) => (n >= -180 && n <= 180 ? undefined : 'must be between -180 and 180')),
  min_soc_in_mwh: nullableNumber((n) => (n >= 0 ? undefined : 'must not be negative')),
  max_soc_in_mwh: nullableNumber((n) => (n >= 0 ? undefined : 'must not be negative')),
  soc_in_mwh: nullableNumber(),
  soc_datetime: (value) => {
    if (value === null) return { value: null };
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
      return { problem: 'must be an ISO 8601 date-time with a time zone, e.g. 2015-01-01T00:00:00+00:00' };
    }
    return { value: new Date(value).toISOString() };
  },
  soc_udi_event_id: (value) => (value === null ? { value: null } : integer((n) => (n >= 0 ? undefined : 'must not be negative'))(value)),
  charging_efficiency: number(efficiency),
  discharging_efficiency: number(efficiency),
};

export interface AssetFieldResult {
  readonly fields: Partial<AssetFields>;
  readonly problems: Problems;
}

/**
 * New asset: required fields must be there; storage types need SOC limits.
 * Unknown fields are problems too (a typo should not pass silently).
 */
export function checkNewAsset(body: Record<string, unknown>, storageTypes: readonly string[]): AssetFieldResult {
  const { fields, problems } = checkFields(body, { unknownIsProblem: true });
  for (const key of REQUIRED) if (body[key] === undefined && !problems[key]) problems[key] = 'is required';
  if (fields.asset_type && storageTypes.includes(fields.asset_type)) {
    for (const key of ['min_soc_in_mwh', 'max_soc_in_mwh'] as const) {
      if ((body[key] === undefined || body[key] === null) && !problems[key]) problems[key] = `is required for a ${fields.asset_type}`;
    }
  }
  if (fields.display_name === undefined && fields.name) fields.display_name = fields.name;
  crossCheck({ ...fields }, problems);
  return { fields, problems };
}

/** Changes to an asset: any subset; read-only fields are ignored; the result is checked as a whole. */
export function checkAssetChanges(body: Record<string, unknown>, current: AssetFields): AssetFieldResult {
  const changes = Object.fromEntries(Object.entries(body).filter(([key]) => !(READ_ONLY_ASSET_FIELDS as readonly string[]).includes(key)));
  const { fields, problems } = checkFields(changes, { unknownIsProblem: true });
  for (const key of REQUIRED) if (key in changes && changes[key] === null) problems[key] = 'cannot be removed';
  crossCheck({ ...current, ...fields }, problems);
  return { fields, problems };
}

function checkFields(body: Record<string, unknown>, options: { unknownIsProblem: boolean }): { fields: Partial<AssetFields>; problems: Problems } {
  const fields: Record<string, unknown> = {};
  const problems: Problems = {};
  for (const [key, value] of Object.entries(body)) {
    const checker = CHECKERS[key as keyof AssetFields];
    if (!checker) {
      if (options.unknownIsProblem) problems[key] = 'is not an asset field';
      continue;
    }
    if (value === undefined) continue;
    const result = checker(value);
    if ('problem' in result) problems[key] = result.problem;
    else fields[key] = result.value;
  }
  return { fields: fields as Partial<AssetFields>, problems };
}

function crossCheck(asset: Partial<AssetFields>, problems: Problems): void {
  const { min_soc_in_mwh: min, max_soc_in_mwh: max, soc_in_mwh: soc } = asset;
  if (typeof min === 'number' && typeof max === 'number' && min > max && !problems.min_soc_in_mwh) {
    problems.min_soc_in_mwh = 'must not be above max_soc_in_mwh';
  }
  if (typeof soc === 'number' && !problems.soc_in_mwh) {
    if (typeof min === 'number' && soc < min) problems.soc_in_mwh = 'must not be below min_soc_in_mwh';
    else if (typeof max === 'number' && soc > max) problems.soc_in_mwh = 'must not be above max_soc_in_mwh';
  }
}

/**
 * Numbers with units, for people: one locale for the whole dashboard so a table reads the same
 * everywhere, and prefixes chosen so a value has at most three significant digits before rounding
 * starts to hide information ("1.5 MW", "250 kW", "12.3 kWh").
 */
export const DISPLAY_LOCALE = 'en-GB';

const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(DISPLAY_LOCALE, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatNumber(value: number, maximumFractionDigits = 2): string {
  return numberFormat({ maximumFractionDigits }).format(value);
}

/** Fraction digits that keep three significant digits for values of this size. */
function readableDigits(magnitude: number): number {
  if (magnitude >= 100) return 0;
  if (magnitude >= 10) return 1;
  return 2;
}

const PREFIXES = [
  { prefix: 'G', factor: 1e9 },
  { prefix: 'M', factor: 1e6 },
  { prefix: 'k', factor: 1e3 },
  { prefix: '', factor: 1 },
] as const;

/** Factor of a power or energy unit relative to W or Wh: MW → 1e6, kWh → 1e3; undefined for other units. */
function siFactor(unit: string): { base: 'W' | 'Wh'; factor: number } | undefined {
  const match = /^([GMk]?)(W|Wh)$/.exec(unit);
  if (match === null) return undefined;
  const factor = PREFIXES.find((candidate) => candidate.prefix === match[1])?.factor ?? 1;
  return { base: match[2] === 'Wh' ? 'Wh' : 'W', factor };
}

/**
 * A value in a unit, rescaled to the most readable prefix when the unit is one of power (W, kW, MW, GW)
 * or energy (Wh, kWh, MWh, GWh); any other unit (EUR/MWh, °C, m/s) is kept as it is.
 */
export function formatQuantity(value: number, unit: string): string {
  const si = siFactor(unit);
  if (si === undefined) return unit === '' ? formatNumber(value) : `${formatNumber(value)} ${unit}`;
  if (value === 0) return `0 ${unit}`;
  const inBase = value * si.factor;
  const magnitude = Math.abs(inBase);
  const { prefix, factor } = PREFIXES.find((candidate) => magnitude >= candidate.factor) ?? PREFIXES[PREFIXES.length - 1];
  const scaled = inBase / factor;
  return `${formatNumber(scaled, readableDigits(Math.abs(scaled)))} ${prefix}${si.base}`;
}

export function formatPower(megawatts: number): string {
  return formatQuantity(megawatts, 'MW');
}

export function formatEnergy(megawattHours: number): string {
  return formatQuantity(megawattHours, 'MWh');
}

/** Capacity as the platform stores it: always in MW, up to kW precision ("0.664 MW", "66 MW"). */
export function formatCapacity(megawatts: number): string {
  return `${formatNumber(megawatts, 3)} MW`;
}

/** An event resolution in minutes: "15 minutes", "1 hour", "1 day". */
export function formatResolution(minutes: number): string {
  const [unit, amount] =
    minutes > 0 && minutes % 1440 === 0 ? (['day', minutes / 1440] as const)
    : minutes > 0 && minutes % 60 === 0 ? (['hour', minutes / 60] as const)
    : (['minute', minutes] as const);
  return numberFormat({ style: 'unit', unit, unitDisplay: 'long' }).format(amount);
}

/** 0.95 → "95%". */
export function formatPercentage(fraction: number): string {
  return numberFormat({ style: 'percent', maximumFractionDigits: 1 }).format(fraction);
}

/** "33.4124° N, 126.8372° E" */
export function formatLocation(latitude: number, longitude: number): string {
  const coordinate = (value: number, positive: string, negative: string) =>
    `${formatNumber(Math.abs(value), 4)}° ${value < 0 ? negative : positive}`;
  return `${coordinate(latitude, 'N', 'S')}, ${coordinate(longitude, 'E', 'W')}`;
}

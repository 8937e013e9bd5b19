import { fromZonedInputValue, toZonedInputValue } from '../../shared/format/time';
import type { Asset, AssetChanges } from './assetsApi';
import { isStorageType } from './assetTypes';

/** Every field of the asset form, as the text its control holds. */
export interface AssetFormValues {
  name: string;
  display_name: string;
  asset_type: string;
  unit: string;
  owner: string;
  market: string;
  event_resolution: string;
  capacity_in_mw: string;
  latitude: string;
  longitude: string;
  min_soc_in_mwh: string;
  max_soc_in_mwh: string;
  soc_in_mwh: string;
  /** datetime-local text in the user's time zone. */
  soc_datetime: string;
  soc_udi_event_id: string;
  charging_efficiency: string;
  discharging_efficiency: string;
}

export type AssetField = keyof AssetFormValues;

/**
 * The labels of the form's controls; also used to write the API's field errors for people. No label is
 * part of another, so browser tests can find each control by a plain label match.
 */
export const ASSET_FIELD_LABELS: Readonly<Record<AssetField, string>> = {
  name: 'Asset name',
  display_name: 'Display name',
  asset_type: 'Asset type',
  unit: 'Unit',
  owner: 'Owner',
  market: 'Market id',
  event_resolution: 'Resolution (minutes)',
  capacity_in_mw: 'Capacity (MW)',
  latitude: 'Latitude',
  longitude: 'Longitude',
  min_soc_in_mwh: 'Minimum state of charge (MWh)',
  max_soc_in_mwh: 'Maximum state of charge (MWh)',
  soc_in_mwh: 'Current state of charge (MWh)',
  soc_datetime: 'State of charge measured at',
  soc_udi_event_id: 'UDI event id of the state of charge',
  charging_efficiency: 'Efficiency when charging',
  discharging_efficiency: 'Efficiency when discharging',
};

export const ASSET_FIELDS = Object.keys(ASSET_FIELD_LABELS) as AssetField[];

const REQUIRED: readonly AssetField[] = ['name', 'asset_type', 'unit', 'owner', 'market', 'event_resolution', 'capacity_in_mw', 'latitude', 'longitude'];
const WHOLE_NUMBERS: readonly AssetField[] = ['owner', 'market', 'event_resolution', 'soc_udi_event_id'];
const NUMBERS: readonly AssetField[] = [
  'owner', 'market', 'event_resolution', 'capacity_in_mw', 'latitude', 'longitude',
  'min_soc_in_mwh', 'max_soc_in_mwh', 'soc_in_mwh', 'soc_udi_event_id', 'charging_efficiency', 'discharging_efficiency',
];
/** Optional when creating (the API defaults them), but they cannot be removed. */
const NOT_REMOVABLE: readonly AssetField[] = ['display_name', 'charging_efficiency', 'discharging_efficiency'];
export const STORAGE_FIELDS: readonly AssetField[] = [
  'min_soc_in_mwh', 'max_soc_in_mwh', 'soc_in_mwh', 'soc_datetime', 'soc_udi_event_id', 'charging_efficiency', 'discharging_efficiency',
];

export function newAssetValues(defaults: { owner: number; market: number }): AssetFormValues {
  return {
    name: '', display_name: '', asset_type: '', unit: 'MW', owner: String(defaults.owner), market: String(defaults.market),
    event_resolution: '15', capacity_in_mw: '', latitude: '', longitude: '',
    min_soc_in_mwh: '', max_soc_in_mwh: '', soc_in_mwh: '', soc_datetime: '', soc_udi_event_id: '',
    charging_efficiency: '1', discharging_efficiency: '1',
  };
}

const text = (value: number | null) => (value === null ? '' : String(value));

export function assetValues(asset: Asset, timezone: string): AssetFormValues {
  return {
    name: asset.name, display_name: asset.display_name, asset_type: asset.asset_type, unit: asset.unit,
    owner: String(asset.owner), market: text(asset.market), event_resolution: String(asset.event_resolution),
    capacity_in_mw: String(asset.capacity_in_mw), latitude: String(asset.latitude), longitude: String(asset.longitude),
    min_soc_in_mwh: text(asset.min_soc_in_mwh), max_soc_in_mwh: text(asset.max_soc_in_mwh), soc_in_mwh: text(asset.soc_in_mwh),
    soc_datetime: asset.soc_datetime === null ? '' : toZonedInputValue(asset.soc_datetime, timezone),
    soc_udi_event_id: text(asset.soc_udi_event_id),
    charging_efficiency: String(asset.charging_efficiency), discharging_efficiency: String(asset.discharging_efficiency),
  };
}

export type FormProblems = Partial<Record<string, string[]>>;

type FieldValue = string | number | null;

function parseField(field: AssetField, raw: string, timezone: string): { value: FieldValue } | { problem: string } {
  const value = raw.trim();
  if (field === 'soc_datetime') {
    const instant = fromZonedInputValue(value, timezone);
    return instant === undefined ? { problem: 'must be a date and time' } : { value: instant };
  }
  if (!NUMBERS.includes(field)) return { value };
  const number = Number(value);
  if (!Number.isFinite(number)) return { problem: 'must be a number' };
  if (WHOLE_NUMBERS.includes(field) && !Number.isInteger(number)) return { problem: 'must be a whole number' };
  return { value: number };
}

/**
 * What to send to the API. New assets send every filled-in field. Changes send only fields that
 * differ from `initial`; an emptied optional field is sent as null (removed). Storage fields are
 * sent only for storage types. Problems that need no server (empty or non-numeric) come back keyed by field.
 */
export function assetChanges(
  values: AssetFormValues,
  options: { timezone: string; initial?: AssetFormValues; canChangeOwner: boolean },
): { changes: AssetChanges; problems: FormProblems } {
  const { timezone, initial, canChangeOwner } = options;
  const changes: Record<string, FieldValue> = {};
  const problems: FormProblems = {};
  const storage = isStorageType(values.asset_type);

  for (const field of ASSET_FIELDS) {
    if (field === 'owner' && !canChangeOwner) continue;
    if (STORAGE_FIELDS.includes(field) && !storage) continue;
    const raw = values[field];
    if (initial !== undefined && raw.trim() === initial[field].trim()) continue;
    if (raw.trim() === '') {
      if (REQUIRED.includes(field)) problems[field] = [field === 'asset_type' ? 'Choose an asset type.' : 'is required'];
      // Emptying an optional field of an existing asset removes its value; a new asset leaves it out.
      else if (initial !== undefined && NOT_REMOVABLE.includes(field) && field !== 'display_name') problems[field] = ['is required'];
      else if (initial !== undefined && !NOT_REMOVABLE.includes(field)) changes[field] = null;
      continue;
    }
    const parsed = parseField(field, raw, timezone);
    if ('problem' in parsed) problems[field] = [parsed.problem];
    else changes[field] = parsed.value;
  }
  return { changes: changes as AssetChanges, problems };
}

/**
 * An API problem as a sentence for people: "is already used by another asset" → "Name is already
 * used by another asset.", with field names (max_soc_in_mwh) replaced by their labels.
 */
export function describeFieldProblem(field: string, problem: string): string {
  const label = (ASSET_FIELD_LABELS as Record<string, string>)[field] ?? field;
  let sentence = problem.trim();
  if (/^[A-Z]/.test(sentence)) return sentence.endsWith('.') ? sentence : `${sentence}.`;
  if (sentence.toLowerCase().startsWith(`${field.toLowerCase()} `)) sentence = sentence.slice(field.length + 1);
  for (const [other, otherLabel] of Object.entries(ASSET_FIELD_LABELS)) {
    sentence = sentence.replace(new RegExp(`\\b${other}\\b`, 'g'), otherLabel.charAt(0).toLowerCase() + otherLabel.slice(1));
  }
  return `${label} ${sentence}${sentence.endsWith('.') ? '' : '.'}`;
}

import type { AssetStateResponse, LatestBelief } from '@flexmeasures/contracts';
import { deleteJson, getJson, patchJson, postJson } from '../../shared/api/http';
import {
  expectArray,
  expectNullableNumber,
  expectNullableString,
  expectNumber,
  expectObject,
  expectString,
  isJsonObject,
  type JsonObject,
} from '../../shared/api/validate';

/** An asset as the v2_0 assets API shows it (seed §16). */
export interface Asset {
  readonly id: number;
  readonly name: string;
  readonly display_name: string;
  readonly asset_type: string;
  readonly unit: string;
  readonly owner: number;
  readonly market: number | null;
  /** Minutes. */
  readonly event_resolution: number;
  readonly capacity_in_mw: number;
  readonly latitude: number;
  readonly longitude: number;
  readonly min_soc_in_mwh: number | null;
  readonly max_soc_in_mwh: number | null;
  readonly soc_in_mwh: number | null;
  readonly soc_datetime: string | null;
  readonly soc_udi_event_id: number | null;
  readonly charging_efficiency: number;
  readonly discharging_efficiency: number;
}

/** The fields a client sends to create or change an asset (a subset when changing). */
export type AssetChanges = Partial<Omit<Asset, 'id'>>;

function numberOr(body: JsonObject, key: string, what: string, fallback: number): number {
  return body[key] === undefined || body[key] === null ? fallback : expectNumber(body, key, what);
}

export function parseAsset(value: unknown, what = 'asset'): Asset {
  const body = expectObject(value, what);
  const name = expectString(body, 'name', what);
  return {
    id: expectNumber(body, 'id', what),
    name,
    display_name: expectNullableString(body, 'display_name', what) ?? name,
    asset_type: expectString(body, 'asset_type', what),
    unit: expectString(body, 'unit', what),
    owner: expectNumber(body, 'owner', what),
    market: expectNullableNumber(body, 'market', what),
    event_resolution: expectNumber(body, 'event_resolution', what),
    capacity_in_mw: expectNumber(body, 'capacity_in_mw', what),
    latitude: expectNumber(body, 'latitude', what),
    longitude: expectNumber(body, 'longitude', what),
    min_soc_in_mwh: expectNullableNumber(body, 'min_soc_in_mwh', what),
    max_soc_in_mwh: expectNullableNumber(body, 'max_soc_in_mwh', what),
    soc_in_mwh: expectNullableNumber(body, 'soc_in_mwh', what),
    soc_datetime: expectNullableString(body, 'soc_datetime', what),
    soc_udi_event_id: expectNullableNumber(body, 'soc_udi_event_id', what),
    charging_efficiency: numberOr(body, 'charging_efficiency', what, 1),
    discharging_efficiency: numberOr(body, 'discharging_efficiency', what, 1),
  };
}

/** The caller's assets (admins: all, or one owner's). */
export async function fetchAssets(signal?: AbortSignal, ownerId?: number): Promise<Asset[]> {
  const path = ownerId === undefined ? '/api/v2_0/assets' : `/api/v2_0/assets?owner_id=${ownerId}`;
  return expectArray(await getJson(path, { signal }), 'assets').map((asset, index) => parseAsset(asset, `assets[${index}]`));
}

export async function fetchAsset(id: number, signal?: AbortSignal): Promise<Asset> {
  return parseAsset(await getJson(`/api/v2_0/asset/${id}`, { signal }));
}

export async function createAsset(fields: AssetChanges): Promise<Asset> {
  return parseAsset(await postJson('/api/v2_0/assets', fields));
}

export async function updateAsset(id: number, changes: AssetChanges): Promise<Asset> {
  return parseAsset(await patchJson(`/api/v2_0/asset/${id}`, changes));
}

export async function deleteAsset(id: number): Promise<void> {
  await deleteJson(`/api/v2_0/asset/${id}`);
}

export type { AssetStateResponse, LatestBelief };

function parseReading(value: unknown): LatestBelief | null {
  if (value === null || value === undefined) return null;
  const body = expectObject(value, 'state.latest');
  const source = expectObject(body.source, 'state.latest.source');
  return {
    value: expectNumber(body, 'value', 'state.latest'),
    event_start: expectString(body, 'event_start', 'state.latest'),
    event_end: expectString(body, 'event_end', 'state.latest'),
    belief_time: expectString(body, 'belief_time', 'state.latest'),
    source: {
      id: expectNumber(source, 'id', 'state.latest.source'),
      name: expectString(source, 'name', 'state.latest.source'),
      type: expectString(source, 'type', 'state.latest.source'),
    },
  };
}

/** `GET /api/v2_0/asset/:id/state`: the latest reading, or null when there is no data yet. */
export async function fetchAssetState(id: number, signal?: AbortSignal): Promise<AssetStateResponse> {
  const body = expectObject(await getJson(`/api/v2_0/asset/${id}/state`, { signal }), 'state');
  return { asset_id: expectNumber(body, 'asset_id', 'state'), unit: expectString(body, 'unit', 'state'), latest: parseReading(body.latest) };
}

/**
 * Asset id → its entity address, as the platform writes it (getConnection knows the naming authority):
 * `ea1.2018-06.localhost:5000:<owner id>:<asset id>`.
 */
export async function fetchEntityAddresses(signal?: AbortSignal): Promise<ReadonlyMap<number, string>> {
  const body = await getJson('/api/v2_0/getConnection', { signal });
  const addresses = new Map<number, string>();
  if (!isJsonObject(body) || !Array.isArray(body.connections)) return addresses;
  for (const address of body.connections) {
    if (typeof address !== 'string') continue;
    const assetId = Number(address.split(':').pop());
    if (Number.isInteger(assetId)) addresses.set(assetId, address);
  }
  return addresses;
}

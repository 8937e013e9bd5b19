import { AssetRecord, AssetsService, DEFAULT_MARKET } from '@flexmeasures/assets';
import { DataSource } from 'typeorm';

/** `add asset`'s options, as commander camel-cases them (--capacity-in-MW → capacityInMW). */
export interface AddAssetOptions {
  readonly name: string;
  readonly displayName?: string;
  readonly assetTypeName: string;
  readonly unit: string;
  readonly capacityInMW: number;
  readonly eventResolution: number;
  readonly latitude: number;
  readonly longitude: number;
  readonly ownerId: number;
  readonly marketId?: number;
  readonly minSocInMWh?: number;
  readonly maxSocInMWh?: number;
  readonly socInMWh?: number;
}

/** Creates the asset through the assets service (the API's rules), on the default market unless one is given. */
export async function addAsset(dataSource: DataSource, options: AddAssetOptions): Promise<AssetRecord> {
  const market = options.marketId ?? (await defaultMarketId(dataSource));
  const optional = {
    display_name: options.displayName,
    min_soc_in_mwh: options.minSocInMWh,
    max_soc_in_mwh: options.maxSocInMWh,
    soc_in_mwh: options.socInMWh,
  };
  return new AssetsService(dataSource).create({
    name: options.name,
    asset_type: options.assetTypeName,
    unit: options.unit,
    owner: options.ownerId,
    market,
    event_resolution: options.eventResolution,
    capacity_in_mw: options.capacityInMW,
    latitude: options.latitude,
    longitude: options.longitude,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  });
}

async function defaultMarketId(dataSource: DataSource): Promise<number> {
  const rows = (await dataSource.query('SELECT id FROM market WHERE name = $1', [DEFAULT_MARKET.name])) as { id: number }[];
  if (rows.length === 0) {
    throw new Error(`there is no default market (${DEFAULT_MARKET.name}) to put the asset on; run \`flexmeasures add structure\` first (or pass --market-id).`);
  }
  return rows[0].id;
}

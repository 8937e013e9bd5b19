import { DEFAULT_MARKET, StructureCounts } from '@flexmeasures/assets';
import { countOf as count } from '../shared/plural';

/**
 * What `add structure` added, e.g. "Added 8 asset types, 1 market type, 3 weather
 * sensor types, 1 market (epex_da, id 1), 1 data source"; only the kinds it added.
 */
export function describeAddedStructure(counts: StructureCounts, defaultMarketId?: number): string {
  const parts = [
    counts.assetTypes && count(counts.assetTypes, 'asset type'),
    counts.marketTypes && count(counts.marketTypes, 'market type'),
    counts.weatherSensorTypes && count(counts.weatherSensorTypes, 'weather sensor type'),
    counts.markets && `${count(counts.markets, 'market')} (${DEFAULT_MARKET.name}${defaultMarketId === undefined ? '' : `, id ${defaultMarketId}`})`,
    counts.dataSources && count(counts.dataSources, 'data source'),
  ].filter((part): part is string => typeof part === 'string');
  return parts.length ? `Added ${parts.join(', ')}` : 'Structure already complete; nothing added.';
}

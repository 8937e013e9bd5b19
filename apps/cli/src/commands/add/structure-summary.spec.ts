import { describeAddedStructure } from './structure-summary';

describe('add structure summary', () => {
  it('names what was added, in the singular where it is one', () => {
    expect(describeAddedStructure({ assetTypes: 8, marketTypes: 1, weatherSensorTypes: 3, markets: 1, dataSources: 2 }, 4)).toBe(
      'Added 8 asset types, 1 market type, 3 weather sensor types, 1 market (epex_da, id 4), 2 data sources',
    );
    expect(describeAddedStructure({ assetTypes: 1, marketTypes: 0, weatherSensorTypes: 0, markets: 0, dataSources: 0 })).toBe('Added 1 asset type');
  });

  it('says so when nothing was missing', () => {
    expect(describeAddedStructure({ assetTypes: 0, marketTypes: 0, weatherSensorTypes: 0, markets: 0, dataSources: 0 })).toBe(
      'Structure already complete; nothing added.',
    );
  });
});

import { countAssetTypes, pageOf } from './assetTable';

describe('countAssetTypes', () => {
  it('counts each type, most common first, ties by label', () => {
    const types = ['wind', 'solar', 'battery', 'solar', 'charging_station', 'solar', 'battery', 'heat_pump'];
    expect(countAssetTypes(types.map((asset_type) => ({ asset_type })))).toEqual([
      { assetType: 'solar', label: 'Solar', count: 3 },
      { assetType: 'battery', label: 'Battery', count: 2 },
      { assetType: 'charging_station', label: 'Charging station', count: 1 },
      { assetType: 'heat_pump', label: 'Heat pump', count: 1 },
      { assetType: 'wind', label: 'Wind', count: 1 },
    ]);
    expect(countAssetTypes([])).toEqual([]);
  });
});

describe('pageOf', () => {
  const items = Array.from({ length: 23 }, (_, index) => index + 1);

  it('cuts pages and says which items they hold', () => {
    expect(pageOf(items, 3, 10)).toEqual({ items: [21, 22, 23], page: 3, pageCount: 3, first: 21, last: 23, total: 23 });
  });

  it('clamps a page beyond the end (e.g. after a search) to the last one', () => {
    expect(pageOf(items, 9, 10).page).toBe(3);
    expect(pageOf(items, 0, 10).page).toBe(1);
    expect(pageOf([], 1, 10)).toEqual({ items: [], page: 1, pageCount: 1, first: 0, last: 0, total: 0 });
  });
});

import { seedAssetPost } from '@flexmeasures/testing';
import { AssetFields, checkAssetChanges, checkNewAsset } from './asset-fields';

const STORAGE = ['battery'];
/** The seed's POST example (§16). */
const SEED_POST = seedAssetPost();

describe('new assets', () => {
  it('accepts the seed example and defaults the display name to the name', () => {
    const { fields, problems } = checkNewAsset(SEED_POST, STORAGE);
    expect(problems).toEqual({});
    expect(fields).toMatchObject({ ...SEED_POST, display_name: 'Test battery' });
  });

  it('names every missing required field', () => {
    expect(Object.keys(checkNewAsset({}, STORAGE).problems).sort()).toEqual(
      ['asset_type', 'capacity_in_mw', 'event_resolution', 'latitude', 'longitude', 'market', 'name', 'owner', 'unit'].sort(),
    );
  });

  it('asks a battery for its state-of-charge limits', () => {
    const { max_soc_in_mwh: _max, min_soc_in_mwh: _min, ...withoutSoc } = SEED_POST;
    const { problems } = checkNewAsset(withoutSoc, STORAGE);
    expect(problems).toEqual({ max_soc_in_mwh: 'is required for a battery', min_soc_in_mwh: 'is required for a battery' });
    expect(checkNewAsset({ ...withoutSoc, asset_type: 'solar' }, STORAGE).problems).toEqual({});
  });

  it.each([
    ['latitude', 91, /between -90 and 90/],
    ['latitude', '40', /must be a number/],
    ['longitude', -180.5, /between -180 and 180/],
    ['capacity_in_mw', -1, /not be negative/],
    ['event_resolution', 7, /divides a day/],
    ['event_resolution', 0, /divides a day/],
    ['event_resolution', 2.5, /whole number/],
    ['owner', 'two', /whole number/],
    ['unit', 'kWh', /one of MW, kW, W/],
    ['name', '', /non-empty/],
    ['soc_datetime', '2015-01-01T00:00:00', /with a time zone/],
    ['soc_datetime', 'yesterday', /ISO 8601/],
    ['colour', 'blue', /not an asset field/],
  ])('names %s when it is %p', (field, value, problem) => {
    expect(checkNewAsset({ ...SEED_POST, [field]: value }, STORAGE).problems[field]).toMatch(problem);
  });

  it('keeps min SOC at or below max SOC, and the SOC between them', () => {
    expect(checkNewAsset({ ...SEED_POST, min_soc_in_mwh: 6 }, STORAGE).problems).toEqual({ min_soc_in_mwh: 'must not be above max_soc_in_mwh' });
    expect(checkNewAsset({ ...SEED_POST, soc_in_mwh: 5.5 }, STORAGE).problems).toEqual({ soc_in_mwh: 'must not be above max_soc_in_mwh' });
  });

  it('normalises soc_datetime to UTC', () => {
    expect(checkNewAsset({ ...SEED_POST, soc_datetime: '2015-01-01T09:00:00+09:00' }, STORAGE).fields.soc_datetime).toBe('2015-01-01T00:00:00.000Z');
  });
});

describe('asset changes', () => {
  const current: AssetFields = {
    ...SEED_POST,
    display_name: 'Test battery',
    soc_in_mwh: 2.5,
    soc_datetime: '2015-01-01T00:00:00.000Z',
    soc_udi_event_id: 203,
    charging_efficiency: 1,
    discharging_efficiency: 1,
  };

  it('accepts the seed PATCH example and ignores the id', () => {
    const { fields, problems } = checkAssetChanges({ id: 99, latitude: 11.1, longitude: 99.9 }, current);
    expect(problems).toEqual({});
    expect(fields).toEqual({ latitude: 11.1, longitude: 99.9 });
  });

  it('checks the changed asset as a whole', () => {
    expect(checkAssetChanges({ max_soc_in_mwh: 1 }, current).problems).toEqual({ soc_in_mwh: 'must not be above max_soc_in_mwh' });
    expect(checkAssetChanges({ name: null }, current).problems).toMatchObject({ name: expect.any(String) });
  });
});

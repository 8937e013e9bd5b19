/** The seed's POST /api/v2_0/assets example (§16); owner and market ids default to the seed's. */
export function seedAssetPost(owner = 2, market = 1) {
  return {
    name: 'Test battery',
    asset_type: 'battery',
    unit: 'kW',
    owner,
    market,
    event_resolution: 5,
    capacity_in_mw: 4.2,
    latitude: 40,
    longitude: 170.3,
    max_soc_in_mwh: 5,
    min_soc_in_mwh: 0,
  };
}

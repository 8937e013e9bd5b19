import type { Asset } from '../features/assets/assetsApi';
import type { ReadinessReport } from '../shared/api/health';
import type { UserResponse } from '../shared/api/users';
import type { PlatformInfo } from '../shared/api/platform';

export const platformInfo: PlatformInfo = {
  platformName: 'Jeju Flex Platform',
  version: '2.4.1',
  mode: 'play',
  timezone: 'Asia/Seoul',
  environment: 'staging',
  database: 'embedded',
  queue: 'in-process',
  mapboxAccessToken: null,
  demoCredentials: null,
};

export const readyReport: ReadinessReport = {
  status: 'ok',
  checks: { database: { status: 'up' }, queue: { status: 'up' } },
};

export const databaseDownReport: ReadinessReport = {
  status: 'error',
  checks: {
    database: { status: 'down', detail: 'connect ECONNREFUSED 127.0.0.1:5432' },
    queue: { status: 'up' },
  },
};

export const adminUser: UserResponse = {
  id: 1,
  email: 'admin@example.com',
  username: 'admin',
  active: true,
  timezone: 'Asia/Seoul',
  flexmeasures_roles: [1],
  roles: ['admin'],
  last_login_at: '2020-10-08T06:35:00Z',
  login_count: 12,
};

export const prosumerUser: UserResponse = {
  id: 3,
  email: 'prosumer@example.com',
  username: 'prosumer',
  active: true,
  timezone: 'Europe/Amsterdam',
  flexmeasures_roles: [2],
  roles: ['Prosumer'],
  last_login_at: null,
  login_count: 0,
};

/** An asset as the API answers it, with the fields a test does not care about filled in. */
export function assetFixture(fields: Partial<Asset> & Pick<Asset, 'id' | 'name' | 'asset_type'>): Asset {
  return {
    display_name: fields.name,
    unit: 'MW',
    owner: prosumerUser.id,
    market: 1,
    event_resolution: 15,
    capacity_in_mw: 1,
    latitude: 33.4,
    longitude: 126.5,
    min_soc_in_mwh: null,
    max_soc_in_mwh: null,
    soc_in_mwh: null,
    soc_datetime: null,
    soc_udi_event_id: null,
    charging_efficiency: 1,
    discharging_efficiency: 1,
    ...fields,
  };
}

export const jejuAssets: Asset[] = [
  assetFixture({ id: 65, name: 'Jeju Haenyeo Museum - PV', asset_type: 'solar', capacity_in_mw: 0.664, latitude: 33.5236, longitude: 126.8634 }),
  assetFixture({ id: 62, name: 'Test station - fast charger', asset_type: 'charging_station', capacity_in_mw: 0.05, latitude: 33.5544, longitude: 126.0379, owner: 11 }),
  assetFixture({ id: 63, name: 'Test station - slow charger', asset_type: 'charging_station', capacity_in_mw: 0.007, latitude: 33.5544, longitude: 126.0379, owner: 11 }),
  assetFixture({ id: 70, name: 'Hallasan wind park', asset_type: 'wind', capacity_in_mw: 12, latitude: 33.36, longitude: 126.53, event_resolution: 60 }),
  assetFixture({
    id: 80,
    name: 'Seogwipo battery',
    asset_type: 'battery',
    capacity_in_mw: 2,
    latitude: 33.25,
    longitude: 126.56,
    min_soc_in_mwh: 0.5,
    max_soc_in_mwh: 4,
  }),
];

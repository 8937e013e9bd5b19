import { ACCESS_TABLE, rolesAdmitted } from '../auth/access-table';
import type { AccessKey } from '../auth/access-table';

import { API_VERSIONS } from '@flexmeasures/domain';
import type { ApiVersion } from '@flexmeasures/domain';

export { API_VERSIONS };
export type { ApiVersion };

interface ServiceSpec {
  readonly name: string;
  readonly description: string;
  /** The endpoint's row in ACCESS_TABLE: the listing's `access` is read from it. */
  readonly access: AccessKey;
  /** Versions that offer the service. */
  readonly versions: readonly ApiVersion[];
}

const FROM_V1_1: readonly ApiVersion[] = ['v1_1', 'v1_2', 'v1_3', 'v2_0'];
const ALL: readonly ApiVersion[] = API_VERSIONS;
const FROM_V1_2: readonly ApiVersion[] = ['v1_2', 'v1_3', 'v2_0'];

/** The services each API version offers (seed §16–20 summary tables), as far as the platform serves them. */
const SERVICES: readonly ServiceSpec[] = [
  { name: 'getService', description: 'Obtain a service listing for this version', access: 'services.get', versions: API_VERSIONS },
  { name: 'getMeterData', description: 'Download meter data from the platform', access: 'data.getMeterData', versions: ALL },
  { name: 'postMeterData', description: 'Upload meter data to the platform', access: 'data.postMeterData', versions: ALL },
  { name: 'getPrognosis', description: 'Download prognosis from the platform', access: 'data.getPrognosis', versions: FROM_V1_1 },
  { name: 'postPrognosis', description: 'Upload prognosis to the platform', access: 'data.postPrognosis', versions: FROM_V1_1 },
  { name: 'postPriceData', description: 'Upload price data to the platform', access: 'data.postPriceData', versions: FROM_V1_1 },
  { name: 'postWeatherData', description: 'Upload weather data to the platform', access: 'data.postWeatherData', versions: FROM_V1_1 },
  { name: 'getDeviceMessage', description: 'Download control signal from the platform', access: 'control.getDeviceMessage', versions: FROM_V1_2 },
  { name: 'postUdiEvent', description: 'Upload flexibility constraints to the platform', access: 'control.postUdiEvent', versions: FROM_V1_2 },
  { name: 'getConnection', description: 'Retrieve entity addresses of connections', access: 'connections.get', versions: FROM_V1_1 },
  { name: 'getAssets', description: 'Download asset list', access: 'assets.list', versions: ['v2_0'] },
  { name: 'postAsset', description: 'Post a new asset', access: 'assets.create', versions: ['v2_0'] },
  { name: 'getAsset', description: 'Get an asset', access: 'assets.get', versions: ['v2_0'] },
  { name: 'patchAsset', description: 'Patch data for an existing asset', access: 'assets.patch', versions: ['v2_0'] },
  { name: 'deleteAsset', description: 'Delete an asset, together with its existing data', access: 'assets.delete', versions: ['v2_0'] },
  { name: 'getAssetState', description: 'Get the latest state (most recent event) of an asset', access: 'assets.state', versions: ['v2_0'] },
  { name: 'getForecastAccuracy', description: 'Get the accuracy (MAE, WAPE) of the forecasts of a sensor, per horizon', access: 'forecasting.accuracy', versions: ['v2_0'] },
  { name: 'getUsers', description: 'Download user list', access: 'users.list', versions: ['v2_0'] },
  { name: 'getUser', description: 'Get a user', access: 'users.get', versions: ['v2_0'] },
  { name: 'patchUser', description: 'Patch data for an existing user', access: 'users.patch', versions: ['v2_0'] },
  { name: 'resetUserPassword', description: 'Password reset', access: 'users.passwordReset', versions: ['v2_0'] },
  { name: 'deleteUser', description: 'Delete a user, together with their assets and data', access: 'users.delete', versions: ['v2_0'] },
];

export interface ServiceListing {
  readonly name: string;
  readonly access: readonly string[];
  readonly description: string;
}

/** The getService listing of a version, optionally only the services a role may use. */
export function serviceListing(version: ApiVersion, role?: string): ServiceListing[] {
  return SERVICES.filter((service) => service.versions.includes(version))
    .map((service) => ({ name: service.name, access: rolesAdmitted(ACCESS_TABLE[service.access]), description: service.description }))
    .filter((service) => role === undefined || service.access.includes(role));
}

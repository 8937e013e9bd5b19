import type { AddressField } from '@flexmeasures/domain';
import type { LandedDataKind } from './belief-events';

/** The four POST services for time series, and what sets them apart. */
export interface PostEndpoint {
  readonly requestType: string;
  readonly responseType: string;
  readonly addressField: AddressField;
  readonly kind: LandedDataKind;
  /** Observations: a horizon may not be positive. */
  readonly exPost: boolean;
  /** Power is signed (USEF) and convertible between MW, kW and W. */
  readonly power: boolean;
}

export const POST_ENDPOINTS = {
  postMeterData: { requestType: 'PostMeterDataRequest', responseType: 'PostMeterDataResponse', addressField: 'connection', kind: 'meter', exPost: true, power: true },
  postPrognosis: { requestType: 'PostPrognosisRequest', responseType: 'PostPrognosisResponse', addressField: 'connection', kind: 'prognosis', exPost: false, power: true },
  postPriceData: { requestType: 'PostPriceDataRequest', responseType: 'PostPriceDataResponse', addressField: 'market', kind: 'price', exPost: false, power: false },
  postWeatherData: { requestType: 'PostWeatherDataRequest', responseType: 'PostWeatherDataResponse', addressField: 'sensor', kind: 'weather', exPost: false, power: false },
} as const satisfies Record<string, PostEndpoint>;

export type PostEndpointName = keyof typeof POST_ENDPOINTS;

/** getMeterData returns the latest beliefs; getPrognosis only beliefs formed before the event ended. */
export interface GetEndpoint {
  readonly requestType: string;
  readonly responseType: string;
  readonly beforeTheFact: boolean;
}

export const GET_ENDPOINTS = {
  getMeterData: { requestType: 'GetMeterDataRequest', responseType: 'GetMeterDataResponse', beforeTheFact: false },
  getPrognosis: { requestType: 'GetPrognosisRequest', responseType: 'GetPrognosisResponse', beforeTheFact: true },
} as const satisfies Record<string, GetEndpoint>;

export type GetEndpointName = keyof typeof GET_ENDPOINTS;

export * from './instant';
export * from './timeseries';
export * from './belief-times';
export * from './v1-horizons';
export * from './select-beliefs';
export * from './resample';
export * from './power-units';
export * from './signs';

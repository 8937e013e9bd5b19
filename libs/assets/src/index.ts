export * from './assets.repository';
export * from './assets.service';
export * from './structure';
export * from './weather-sensors.repository';

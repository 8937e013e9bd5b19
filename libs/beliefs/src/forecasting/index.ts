export * from './forecast-accuracy.service';
export * from './forecast-window';
export * from './forecast.handler';
export * from './forecaster-source';
export * from './forecasting-trigger';
export * from './forecasting.repository';
export * from './sensor-forecaster';

export * from './assets.repository';
export * from './assets.service';
export * from './structure';

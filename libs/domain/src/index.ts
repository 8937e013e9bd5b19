export * from './errors/domain-error';
export * from './time/duration';
export * from './auth/password-policy';
export * from './entity-address/index';
export * from './assets/asset-fields';
export * from './geo/great-circle';
export * from './beliefs/index';
export * from './usef/index';

export * from './naming-authority';
export * from './entity-address';

/** Asset types with a state of charge: the assets API requires min/max SOC for them, and the dashboard's form shows the SOC fields. */
export const STORAGE_ASSET_TYPES: readonly string[] = ['battery', 'one-way_evse', 'two-way_evse'];

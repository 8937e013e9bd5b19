/** Version of the dashboard bundle itself ("dev" when not built by Vite, e.g. under Jest). */
export const APP_VERSION: string = typeof __APP_VERSION__ !== 'undefined' ? __APP_VERSION__ : 'dev';

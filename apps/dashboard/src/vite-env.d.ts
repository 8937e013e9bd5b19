/// <reference types="vite/client" />

/** Dashboard version, injected at build time by Vite `define` (see vite.config.mts). Undefined under Jest. */
declare const __APP_VERSION__: string;

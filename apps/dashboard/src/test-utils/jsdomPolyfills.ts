/**
 * jsdom (jest-environment-jsdom 30) lacks some web globals that react-router's data routers use:
 * - TextEncoder/TextDecoder, needed when react-router is imported;
 * - Request, which createMemoryRouter builds for every navigation (only url, method, headers and signal are
 *   read for loader-less GET navigations, which is all this minimal stand-in supports).
 * Import this module before anything that loads react-router-dom (renderApp.tsx does).
 * A `setupFiles` entry for the dashboard project in jest.config.ts would make the explicit import unnecessary.
 */
import { TextDecoder, TextEncoder } from 'node:util';

interface MinimalRequestInit {
  method?: string;
  headers?: HeadersInit;
  signal?: AbortSignal | null;
}

class MinimalRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly signal: AbortSignal;

  constructor(input: string | URL | MinimalRequest, init: MinimalRequestInit = {}) {
    const url = input instanceof MinimalRequest ? input.url : input;
    this.url = new URL(url, window.location.href).href;
    this.method = (init.method ?? (input instanceof MinimalRequest ? input.method : 'GET')).toUpperCase();
    this.headers = new Headers(init.headers);
    this.signal = init.signal ?? new AbortController().signal;
  }
}

if (typeof globalThis.TextEncoder === 'undefined') Object.assign(globalThis, { TextEncoder });
if (typeof globalThis.TextDecoder === 'undefined') Object.assign(globalThis, { TextDecoder });
if (typeof globalThis.Request === 'undefined') Object.assign(globalThis, { Request: MinimalRequest });

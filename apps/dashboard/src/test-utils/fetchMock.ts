/** Minimal fetch stubs for jsdom, which has neither `fetch` nor `Response`. */

export type FetchHandler = (url: string, init?: RequestInit) => Response | Promise<Response>;

export function jsonResponse(body: unknown, status = 200): Response {
  const response: Pick<Response, 'ok' | 'status' | 'json'> = {
    ok: status >= 200 && status < 300,
    status,
    json: () => Promise.resolve(body),
  };
  return response as Response;
}

export function networkError(): Promise<Response> {
  return Promise.reject(new TypeError('Failed to fetch'));
}

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.toString();
  return input.url;
}

/**
 * Installs `globalThis.fetch` as a jest mock that dispatches on the request path.
 * Unknown paths answer 404. Handlers can be swapped later via the returned `handlers` object.
 */
export function installFetch(initial: Record<string, FetchHandler>) {
  const handlers: Record<string, FetchHandler> = { ...initial };
  const fetchMock = jest.fn((input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = urlOf(input);
    const handler = handlers[url];
    return Promise.resolve(handler === undefined ? jsonResponse({ message: 'Not found' }, 404) : handler(url, init));
  });
  Object.defineProperty(globalThis, 'fetch', { value: fetchMock, writable: true, configurable: true });
  return { fetchMock, handlers };
}

export function uninstallFetch(): void {
  Reflect.deleteProperty(globalThis, 'fetch');
}

export function callsTo(fetchMock: jest.Mock, path: string): number {
  return fetchMock.mock.calls.filter(([input]: unknown[]) => input === path).length;
}

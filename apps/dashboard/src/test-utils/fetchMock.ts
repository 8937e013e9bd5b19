/** Minimal fetch stubs for jsdom, which has neither `fetch` nor `Response`. */

export type FetchHandler = (url: string, init?: RequestInit) => Response | Promise<Response>;

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const response: Pick<Response, 'ok' | 'status' | 'json' | 'headers'> = {
    ok: status >= 200 && status < 300,
    status,
    json: () => (body === undefined ? Promise.reject(new SyntaxError('Unexpected end of JSON input')) : Promise.resolve(body)),
    headers: new Headers(headers),
  };
  return response as Response;
}

/** An answer without a body (204 No Content). */
export function noContent(): Response {
  return jsonResponse(undefined, 204);
}

/** A USEF-style error answer { status, message } (and field errors for 422). */
export function apiError(status: number, statusName: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return jsonResponse({ status: statusName, message, ...extra }, status, headers);
}

export function networkError(): Promise<Response> {
  return Promise.reject(new TypeError('Failed to fetch'));
}

/** Dispatches on the request method; other methods answer 405. */
export function byMethod(handlers: Partial<Record<'GET' | 'POST' | 'PATCH' | 'DELETE', FetchHandler>>): FetchHandler {
  return (url, init) => {
    const method = (init?.method ?? 'GET').toUpperCase() as keyof typeof handlers;
    const handler = handlers[method];
    return handler === undefined ? apiError(405, 'INVALID_METHOD', `${method} is not allowed here.`) : handler(url, init);
  };
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

export function callsTo(fetchMock: jest.Mock, path: string, method = 'GET'): number {
  return requestsTo(fetchMock, path, method).length;
}

/** The requests made to `path` with `method`, with their parsed JSON bodies. */
export function requestsTo(fetchMock: jest.Mock, path: string, method = 'GET'): { init: RequestInit; body: unknown }[] {
  return fetchMock.mock.calls
    .filter(([input, init]: [unknown, RequestInit | undefined]) => input === path && (init?.method ?? 'GET').toUpperCase() === method)
    .map(([, init]: [unknown, RequestInit | undefined]) => ({
      init: init ?? {},
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    }));
}

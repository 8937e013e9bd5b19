import { DASHBOARD_REQUEST_HEADER } from '@flexmeasures/contracts';
/** Field name → the API's problems with it (the `errors` of a 422 answer). */
export type FieldErrors = Readonly<Record<string, readonly string[]>>;

export interface ApiErrorDetails {
  /** The USEF status name of the answer, e.g. UNPROCESSABLE_ENTITY or INVALID_SENDER. */
  statusName?: string;
  fieldErrors?: FieldErrors;
  /** Seconds to wait before trying again (Retry-After of a 429). */
  retryAfterSeconds?: number;
}

/** Error raised for anything that prevents us from getting a usable answer from the API. */
export class ApiError extends Error {
  readonly status: number | undefined;
  readonly statusName: string | undefined;
  readonly fieldErrors: FieldErrors;
  readonly retryAfterSeconds: number | undefined;

  constructor(message: string, status?: number, details: ApiErrorDetails = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.statusName = details.statusName;
    this.fieldErrors = details.fieldErrors ?? {};
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Non-2xx statuses whose body is still a meaningful JSON answer (e.g. 503 from a readiness probe). */
  acceptStatuses?: readonly number[];
  /**
   * Whether a 401 means "the session has ended" (the default). Session calls set this to false:
   * for them a 401 is an ordinary answer (wrong password, not logged in yet).
   */
  reportsExpiredSession?: boolean;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * Sent with every unsafe request. The API refuses cookie-authenticated POST/PATCH/DELETE without it,
 * which a cross-site form cannot add (CSRF guard).
 */
export const CSRF_HEADER = DASHBOARD_REQUEST_HEADER;

const sessionExpiredListeners = new Set<() => void>();

/** Called whenever the API answers 401 to a request made with a session; returns an unsubscribe function. */
export function onSessionExpired(listener: () => void): () => void {
  sessionExpiredListeners.add(listener);
  return () => sessionExpiredListeners.delete(listener);
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseFieldErrors(value: unknown): FieldErrors {
  if (!isObject(value)) return {};
  const errors: Record<string, string[]> = {};
  for (const [field, problems] of Object.entries(value)) {
    if (Array.isArray(problems)) errors[field] = problems.filter((problem): problem is string => typeof problem === 'string');
    else if (typeof problems === 'string') errors[field] = [problems];
  }
  return errors;
}

function retryAfter(response: Response): number | undefined {
  const header = response.headers?.get('Retry-After');
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** The error for a non-2xx answer: the API's own message when it sent a USEF body { status, message }. */
async function errorFrom(response: Response, path: string): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const details: ApiErrorDetails = { retryAfterSeconds: retryAfter(response) };
  if (isObject(body) && typeof body.status === 'string' && typeof body.message === 'string') {
    return new ApiError(body.message, response.status, { ...details, statusName: body.status, fieldErrors: parseFieldErrors(body.errors) });
  }
  return new ApiError(`${path} answered with HTTP ${response.status}.`, response.status, details);
}

async function request(method: Method, path: string, body: unknown, options: RequestOptions): Promise<unknown> {
  const { signal, acceptStatuses = [], reportsExpiredSession = true } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers[CSRF_HEADER.name] = CSRF_HEADER.value;
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      signal,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(`Could not reach ${path} (${describe(error)}). Check your connection and try again.`);
  }
  if (!response.ok && !acceptStatuses.includes(response.status)) {
    if (response.status === 401 && reportsExpiredSession) sessionExpiredListeners.forEach((listener) => listener());
    throw await errorFrom(response, path);
  }
  if (response.status === 204) return undefined;
  try {
    return await response.json();
  } catch (error) {
    if (isAbortError(error)) throw error;
    // An unsafe request's answer may carry no body; the caller only needs to know it succeeded.
    if (method !== 'GET') return undefined;
    throw new ApiError(`${path} did not answer with valid JSON.`, response.status);
  }
}

/** GET a JSON document from the API. The result is `unknown`: callers must validate its shape. */
export function getJson(path: string, options: RequestOptions = {}): Promise<unknown> {
  return request('GET', path, undefined, options);
}

export function postJson(path: string, body?: unknown, options: RequestOptions = {}): Promise<unknown> {
  return request('POST', path, body, options);
}

export function patchJson(path: string, body?: unknown, options: RequestOptions = {}): Promise<unknown> {
  return request('PATCH', path, body, options);
}

export function deleteJson(path: string, options: RequestOptions = {}): Promise<unknown> {
  return request('DELETE', path, undefined, options);
}

/**
 * The answer of a request that is nice to have, or `fallback` when it fails (an aborted request still
 * rejects, so a page that went away does not go on).
 */
export async function orFallback<T>(request: Promise<T>, fallback: T): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (isAbortError(error)) throw error;
    return fallback;
  }
}

/** A message for people, for any error a request may end with. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

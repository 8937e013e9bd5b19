/** Error raised for anything that prevents us from getting a usable JSON answer from the API. */
export class ApiError extends Error {
  readonly status: number | undefined;

  constructor(message: string, status?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

export interface GetJsonOptions {
  signal?: AbortSignal;
  /** Non-2xx statuses whose body is still a meaningful JSON answer (e.g. 503 from a readiness probe). */
  acceptStatuses?: readonly number[];
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** GET a JSON document from the API. The result is `unknown`: callers must validate its shape. */
export async function getJson(path: string, options: GetJsonOptions = {}): Promise<unknown> {
  const { signal, acceptStatuses = [] } = options;
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(`Could not reach ${path} (${describe(error)}).`);
  }
  if (!response.ok && !acceptStatuses.includes(response.status)) {
    throw new ApiError(`${path} answered with HTTP ${response.status}.`, response.status);
  }
  try {
    return await response.json();
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(`${path} did not answer with valid JSON.`, response.status);
  }
}

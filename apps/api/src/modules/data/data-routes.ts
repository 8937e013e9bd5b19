import type { ApiVersion } from '@flexmeasures/domain';

/** Versions offering each time-series service (seed §16–20 summary tables). */
export const ALL_VERSIONS: readonly ApiVersion[] = ['v1', 'v1_1', 'v1_2', 'v1_3', 'v2_0'];
export const FROM_V1_1: readonly ApiVersion[] = ['v1_1', 'v1_2', 'v1_3', 'v2_0'];

export function routes(service: string, versions: readonly ApiVersion[]): string[] {
  return versions.map((version) => `api/${version}/${service}`);
}

/** The API version of a request, from its path (`/api/v1_3/…`). */
export function versionOf(path: string): ApiVersion {
  return path.split('/')[2] as ApiVersion;
}

/** GET messages come as a query string, or (as the seed's examples and some clients send them) as a JSON body. */
export function getMessage(query: Record<string, unknown>, body: unknown): unknown {
  const hasBody = typeof body === 'object' && body !== null && Object.keys(body).length > 0;
  return hasBody ? body : query;
}

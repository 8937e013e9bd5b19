/**
 * What the platform defines that the container files must agree with: its
 * settings (names, aliases, parsers from libs/config), the api's health
 * endpoints, and which Dockerfile builds which image.
 */
import { SETTINGS } from '@flexmeasures/config';

export const API_HEALTH_PATHS = ['/api/health', '/api/health/ready'];
export const API_LIVENESS_PATH = '/api/health';
export const API_READINESS_PATH = '/api/health/ready';

/** Image name (without registry and tag) -> Dockerfile that builds it. */
export const IMAGE_DOCKERFILES: Record<string, string> = {
  'flexmeasures-api': 'docker/api.Dockerfile',
  'flexmeasures-worker': 'docker/worker.Dockerfile',
  'flexmeasures-dashboard': 'docker/dashboard.Dockerfile',
};

/** Environment variables of the node images that are not platform settings. */
export const NON_SETTING_ENV = new Set(['NODE_ENV', 'NODE_OPTIONS']);

/** Names of the platform's settings (keys and aliases) from libs/config. */
export const SETTING_NAMES = new Set(
  Object.values(SETTINGS).flatMap((setting) => [setting.key, ...(setting.aliases ?? [])]),
);

/** ISO 8601 duration (PT30S, PT1M) or seconds, via the platform's own parser. */
export function durationSeconds(raw: string): number {
  return SETTINGS.shutdownTimeout.parse(raw) / 1000;
}

import { PlatformConfig } from '@flexmeasures/config';

/** The Redis queue settings, or a one-line refusal: the embedded default runs jobs inside the api, so there is no queue to work on. */
export function redisConfig(config: PlatformConfig, command: string): { readonly url: string; readonly prefix: string } {
  if (config.queue.kind !== 'redis') {
    throw new Error(
      `${command} needs Redis, and REDIS_URL is not set: without it the api runs jobs in its own process and there is no queue to work on.`,
    );
  }
  return config.queue;
}

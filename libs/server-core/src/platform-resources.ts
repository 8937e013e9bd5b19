import { ConfigError, PlatformConfig, redact } from '@flexmeasures/config';
import { createJobQueue, JobQueue } from '@flexmeasures/jobs';
import { Database, migrateToLatest, openDatabase } from '@flexmeasures/persistence';
import { ProcessRole } from './process-role';

export interface PlatformResources {
  readonly database: Database;
  readonly queue: JobQueue;
  /** Migrations this start applied (api only). */
  readonly appliedMigrations: readonly string[];
}

/**
 * Opens the database (migrating it when the api starts) and the job queue
 * before the application is assembled, so an unreachable service ends the
 * start with one line naming the setting, not a framework stack trace.
 */
export async function openPlatformResources(
  config: PlatformConfig,
  role: ProcessRole,
  identity: string,
  onQueueError: (message: string) => void,
): Promise<PlatformResources> {
  // The queue first: checking Redis is quick, creating an embedded database is not.
  const queue = await openJobQueue(config, onQueueError);
  try {
    const database = await openDatabase(config.database, { applicationName: identity });
    try {
      const appliedMigrations = role === 'api' && config.database.migrateOnStart ? await migrateToLatest(database) : [];
      return { database, queue, appliedMigrations };
    } catch (error) {
      await database.close();
      throw error;
    }
  } catch (error) {
    await queue.close(0);
    throw error;
  }
}

async function openJobQueue(config: PlatformConfig, onError: (message: string) => void): Promise<JobQueue> {
  const repeated = new Map<string, number>();
  const queue = createJobQueue(config.queue, {
    lockDurationMs: config.worker.lockDurationMs,
    stalledIntervalMs: config.worker.stalledIntervalMs,
    // Redis reconnects every few hundred ms while it is down: log each message once a minute.
    onError: (name, error) => {
      const key = `${name}: ${error.message}`;
      const last = repeated.get(key) ?? 0;
      if (Date.now() - last < 60_000) return;
      repeated.set(key, Date.now());
      onError(`queue ${key}`);
    },
  });
  if (config.queue.kind === 'redis') {
    try {
      await queue.check();
    } catch (error) {
      await queue.close(0);
      throw new ConfigError('REDIS_URL', `cannot reach Redis at ${redact(config.queue.url)}: ${(error as Error).message}`);
    }
  }
  return queue;
}

import { redact } from './parsers';
import { PlatformConfig } from './platform-config';

/** One line for the start-up log: which database and queue this process uses. */
export function describeModes(config: PlatformConfig): { database: string; queue: string } {
  const database =
    config.database.kind === 'postgres'
      ? `PostgreSQL at ${redact(config.database.url)}`
      : `embedded PostgreSQL (PGlite) in ${config.database.dataDir}`;
  const queue = config.queue.kind === 'redis' ? `Redis at ${redact(config.queue.url)}` : 'in-process job runner';
  return { database, queue };
}

import { QueueConfig } from '@flexmeasures/config';
import { QueueName } from '@flexmeasures/contracts';
import { BullJobQueue } from './bull/bull-job-queue';
import { InProcessJobQueue } from './in-process/in-process-job-queue';
import { JobQueue } from './job-queue.port';

export function createJobQueue(
  config: QueueConfig,
  options: { onError?: (queue: QueueName, error: Error) => void; lockDurationMs?: number; stalledIntervalMs?: number } = {},
): JobQueue {
  return config.kind === 'redis'
    ? new BullJobQueue({
        redisUrl: config.url,
        prefix: config.prefix,
        onError: options.onError,
        lockDurationMs: options.lockDurationMs,
        stalledIntervalMs: options.stalledIntervalMs,
      })
    : new InProcessJobQueue();
}

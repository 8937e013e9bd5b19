import { describeModes, loadConfig, PlatformConfig } from '@flexmeasures/config';
import { QueueName } from '@flexmeasures/contracts';
import { CoreModule, openPlatformResources, PlatformResources, processIdentity } from '@flexmeasures/server-core';
import { DynamicModule, Logger as NestLogger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InvalidArgumentError } from 'commander';
import { Logger } from 'nestjs-pino';
import { parseWholeNumber } from '../shared/numbers';
import { redisConfig } from './redis-config';

export interface RunWorkerOptions {
  readonly queue: QueueName;
  readonly name?: string;
  readonly concurrency?: number;
}

/** What apps/worker assembles (CoreModule as a worker), without importing that app. */
@Module({})
class CliWorkerModule {
  static forRoot(config: PlatformConfig, identity: string, resources: PlatformResources): DynamicModule {
    return { module: CliWorkerModule, imports: [CoreModule.forRoot(config, 'worker', identity, resources)] };
  }
}

export function parseConcurrency(value: string): number {
  const n = parseWholeNumber(value);
  if (n < 1 || n > 64) throw new InvalidArgumentError('It must be a whole number from 1 to 64.');
  return n;
}

/**
 * `flexmeasures jobs run-worker`: this process becomes a worker of one queue
 * (as apps/worker, which takes its queues from FLEXMEASURES_WORKER_QUEUES)
 * until SIGTERM or SIGINT; running jobs then get the shutdown grace period,
 * and a job still running after it goes back to the queue.
 */
export async function runWorker(options: RunWorkerOptions): Promise<void> {
  const loaded = loadConfig();
  redisConfig(loaded, 'jobs run-worker');
  const config: PlatformConfig = {
    ...loaded,
    worker: { ...loaded.worker, queues: [options.queue], concurrency: options.concurrency ?? loaded.worker.concurrency },
  };
  const identity = options.name?.trim() || processIdentity('worker');
  const resources = await openPlatformResources(config, 'worker', identity, (message) => new NestLogger('JobQueue').error(message));
  let app;
  try {
    app = await NestFactory.createApplicationContext(CliWorkerModule.forRoot(config, identity, resources), { bufferLogs: true, abortOnError: false });
  } catch (error) {
    await resources.queue.close(0);
    await resources.database.close();
    throw error;
  }
  app.useLogger(app.get(Logger));
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
    const modes = describeModes(config);
    process.stderr.write(
      `Worker ${identity} is processing the ${options.queue} queue (concurrency ${config.worker.concurrency}; database: ${modes.database}; jobs: ${modes.queue}). Stop it with Ctrl-C or SIGTERM.\n`,
    );
  });
  process.stderr.write(`${signal} received: letting running jobs finish (up to ${config.http.shutdownTimeoutMs} ms)\n`);
  const limit = setTimeout(() => {
    process.stderr.write('flexmeasures: the worker took too long to stop; exiting now\n');
    process.exit(1);
  }, config.http.shutdownTimeoutMs + 5000);
  limit.unref();
  await app.close();
  clearTimeout(limit);
  process.stderr.write(`Worker ${identity} stopped.\n`);
}

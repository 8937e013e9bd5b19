import 'reflect-metadata';
import { ConfigError, describeModes } from '@flexmeasures/config';
import { openPlatformResources, processIdentity, runProcess } from '@flexmeasures/server-core';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

void runProcess('worker', async (config, log) => {
  if (config.queue.kind !== 'redis') {
    throw new ConfigError(
      'REDIS_URL',
      'a separate worker needs Redis; set REDIS_URL (without it, the api process runs the jobs itself)',
    );
  }
  const identity = processIdentity('worker');
  const resources = await openPlatformResources(config, 'worker', identity, (message) => new NestLogger('JobQueue').error(message));
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, identity, resources), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  const modes = describeModes(config);
  log(`worker ready: database: ${modes.database}; jobs: ${modes.queue}; queues: ${config.worker.queues.join(', ')}`);
  return app;
});

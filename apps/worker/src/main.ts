import 'reflect-metadata';
import { ConfigError, describeModes } from '@flexmeasures/config';
import { runProcess } from '@flexmeasures/server-core';
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
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  const modes = describeModes(config);
  log(`worker ready: database: ${modes.database}; jobs: ${modes.queue}; queues: ${config.worker.queues.join(', ')}`);
  return app;
});

import { ConfigError, PlatformConfig, redact } from '@flexmeasures/config';
import { createJobQueue, JobQueue } from '@flexmeasures/jobs';
import { Database, migrateToLatest, openDatabase } from '@flexmeasures/persistence';
import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { JobRunnerService } from './job-runner.service';
import { loggerParams } from './logging';
import { processIdentity, ProcessRole } from './process-role';
import { ResourceLifecycle } from './resource-lifecycle';
import { DATABASE, JOB_QUEUE, PLATFORM_CONFIG, PROCESS_IDENTITY, PROCESS_ROLE } from './tokens';

/**
 * What the api and the worker share: configuration, logging, the database and
 * the job queue, opened at start and closed last at shutdown.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: PlatformConfig, role: ProcessRole): DynamicModule {
    const identity = processIdentity(role);
    return {
      module: CoreModule,
      imports: [LoggerModule.forRoot(loggerParams(config, identity))],
      providers: [
        { provide: PLATFORM_CONFIG, useValue: config },
        { provide: PROCESS_IDENTITY, useValue: identity },
        { provide: PROCESS_ROLE, useValue: role },
        { provide: DATABASE, useFactory: () => openAndMigrate(config, role, identity) },
        { provide: JOB_QUEUE, useFactory: () => openJobQueue(config) },
        JobRunnerService,
        ResourceLifecycle,
      ],
      exports: [PLATFORM_CONFIG, PROCESS_IDENTITY, PROCESS_ROLE, DATABASE, JOB_QUEUE],
    };
  }
}

async function openAndMigrate(config: PlatformConfig, role: ProcessRole, identity: string): Promise<Database> {
  const database = await openDatabase(config.database, { applicationName: identity });
  if (role === 'api' && config.database.migrateOnStart) {
    const applied = await migrateToLatest(database);
    if (applied.length > 0) new Logger('Database').log(`applied migrations: ${applied.join(', ')}`);
  }
  return database;
}

async function openJobQueue(config: PlatformConfig): Promise<JobQueue> {
  const logger = new Logger('JobQueue');
  const queue = createJobQueue(config.queue, {
    onError: (name, error) => logger.error(`queue ${name}: ${error.message}`),
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

import type { PlatformConfig } from '@flexmeasures/config';
import { openPlatformResources, platformVersion, processIdentity } from '@flexmeasures/server-core';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { corsForResources } from './common/cors';
import { serveDashboard } from './common/dashboard-static';
import { requestTiming } from './common/request-timing';
import { securityHeaders } from './common/security-headers';
import { apiValidationPipe } from './common/validation';
import { buildOpenApiDocument, serveOpenApi } from './openapi';

export interface ApiApp {
  readonly app: NestExpressApplication;
  readonly dashboardServed: boolean;
}

/** The api, configured but not listening: main.ts listens, tests use supertest. */
export async function createApiApp(config: PlatformConfig): Promise<ApiApp> {
  const identity = processIdentity('api');
  const resources = await openPlatformResources(config, 'api', identity, (message) => new NestLogger('JobQueue').error(message));
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, identity, resources), {
      bufferLogs: true,
      bodyParser: false,
      abortOnError: false,
    });
  } catch (error) {
    await resources.queue.close(0);
    await resources.database.close();
    throw error;
  }
  app.useLogger(app.get(Logger));
  if (resources.appliedMigrations.length > 0) {
    new NestLogger('Database').log(`applied migrations: ${resources.appliedMigrations.join(', ')}`);
  }
  app.disable('x-powered-by');
  // Behind a TLS-terminating proxy: the client's address (rate limits) and https (Secure session cookie).
  const trustProxy = config.http.trustProxy;
  app.set('trust proxy', Array.isArray(trustProxy) ? [...trustProxy] : trustProxy);
  app.use(securityHeaders());
  if (config.profileRequests) app.use(requestTiming);
  app.use(corsForResources(config.security.cors));
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalPipes(apiValidationPipe());
  serveOpenApi(app, buildOpenApiDocument(app, platformVersion(), config.ui.platformName, config.security.tokenHeader));
  const dashboardServed = serveDashboard(app);
  return { app, dashboardServed };
}

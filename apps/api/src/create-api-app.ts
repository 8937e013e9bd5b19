import type { PlatformConfig } from '@flexmeasures/config';
import { platformVersion } from '@flexmeasures/server-core';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { corsForResources } from './common/cors';
import { serveDashboard } from './common/dashboard-static';
import { apiValidationPipe } from './common/validation';
import { buildOpenApiDocument, serveOpenApi } from './openapi';

export interface ApiApp {
  readonly app: NestExpressApplication;
  readonly dashboardServed: boolean;
}

/** The api, configured but not listening: main.ts listens, tests use supertest. */
export async function createApiApp(config: PlatformConfig): Promise<ApiApp> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(corsForResources(config.security.cors));
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalPipes(apiValidationPipe());
  serveOpenApi(app, buildOpenApiDocument(app, platformVersion(), config.ui.platformName));
  const dashboardServed = serveDashboard(app);
  return { app, dashboardServed };
}

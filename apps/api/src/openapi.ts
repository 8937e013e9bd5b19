import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export function buildOpenApiDocument(app: INestApplication, version: string, platformName: string, tokenHeader: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`${platformName} API`)
    .setDescription(
      'Energy flexibility platform: assets, time series (beliefs), scheduling and forecasting. ' +
        `Get a token with POST /api/requestAuthToken and send it in the ${tokenHeader} header.`,
    )
    .setVersion(version)
    .addApiKey({ type: 'apiKey', in: 'header', name: tokenHeader, description: 'The token from POST /api/requestAuthToken' }, 'token')
    .addSecurityRequirements('token')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Swagger UI at /api/docs and the document at /api/docs-json. */
export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

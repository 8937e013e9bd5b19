import type { PlatformConfig } from '@flexmeasures/config';
import { PLATFORM_CONFIG } from '@flexmeasures/server-core';
import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { jsonBodyParser } from './body-parsing';

/** JSON bodies within MAX_CONTENT_LENGTH, run after the request logger so errors carry a request id. */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse: RequestHandler;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.parse = jsonBodyParser(config.http.maxContentLength);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    this.parse(req, res, next);
  }
}

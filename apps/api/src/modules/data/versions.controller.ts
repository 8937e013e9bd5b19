import { API_VERSIONS } from '@flexmeasures/domain';
import { platformVersion } from '@flexmeasures/server-core';
import { All, Controller, Get, HttpException, HttpStatus, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '../auth/access.decorator';
import { ALL_VERSIONS, FROM_V1_1, routes } from './data-routes';

/** Every time-series service path, for answering other methods with INVALID_METHOD. */
const DATA_PATHS = [
  ...routes('postMeterData', ALL_VERSIONS),
  ...routes('postPrognosis', FROM_V1_1),
  ...routes('postPriceData', FROM_V1_1),
  ...routes('postWeatherData', FROM_V1_1),
  ...routes('getMeterData', ALL_VERSIONS),
  ...routes('getPrognosis', FROM_V1_1),
];

@ApiTags('services')
@Controller()
export class VersionsController {
  /** `GET /api/`: the API versions this platform serves. */
  @Get('api')
  @Access('api.versions')
  versions(): { status: string; message: string; versions: readonly string[]; flexmeasures_version: string } {
    return {
      status: 'PROCESSED',
      message: 'Each version lists its services at /api/<version>/getService, e.g. /api/v2_0/getService. Request an access token at /api/requestAuthToken.',
      versions: API_VERSIONS,
      flexmeasures_version: platformVersion(),
    };
  }

  /** A data service called with the wrong HTTP method (registered after the real routes, so it only catches the rest). */
  @All(DATA_PATHS)
  @Access('api.wrongMethod')
  wrongMethod(@Req() request: Request): never {
    throw new HttpException(
      { status: 'INVALID_METHOD', message: `${request.method} is not allowed on ${request.path}; see /api/${request.path.split('/')[2]}/getService for how to call it.` },
      HttpStatus.METHOD_NOT_ALLOWED,
    );
  }
}

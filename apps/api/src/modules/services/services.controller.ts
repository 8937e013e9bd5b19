import { API_VERSIONS, ApiVersion, serviceListing, ServiceListing } from '@flexmeasures/contracts';
import { versionNumber } from '@flexmeasures/domain';
import { BadRequestException, Controller, Get, Query, Req } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '../auth/access.decorator';

export interface GetServiceResponse {
  readonly type: 'GetServiceResponse';
  readonly version: string;
  readonly services: ServiceListing[];
}

/** `GET /api/<version>/getService`: what a version offers and which roles may use it (read from the access table). */
@ApiTags('services')
@Controller()
export class ServicesController {
  @Get(API_VERSIONS.map((version) => `api/${version}/getService`))
  @Access('services.get')
  @ApiQuery({ name: 'access', required: false, description: 'Only the services this role may use, e.g. MDC.' })
  getService(@Req() request: Request, @Query('access') access?: string): GetServiceResponse {
    const version = request.path.split('/')[2] as ApiVersion;
    if (access !== undefined && !/^[A-Za-z][\w-]{0,79}$/.test(access)) {
      throw new BadRequestException({ status: 'INVALID_REQUEST', message: 'access must be a role name such as MDC or Prosumer.' });
    }
    return {
      type: 'GetServiceResponse',
      version: versionNumber(version),
      services: serviceListing(version, access),
    };
  }
}

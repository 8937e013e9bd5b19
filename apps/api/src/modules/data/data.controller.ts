import { GetBeliefsService, GetDataResponse, GetEndpointName, PostBeliefsService, PostEndpointName } from '@flexmeasures/beliefs';
import type { PlatformConfig } from '@flexmeasures/config';
import { PLATFORM_CONFIG } from '@flexmeasures/server-core';
import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import type { AuthenticatedRequest } from '../auth/access.guard';
import { callerOf } from '../assets/caller';
import { ALL_VERSIONS, FROM_V1_1, getMessage, routes, versionOf } from './data-routes';

interface PostResponse {
  readonly type: string;
  readonly status: string;
  readonly message: string;
}

/** The USEF time-series services of every API version; versions differ only by the rules table in the domain lib. */
@ApiTags('data')
@Controller()
export class DataController {
  constructor(
    private readonly posts: PostBeliefsService,
    private readonly gets: GetBeliefsService,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @Post(routes('postMeterData', ALL_VERSIONS))
  @HttpCode(200)
  @Access('data.postMeterData')
  postMeterData(@Req() request: AuthenticatedRequest, @Body() body: unknown): Promise<PostResponse> {
    return this.post('postMeterData', request, body);
  }

  @Post(routes('postPrognosis', FROM_V1_1))
  @HttpCode(200)
  @Access('data.postPrognosis')
  postPrognosis(@Req() request: AuthenticatedRequest, @Body() body: unknown): Promise<PostResponse> {
    return this.post('postPrognosis', request, body);
  }

  @Post(routes('postPriceData', FROM_V1_1))
  @HttpCode(200)
  @Access('data.postPriceData')
  postPriceData(@Req() request: AuthenticatedRequest, @Body() body: unknown): Promise<PostResponse> {
    return this.post('postPriceData', request, body);
  }

  @Post(routes('postWeatherData', FROM_V1_1))
  @HttpCode(200)
  @Access('data.postWeatherData')
  postWeatherData(@Req() request: AuthenticatedRequest, @Body() body: unknown): Promise<PostResponse> {
    return this.post('postWeatherData', request, body);
  }

  @Get(routes('getMeterData', ALL_VERSIONS))
  @Access('data.getMeterData')
  getMeterData(@Req() request: AuthenticatedRequest, @Query() query: Record<string, unknown>, @Body() body: unknown): Promise<GetDataResponse> {
    return this.get('getMeterData', request, getMessage(query, body));
  }

  /** v1 also takes getMeterData as a POST with a JSON body (seed §20). */
  @Post('api/v1/getMeterData')
  @HttpCode(200)
  @Access('data.getMeterData')
  getMeterDataByPost(@Req() request: AuthenticatedRequest, @Body() body: unknown): Promise<GetDataResponse> {
    return this.get('getMeterData', request, body);
  }

  @Get(routes('getPrognosis', FROM_V1_1))
  @Access('data.getPrognosis')
  getPrognosis(@Req() request: AuthenticatedRequest, @Query() query: Record<string, unknown>, @Body() body: unknown): Promise<GetDataResponse> {
    return this.get('getPrognosis', request, getMessage(query, body));
  }

  private async post(name: PostEndpointName, request: AuthenticatedRequest, body: unknown): Promise<PostResponse> {
    const result = await this.posts.post(name, body, {
      version: versionOf(request.path),
      caller: callerOf(request),
      naming: this.naming(request),
      arrivalMs: Date.now(),
      playMode: this.config.mode === 'play',
    });
    return { type: result.type, status: result.status, message: result.message };
  }

  private get(name: GetEndpointName, request: AuthenticatedRequest, message: unknown): Promise<GetDataResponse> {
    return this.gets.get(name, message, { version: versionOf(request.path), caller: callerOf(request), naming: this.naming(request) });
  }

  private naming(request: AuthenticatedRequest) {
    return { hostsAndAuthStart: this.config.hostsAndAuthStart, host: request.headers.host ?? 'localhost' };
  }
}

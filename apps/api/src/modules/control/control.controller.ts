import { ControlContext, DeviceMessageResponse, DeviceMessageService, PostUdiEventResponse, PostUdiEventService } from '@flexmeasures/beliefs';
import type { PlatformConfig } from '@flexmeasures/config';
import type { ApiVersion } from '@flexmeasures/domain';
import { PLATFORM_CONFIG } from '@flexmeasures/server-core';
import { All, Body, Controller, Get, HttpCode, HttpException, HttpStatus, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '../auth/access.decorator';
import type { AuthenticatedRequest } from '../auth/access.guard';
import { callerOf } from '../assets/caller';
import { getMessage, routes, versionOf } from '../data/data-routes';

/** Versions with device control (seed §16–18 summary tables). */
export const CONTROL_VERSIONS: readonly ApiVersion[] = ['v1_2', 'v1_3', 'v2_0'];

/** Device control (§15.6–15.7): postUdiEvent and getDeviceMessage. */
@ApiTags('control')
@Controller()
export class ControlController {
  constructor(
    private readonly udiEvents: PostUdiEventService,
    private readonly deviceMessages: DeviceMessageService,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @Post(routes('postUdiEvent', CONTROL_VERSIONS))
  @HttpCode(200)
  @Access('control.postUdiEvent')
  postUdiEvent(@Req() request: AuthenticatedRequest, @Body() body: unknown): Promise<PostUdiEventResponse> {
    return this.udiEvents.post(body, this.context(request));
  }

  @Get(routes('getDeviceMessage', CONTROL_VERSIONS))
  @Access('control.getDeviceMessage')
  getDeviceMessage(@Req() request: AuthenticatedRequest, @Query() query: Record<string, unknown>, @Body() body: unknown): Promise<DeviceMessageResponse> {
    return this.deviceMessages.get(getMessage(query, body), this.context(request));
  }

  private context(request: AuthenticatedRequest): ControlContext {
    return {
      version: versionOf(request.path),
      caller: callerOf(request),
      naming: { hostsAndAuthStart: this.config.hostsAndAuthStart, host: request.headers.host ?? 'localhost' },
      nowMs: Date.now(),
      playMode: this.config.mode === 'play',
      planningHorizonMs: this.config.timing.planningHorizonMs,
      planningTtlMs: this.config.timing.planningTtlMs,
    };
  }
}

/** The control services called with another HTTP method (registered after the real routes, so it only catches the rest). */
@ApiTags('control')
@Controller()
export class ControlWrongMethodController {
  @All([...routes('postUdiEvent', CONTROL_VERSIONS), ...routes('getDeviceMessage', CONTROL_VERSIONS)])
  @Access('api.wrongMethod')
  wrongMethod(@Req() request: Request): never {
    throw new HttpException(
      { status: 'INVALID_METHOD', message: `${request.method} is not allowed on ${request.path}; see /api/${request.path.split('/')[2]}/getService for how to call it.` },
      HttpStatus.METHOD_NOT_ALLOWED,
    );
  }
}

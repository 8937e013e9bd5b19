import type { PlatformConfig } from '@flexmeasures/config';
import type { PlatformInfo } from '@flexmeasures/contracts';
import { PLATFORM_CONFIG, platformVersion } from '@flexmeasures/server-core';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';

@ApiTags('platform')
@Controller('api/platform')
export class PlatformController {
  constructor(@Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig) {}

  /**
   * What the dashboard needs before login: name, version, modes, the map
   * token and (in demo mode) the public demo login. No secrets: the Mapbox
   * token is a browser token, and demo credentials are meant to be shown.
   */
  @Get()
  @Access('platform.info')
  @ApiOkResponse({ description: 'Platform name, version, environment, modes, map token and demo login.' })
  info(): PlatformInfo {
    return {
      platformName: this.config.ui.platformName,
      version: platformVersion(),
      mode: this.config.mode,
      timezone: this.config.timing.timezone,
      environment: this.config.env,
      database: this.config.database.kind,
      queue: this.config.queue.kind === 'redis' ? 'redis' : 'in-process',
      mapboxAccessToken: this.config.tokens.mapboxAccessToken ?? null,
      demoCredentials: this.config.mode === 'demo' ? (this.config.demo.credentials ?? null) : null,
    };
  }
}

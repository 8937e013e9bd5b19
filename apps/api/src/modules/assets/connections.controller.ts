import { AssetsService } from '@flexmeasures/assets';
import type { PlatformConfig } from '@flexmeasures/config';
import { buildEntityAddress, namingAuthority } from '@flexmeasures/domain';
import { PLATFORM_CONFIG } from '@flexmeasures/server-core';
import { BadRequestException, Body, Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import type { AuthenticatedRequest } from '../auth/access.guard';
import { callerOf } from './caller';

/** Versions that have getConnection (seed: added in v1.1). */
export const GET_CONNECTION_PATHS = ['api/v1_1/getConnection', 'api/v1_2/getConnection', 'api/v1_3/getConnection', 'api/v2_0/getConnection'];

export interface GetConnectionResponse {
  readonly type: 'GetConnectionResponse';
  readonly connections: string[];
  readonly names: string[];
}

@ApiTags('assets')
@Controller()
export class ConnectionsController {
  constructor(
    private readonly assets: AssetsService,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  /** The caller's connections (admins: all) as entity addresses, newest first, with their names. */
  @Get(GET_CONNECTION_PATHS)
  @Access('connections.get')
  async getConnection(@Req() request: AuthenticatedRequest, @Query('type') queryType?: string, @Body() body?: unknown): Promise<GetConnectionResponse> {
    const bodyType = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
    const type = bodyType ?? queryType;
    if (type !== undefined && type !== 'GetConnectionRequest') {
      throw new BadRequestException({ status: 'INVALID_MESSAGE_TYPE', message: `Expected a message of type GetConnectionRequest, got ${JSON.stringify(type)}.` });
    }
    const caller = callerOf(request);
    const connections = await this.assets.assets.connections(caller.isAdmin ? undefined : caller.id);
    const { authority } = namingAuthority(this.config.hostsAndAuthStart, request.headers.host ?? 'localhost');
    return {
      type: 'GetConnectionResponse',
      connections: connections.map((c) => buildEntityAddress({ kind: 'connection', ownerId: c.owner, assetId: c.id }, authority)),
      names: connections.map((c) => c.name),
    };
  }
}

import { AssetRecord, AssetsService } from '@flexmeasures/assets';
import { AssetStateService } from '@flexmeasures/beliefs';
import type { AssetStateResponse } from '@flexmeasures/contracts';
import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import type { AuthenticatedRequest } from '../auth/access.guard';
import { callerOf } from './caller';

const assetId = new ParseIntPipe({
  exceptionFactory: () => new BadRequestException({ status: 'INVALID_REQUEST', message: 'The asset id must be a whole number.' }),
});

function jsonObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestException({ status: 'INVALID_REQUEST', message: 'Send a JSON object with the asset fields.' });
  }
  return body as Record<string, unknown>;
}

/** The assets API of v2_0 (seed §16): event_resolution in minutes, soc_datetime in ISO 8601. */
@ApiTags('assets')
@Controller('api/v2_0')
export class AssetsController {
  constructor(
    private readonly assets: AssetsService,
    private readonly states: AssetStateService,
  ) {}

  /** The caller's assets; admins get all, or one owner's with owner_id. */
  @Get('assets')
  @Access('assets.list')
  @ApiQuery({ name: 'owner_id', required: false, type: Number })
  list(@Req() request: AuthenticatedRequest, @Query('owner_id') ownerId?: string): Promise<AssetRecord[]> {
    if (ownerId !== undefined && !/^\d+$/.test(ownerId)) {
      throw new BadRequestException({ status: 'INVALID_REQUEST', message: 'owner_id must be a user id.' });
    }
    return this.assets.list(callerOf(request), ownerId === undefined ? undefined : Number(ownerId));
  }

  /** A new asset (admins). Returns 201 with the whole asset. */
  @Post('assets')
  @HttpCode(201)
  @Access('assets.create')
  create(@Body() body: unknown): Promise<AssetRecord> {
    return this.assets.create(jsonObject(body));
  }

  @Get('asset/:id')
  @Access('assets.get')
  get(@Param('id', assetId) id: number, @Req() request: AuthenticatedRequest): Promise<AssetRecord> {
    return this.assets.get(callerOf(request), id);
  }

  /** The latest event of the asset with its most recent belief (any source); latest is null without data. */
  @Get('asset/:id/state')
  @Access('assets.state')
  state(@Param('id', assetId) id: number, @Req() request: AuthenticatedRequest): Promise<AssetStateResponse> {
    return this.states.state(callerOf(request), id);
  }

  /** Any subset of fields; id (and, for non-admins, owner) are ignored. */
  @Patch('asset/:id')
  @Access('assets.patch')
  patch(@Param('id', assetId) id: number, @Body() body: unknown, @Req() request: AuthenticatedRequest): Promise<AssetRecord> {
    return this.assets.update(callerOf(request), id, jsonObject(body));
  }

  /** The asset and all its data, in one transaction: 204 DELETED. */
  @Delete('asset/:id')
  @HttpCode(204)
  @Access('assets.delete')
  async remove(@Param('id', assetId) id: number, @Req() request: AuthenticatedRequest): Promise<void> {
    await this.assets.delete(callerOf(request), id);
  }
}

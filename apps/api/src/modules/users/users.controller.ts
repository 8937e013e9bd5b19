import { AccountsService, toUserResponse } from '@flexmeasures/accounts';
import type { PlatformConfig } from '@flexmeasures/config';
import type { UserResponse } from '@flexmeasures/contracts';
import { PLATFORM_CONFIG } from '@flexmeasures/server-core';
import { BadRequestException, Body, ConflictException, Controller, Delete, Get, HttpCode, Inject, Param, ParseIntPipe, Patch, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { currentUser } from '../auth/access.guard';
import type { AuthenticatedRequest } from '../auth/access.guard';

const userId = new ParseIntPipe({
  exceptionFactory: () => new BadRequestException({ status: 'INVALID_REQUEST', message: 'The user id must be a whole number.' }),
});

/** The users API of v2_0 (seed §16). */
@ApiTags('users')
@Controller('api/v2_0')
export class UsersController {
  constructor(
    private readonly accounts: AccountsService,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @Get('users')
  @Access('users.list')
  @ApiQuery({ name: 'include_inactive', required: false, type: Boolean })
  @ApiOkResponse({ description: 'Active users (and inactive ones with include_inactive=true).' })
  async list(@Query('include_inactive') includeInactive?: string): Promise<UserResponse[]> {
    if (includeInactive !== undefined && !['true', 'false', '1', '0'].includes(includeInactive.toLowerCase())) {
      throw new BadRequestException({ status: 'INVALID_REQUEST', message: 'include_inactive must be true or false.' });
    }
    const users = await this.accounts.listUsers(['true', '1'].includes((includeInactive ?? '').toLowerCase()));
    return users.map((user) => toUserResponse(user, this.config.timing.timezone));
  }

  @Get('user/:id')
  @Access('users.get')
  async get(@Param('id', userId) id: number): Promise<UserResponse> {
    return toUserResponse(await this.accounts.getUser(id), this.config.timing.timezone);
  }

  /** Any subset of fields; fields the caller may not change (id, and for non-admins all but username and timezone) are ignored. */
  @Patch('user/:id')
  @Access('users.patch')
  async patch(@Param('id', userId) id: number, @Body() body: unknown, @Req() request: AuthenticatedRequest): Promise<UserResponse> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new BadRequestException({ status: 'INVALID_REQUEST', message: 'Send a JSON object with the fields to change.' });
    }
    const isAdmin = currentUser(request).roles.some((role) => role.name === 'admin');
    const user = await this.accounts.updateUser(id, body as Record<string, unknown>, isAdmin);
    return toUserResponse(user, this.config.timing.timezone);
  }

  /** Random password, all tokens revoked, and a mail to the user with a link to choose a new one. */
  @Patch('user/:id/password-reset')
  @HttpCode(200)
  @Access('users.passwordReset')
  async passwordReset(@Param('id', userId) id: number) {
    await this.accounts.resetPassword(id);
    return { status: 'PROCESSED', message: `The password of user ${id} was reset; they have been sent a link to choose a new one.` };
  }

  /** The user with their assets and data (as `flexmeasures delete user`); admins only, and not their own account. */
  @Delete('user/:id')
  @HttpCode(204)
  @Access('users.delete')
  async remove(@Param('id', userId) id: number, @Req() request: AuthenticatedRequest): Promise<void> {
    if (currentUser(request).id === id) {
      throw new ConflictException({ status: 'CANNOT_DELETE_SELF', message: 'You cannot delete your own account; another administrator can.' });
    }
    await this.accounts.deleteUser(id);
  }
}

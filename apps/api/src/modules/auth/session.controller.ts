import { AccountsService, toUserResponse } from '@flexmeasures/accounts';
import type { PlatformConfig } from '@flexmeasures/config';
import type { AuthTokenResponse, SessionResponse } from '@flexmeasures/contracts';
import { PLATFORM_CONFIG } from '@flexmeasures/server-core';
import { Body, Controller, Delete, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from './access.decorator';
import { currentUser } from './access.guard';
import type { AuthenticatedRequest } from './access.guard';
import { RequestAuthTokenDto } from './auth.dto';
import { RateLimits } from './rate-limit.provider';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

/**
 * The dashboard's login: a session token in an http-only, SameSite=Strict
 * cookie that scripts cannot read. API clients keep using tokens.
 */
@ApiTags('authentication')
@Controller('api/session')
export class SessionController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly limits: RateLimits,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  /** Logs in with email + password: sets the fm_session cookie and answers the user (as whoami does). */
  @Post()
  @HttpCode(200)
  @Access('auth.login')
  @ApiOkResponse({ description: '{ user } and the fm_session cookie' })
  async login(@Body() body: RequestAuthTokenDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionResponse> {
    await this.limits.checkLogin(request, response, body.email);
    const { token, user } = await this.accounts.startSession(body.email, body.password);
    setSessionCookie(request, response, this.config, token);
    return { user: toUserResponse(user, this.config.timing.timezone) };
  }

  /** Logs out: clears the cookie (also when there is no session). */
  @Delete()
  @HttpCode(204)
  @Access('auth.logout')
  @ApiNoContentResponse({ description: 'The fm_session cookie is cleared.' })
  logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    clearSessionCookie(request, response, this.config);
  }

  /** A fresh API token for the caller (the account page), without asking for the password again. */
  @Post('token')
  @HttpCode(200)
  @Access('auth.sessionToken')
  @ApiOkResponse({ description: '{ auth_token, user_id }' })
  async token(@Req() request: AuthenticatedRequest): Promise<AuthTokenResponse> {
    const user = currentUser(request);
    return { auth_token: await this.accounts.tokenFor(user), user_id: user.id };
  }
}

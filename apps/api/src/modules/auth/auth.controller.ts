import { AccountsService, toUserResponse } from '@flexmeasures/accounts';
import type { PlatformConfig } from '@flexmeasures/config';
import type { AuthTokenResponse, UserResponse } from '@flexmeasures/contracts';
import { PLATFORM_CONFIG } from '@flexmeasures/server-core';
import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from './access.decorator';
import { currentUser } from './access.guard';
import type { AuthenticatedRequest } from './access.guard';
import { RequestAuthTokenDto, RequestPasswordResetDto, ResetPasswordDto } from './auth.dto';
import { RateLimits } from './rate-limit.provider';

@ApiTags('authentication')
@Controller('api')
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly limits: RateLimits,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  /** A fresh token for email + password (seed §14.1); expires after SECURITY_TOKEN_MAX_AGE. */
  @Post('requestAuthToken')
  @HttpCode(200)
  @Access('auth.requestAuthToken')
  @ApiOkResponse({ description: '{ auth_token, user_id }' })
  async requestAuthToken(
    @Body() body: RequestAuthTokenDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuthTokenResponse> {
    await this.limits.checkLogin(request, response, body.email);
    const { token, user } = await this.accounts.requestToken(body.email, body.password);
    return { auth_token: token, user_id: user.id };
  }

  /** Mails a reset link when the address belongs to an active account; the answer never says whether it does. */
  @Post('password-reset/request')
  @HttpCode(202)
  @Access('auth.requestPasswordReset')
  async requestPasswordReset(@Body() body: RequestPasswordResetDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    await this.limits.checkLogin(request, response, body.email);
    await this.accounts.requestPasswordReset(body.email);
    return { status: 'ACCEPTED', message: 'If the address belongs to an active account, a reset link is on its way.' };
  }

  /** Sets a new password with the token of a reset link (single use). */
  @Post('password-reset')
  @HttpCode(200)
  @Access('auth.resetPassword')
  async resetPassword(@Body() body: ResetPasswordDto) {
    await this.accounts.resetPasswordWithToken(body.token, body.password);
    return { status: 'UPDATED', message: 'Your password has been changed; log in with the new one.' };
  }

  /** The caller's own account. */
  @Get('whoami')
  @Access('auth.whoami')
  whoami(@Req() request: AuthenticatedRequest): UserResponse {
    return toUserResponse(currentUser(request), this.config.timing.timezone);
  }
}

import { ACCESS_AUDIENCE, AccountsService } from '@flexmeasures/accounts';
import type { PlatformConfig } from '@flexmeasures/config';
import type { UserEntity } from '@flexmeasures/persistence';
import { PLATFORM_CONFIG } from '@flexmeasures/server-core';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { tokenFromRequest } from './token-from-request';

interface TokenPayload {
  readonly sub?: string;
  readonly st?: string;
}

/** passport-jwt checks signature, audience and expiry; we check revocation and activity. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    private readonly accounts: AccountsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([tokenFromRequest(config.security.tokenHeader)]),
      secretOrKey: config.security.secretKey,
      algorithms: ['HS256'],
      audience: ACCESS_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  async validate(payload: TokenPayload): Promise<UserEntity> {
    return this.accounts.userForClaims({ userId: Number(payload.sub), stamp: String(payload.st ?? '') });
  }
}

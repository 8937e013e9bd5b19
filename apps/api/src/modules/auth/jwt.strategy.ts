import { ACCESS_AUDIENCE, AccountsService, SESSION_AUDIENCE } from '@flexmeasures/accounts';
import type { PlatformConfig } from '@flexmeasures/config';
import { DomainError } from '@flexmeasures/domain';
import type { UserEntity } from '@flexmeasures/persistence';
import { PLATFORM_CONFIG } from '@flexmeasures/server-core';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-jwt';
import { credentialFromRequest, RequestCredential } from './token-from-request';

interface TokenPayload {
  readonly sub?: string;
  readonly st?: string;
  readonly aud?: string | string[];
}

/** The audience each place of a credential takes: API tokens in the header, sessions in the cookie. */
const AUDIENCE_OF: Record<RequestCredential['via'], string> = { header: ACCESS_AUDIENCE, 'session-cookie': SESSION_AUDIENCE };

export const SESSION_AS_HEADER =
  'This is a dashboard session, not an API token; get an API token with POST /api/requestAuthToken (or POST /api/session/token when logged in).';
export const NOT_A_SESSION = 'The session cookie holds no valid session; log in again.';
export const SESSION_EXPIRED = 'Your session has expired; log in again.';
const SESSION_ENDED = 'Your session has ended (password reset or deactivation); log in again.';

/**
 * passport-jwt checks signature, audience and expiry; we check that the
 * token suits where it came from, revocation and activity.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly credentialOf: (request: Request) => RequestCredential | null;

  constructor(
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    private readonly accounts: AccountsService,
  ) {
    const credentialOf = credentialFromRequest(config.security.tokenHeader);
    super({
      jwtFromRequest: (request: Request) => credentialOf(request)?.token ?? null,
      secretOrKey: config.security.secretKey,
      algorithms: ['HS256'],
      audience: [ACCESS_AUDIENCE, SESSION_AUDIENCE],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
    this.credentialOf = credentialOf;
  }

  async validate(request: Request, payload: TokenPayload): Promise<UserEntity> {
    const via = this.credentialOf(request)?.via ?? 'header';
    const audiences = [payload.aud ?? []].flat();
    if (!audiences.includes(AUDIENCE_OF[via])) {
      throw new DomainError('UNAUTHORIZED', via === 'header' ? SESSION_AS_HEADER : NOT_A_SESSION);
    }
    try {
      return await this.accounts.userForClaims({ userId: Number(payload.sub), stamp: String(payload.st ?? '') });
    } catch (error) {
      if (via === 'session-cookie' && error instanceof DomainError) throw new DomainError('UNAUTHORIZED', SESSION_ENDED);
      throw error;
    }
  }
}

import type { PlatformConfig } from '@flexmeasures/config';
import { PLATFORM_CONFIG } from '@flexmeasures/server-core';
import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';

/**
 * Operations endpoints answer to FLEXMEASURES_TASK_CHECK_AUTH_TOKEN, sent in
 * the token header (bare, or as "Bearer <token>"). Without the setting they
 * are closed.
 */
@Injectable()
export class TaskCheckTokenGuard implements CanActivate {
  constructor(@Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.tokens.taskCheckAuthToken;
    if (!expected) {
      throw new ForbiddenException({
        status: 'INVALID_SENDER',
        message: 'Operations endpoints are disabled: set FLEXMEASURES_TASK_CHECK_AUTH_TOKEN to enable them.',
      });
    }
    const header = context.switchToHttp().getRequest<Request>().header(this.config.security.tokenHeader) ?? '';
    const given = header.replace(/^Bearer\s+/i, '');
    if (!given) {
      throw new UnauthorizedException({
        status: 'UNAUTHORIZED',
        message: `Send the task check token in the ${this.config.security.tokenHeader} header.`,
      });
    }
    if (!sameSecret(given, expected)) {
      throw new ForbiddenException({ status: 'INVALID_SENDER', message: 'The task check token is not valid.' });
    }
    return true;
  }
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

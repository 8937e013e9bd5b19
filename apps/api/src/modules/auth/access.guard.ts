import { TOKEN_EXPIRED, TOKEN_INVALID } from '@flexmeasures/accounts';
import type { PlatformConfig } from '@flexmeasures/config';
import { ACCESS_TABLE, AccessKey, AccessRule } from '@flexmeasures/contracts';
import { DomainError } from '@flexmeasures/domain';
import type { UserEntity } from '@flexmeasures/persistence';
import { PLATFORM_CONFIG } from '@flexmeasures/server-core';
import { ExecutionContext, ForbiddenException, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { ACCESS_METADATA } from './access.decorator';
import { tokenFromRequest } from './token-from-request';

export type AuthenticatedRequest = Request & { user?: UserEntity };

/** The caller, on an endpoint whose rule requires a token (the guard has set it). */
export function currentUser(request: AuthenticatedRequest): UserEntity {
  if (!request.user) throw new UnauthorizedException({ status: 'UNAUTHORIZED', message: 'This endpoint needs a token.' });
  return request.user;
}

/**
 * The global guard: every request is refused unless its endpoint's row in
 * ACCESS_TABLE lets the caller in. Endpoints without a row are refused too.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger(AccessGuard.name);
  private readonly readToken: (request: Request) => string | null;

  constructor(
    private readonly reflector: Reflector,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    super();
    this.readToken = tokenFromRequest(config.security.tokenHeader);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const key = this.reflector.getAllAndOverride<AccessKey | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    const rule: AccessRule | undefined = key ? ACCESS_TABLE[key] : undefined;
    if (!rule) {
      this.logger.error(`no access rule for ${context.getClass().name}.${context.getHandler().name}; refusing`);
      throw new ForbiddenException({ status: 'INVALID_SENDER', message: 'This endpoint has no access rule yet.' });
    }
    if (rule.kind === 'public') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (rule.kind === 'task-check-token' && this.isTaskCheckToken(request)) return true;
    await super.canActivate(context);
    const user = request.user as UserEntity;
    if (this.admits(rule, user, request)) return true;
    throw new ForbiddenException({ status: 'INVALID_SENDER', message: refusal(rule) });
  }

  /** Turns passport's outcome into the platform's messages. */
  override handleRequest<TUser = UserEntity>(error: unknown, user: TUser | false, info: unknown, context: ExecutionContext): TUser {
    if (error instanceof DomainError) throw new UnauthorizedException({ status: 'UNAUTHORIZED', message: error.message });
    if (error) throw error;
    if (user) return user;
    const request = context.switchToHttp().getRequest<Request>();
    if (!this.readToken(request)) {
      throw new UnauthorizedException({
        status: 'UNAUTHORIZED',
        message: `Send your token in the ${this.config.security.tokenHeader} header; get one with POST /api/requestAuthToken.`,
      });
    }
    const expired = (info as { name?: string } | undefined)?.name === 'TokenExpiredError';
    throw new UnauthorizedException({ status: 'UNAUTHORIZED', message: expired ? TOKEN_EXPIRED : TOKEN_INVALID });
  }

  private admits(rule: AccessRule, user: UserEntity, request: Request): boolean {
    const roles = new Set(user.roles.map((role) => role.name));
    switch (rule.kind) {
      case 'public':
      case 'authenticated':
      case 'owner':
        return true;
      case 'task-check-token':
        return roles.has('admin');
      case 'roles':
        return rule.roles.some((role) => roles.has(role)) || (rule.self === true && Number(request.params.id) === user.id);
    }
  }

  private isTaskCheckToken(request: Request): boolean {
    const expected = this.config.tokens.taskCheckAuthToken;
    const given = this.readToken(request);
    if (!expected || !given) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

function refusal(rule: AccessRule): string {
  switch (rule.kind) {
    case 'roles':
      return `Only users with the role ${rule.roles.join(' or ')}${rule.self ? ', or the user themselves,' : ''} may do this.`;
    case 'task-check-token':
      return 'Only administrators or holders of the task check token may do this.';
    case 'public':
    case 'authenticated':
    case 'owner':
      return 'You may not do this.';
  }
}

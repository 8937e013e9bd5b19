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
import { NOT_A_SESSION, SESSION_EXPIRED } from './jwt.strategy';
import { DASHBOARD_HEADER } from './session-cookie';
import { credentialFromRequest, RequestCredential, tokenFromRequest } from './token-from-request';

export type AuthenticatedRequest = Request & { user?: UserEntity };

/** Methods that only read; every other method changes something and is checked against cross-site requests. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

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
  private readonly credentialOf: (request: Request) => RequestCredential | null;

  constructor(
    private readonly reflector: Reflector,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    super();
    this.readToken = tokenFromRequest(config.security.tokenHeader);
    this.credentialOf = credentialFromRequest(config.security.tokenHeader);
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
    this.checkDashboardHeader(request);
    const user = request.user as UserEntity;
    if (this.admits(rule, user, request)) return true;
    throw new ForbiddenException({ status: 'INVALID_SENDER', message: refusal(rule) });
  }

  /** Turns passport's outcome into the platform's messages. */
  override handleRequest<TUser = UserEntity>(error: unknown, user: TUser | false, info: unknown, context: ExecutionContext): TUser {
    if (error instanceof DomainError) throw new UnauthorizedException({ status: 'UNAUTHORIZED', message: error.message });
    if (error) throw error;
    if (user) return user;
    const credential = this.credentialOf(context.switchToHttp().getRequest<Request>());
    if (!credential) {
      throw new UnauthorizedException({
        status: 'UNAUTHORIZED',
        message: `Send your token in the ${this.config.security.tokenHeader} header (get one with POST /api/requestAuthToken), or log in with POST /api/session.`,
      });
    }
    const expired = (info as { name?: string } | undefined)?.name === 'TokenExpiredError';
    if (credential.via === 'session-cookie') throw new UnauthorizedException({ status: 'UNAUTHORIZED', message: expired ? SESSION_EXPIRED : NOT_A_SESSION });
    throw new UnauthorizedException({ status: 'UNAUTHORIZED', message: expired ? TOKEN_EXPIRED : TOKEN_INVALID });
  }

  /**
   * A browser sends the session cookie with any request to this site, so a
   * change made with it must also carry the dashboard's header, which another
   * site cannot make a browser send. Header tokens are never sent by a browser on its own.
   */
  private checkDashboardHeader(request: Request): void {
    if (SAFE_METHODS.has(request.method) || this.credentialOf(request)?.via !== 'session-cookie') return;
    if (request.header(DASHBOARD_HEADER.name) === DASHBOARD_HEADER.value) return;
    throw new ForbiddenException({
      status: 'CSRF_CHECK_FAILED',
      message: `A change made with the dashboard session must carry the header ${DASHBOARD_HEADER.name}: ${DASHBOARD_HEADER.value}.`,
    });
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

import type { PlatformConfig } from '@flexmeasures/config';
import { PLATFORM_CONFIG } from '@flexmeasures/server-core';
import { HttpException, HttpStatus, Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Request, Response } from 'express';
import Redis from 'ioredis';
import { LOGIN_WINDOW_MS, LoginRateLimiter, MemoryRateLimitStore, RedisRateLimitStore } from './login-rate-limiter';

/** The limiter's counters live in Redis when the platform has it (shared by all api processes). */
@Injectable()
export class RateLimits implements OnApplicationShutdown {
  readonly login: LoginRateLimiter;
  private readonly redis?: Redis;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    const limits = { windowMs: LOGIN_WINDOW_MS, ...config.security.loginAttempts };
    if (config.queue.kind === 'redis') {
      this.redis = new Redis(config.queue.url, { maxRetriesPerRequest: 2, lazyConnect: false });
      this.redis.on('error', () => undefined); // readiness reports Redis trouble
      this.login = new LoginRateLimiter(new RedisRateLimitStore(this.redis, config.queue.prefix), limits);
    } else {
      this.login = new LoginRateLimiter(new MemoryRateLimitStore(), limits);
    }
  }

  /** Counts a login attempt (token, session or reset request); over the limit: 429 with Retry-After. */
  async checkLogin(request: Request, response: Response, email: string): Promise<void> {
    const waitSeconds = await this.login.check(request.ip ?? 'unknown', email);
    if (waitSeconds === undefined) return;
    response.setHeader('Retry-After', String(waitSeconds));
    throw new HttpException({ status: 'TOO_MANY_REQUESTS', message: `Too many attempts; try again in ${waitSeconds} s.` }, HttpStatus.TOO_MANY_REQUESTS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}

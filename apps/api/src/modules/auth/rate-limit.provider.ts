import type { PlatformConfig } from '@flexmeasures/config';
import { PLATFORM_CONFIG } from '@flexmeasures/server-core';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
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

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}

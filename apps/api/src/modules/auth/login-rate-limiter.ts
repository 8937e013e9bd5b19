import type { Redis } from 'ioredis';

export interface RateLimitStore {
  /** Counts a hit in the current window; returns the count and ms until the window ends. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
}

/** One process (embedded default). */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { count: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
      if (this.windows.size > 10_000) this.sweep(now);
    }
    window.count++;
    return { count: window.count, resetMs: window.endsAt - now };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}

/** Shared by every api process on one Redis. */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const redisKey = `${this.prefix}:ratelimit:${key}`;
    const results = (await this.redis.multi().incr(redisKey).pexpire(redisKey, windowMs, 'NX').pttl(redisKey).exec()) ?? [];
    const count = Number(results[0]?.[1] ?? 0);
    const ttl = Number(results[2]?.[1] ?? windowMs);
    return { count, resetMs: Math.max(0, ttl) };
  }
}

export interface LoginLimits {
  readonly windowMs: number;
  readonly perAddress: number;
  readonly perEmail: number;
}

export const LOGIN_WINDOW_MS = 15 * 60_000;

/** Brute-force brake on token requests: per client address and per email. */
export class LoginRateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly limits: LoginLimits,
  ) {}

  /** Returns the seconds to wait when over a limit, else undefined. */
  async check(address: string, email: string): Promise<number | undefined> {
    const [byAddress, byEmail] = await Promise.all([
      this.store.hit(`ip:${address}`, this.limits.windowMs),
      this.store.hit(`email:${email.trim().toLowerCase()}`, this.limits.windowMs),
    ]);
    const over = [
      byAddress.count > this.limits.perAddress ? byAddress.resetMs : 0,
      byEmail.count > this.limits.perEmail ? byEmail.resetMs : 0,
    ];
    const waitMs = Math.max(...over);
    return waitMs > 0 ? Math.ceil(waitMs / 1000) : undefined;
  }
}

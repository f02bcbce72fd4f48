import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * A fixed-window counter per key (a client address, a lead), on rate-limiter-flexible: constant work
 * per request, and each key is forgotten when its window ends, so memory follows the traffic of one
 * window. A store-backed limiter (its PostgreSQL one, say) can take this place for several servers.
 */
export interface RateLimiter {
  /** Counts one request of `key`: allowed, or refused with the milliseconds until the window ends. */
  consume(key: string): Promise<{ allowed: true } | { allowed: false; retryAfterMs: number }>;
}

export function createRateLimiter({ limit, windowMs }: { limit: number; windowMs: number }): RateLimiter {
  const counter = new RateLimiterMemory({ points: limit, duration: windowMs / 1000 });
  return {
    async consume(key) {
      try {
        await counter.consume(key);
        return { allowed: true };
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return { allowed: false, retryAfterMs: refusal.msBeforeNext };
      }
    },
  };
}

import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/**
 * A fixed-window counter per key (a client address, a lead), on rate-limiter-flexible: constant work
 * per request, and each key is forgotten when its window ends. In memory for one server (SQLite), or
 * in a PostgreSQL table that every server of a deployment counts in.
 */
export interface RateLimiter {
  /**
   * Counts `points` (1: one request) for `key`: allowed, or refused with the milliseconds until the
   * window ends. Refused points are counted too (the library adds them): a client that keeps asking past
   * the limit stays refused until the window ends.
   */
  consume(key: string, points?: number): Promise<{ allowed: true } | { allowed: false; retryAfterMs: number }>;
  /** Gives back `points` counted for `key` in its window (a try that turned out not to count, e.g. a right password). */
  reward(key: string, points?: number): Promise<void>;
}

export interface LimitOptions {
  limit: number;
  windowMs: number;
}

/** The table the PostgreSQL counters live in; the store's migrations create it, in the library's shape. */
export const RATE_LIMIT_TABLE = 'rate_limits';

function wrap(counter: RateLimiterAbstract): RateLimiter {
  return {
    async consume(key, points = 1) {
      try {
        await counter.consume(key, points);
        return { allowed: true };
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return { allowed: false, retryAfterMs: refusal.msBeforeNext };
      }
    },
    async reward(key, points = 1) {
      await counter.reward(key, points);
    },
  };
}

/** Counts in this process's memory: right for one server. */
export function createRateLimiter({ limit, windowMs }: LimitOptions): RateLimiter {
  return wrap(new RateLimiterMemory({ points: limit, duration: windowMs / 1000 }));
}

/**
 * Counts in PostgreSQL (one upsert per request, atomic), so every server on the database shares each
 * count; `name` keeps the counts of different limits apart in the one table.
 */
export function createPostgresRateLimiter(pool: unknown, name: string, { limit, windowMs }: LimitOptions): RateLimiter {
  return wrap(
    new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      keyPrefix: name,
      points: limit,
      duration: windowMs / 1000,
    }),
  );
}

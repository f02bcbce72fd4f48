import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/server/rate-limit.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 1, 1, 12, 0, 0);

describe('createRateLimiter', () => {
  it('allows the limit within a window and refuses the next request', () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 10 * MINUTE });
    const answers = [0, 1, 2, 3, 4].map((i) => limiter.hit('client', T0 + i * 1000));
    expect(answers).toEqual([true, true, true, false, false]);
  });

  it('keeps refusing until the window is over, then allows again', () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 10 * MINUTE });
    limiter.hit('client', T0);
    limiter.hit('client', T0);
    expect(limiter.hit('client', T0 + 10 * MINUTE - 1)).toBe(false);
    expect(limiter.hit('client', T0 + 10 * MINUTE)).toBe(true);
    expect(limiter.hit('client', T0 + 10 * MINUTE + 1)).toBe(true);
    expect(limiter.hit('client', T0 + 10 * MINUTE + 2)).toBe(false);
  });

  it('counts each key on its own', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: MINUTE });
    expect(limiter.hit('first', T0)).toBe(true);
    expect(limiter.hit('first', T0)).toBe(false);
    expect(limiter.hit('second', T0)).toBe(true);
    expect(limiter.hit('second', T0)).toBe(false);
    expect(limiter.hit('third', T0)).toBe(true);
  });

  it('does not let refused requests extend the window', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: MINUTE });
    limiter.hit('client', T0);
    for (let t = T0 + 1000; t < T0 + MINUTE; t += 1000) expect(limiter.hit('client', t)).toBe(false);
    expect(limiter.hit('client', T0 + MINUTE)).toBe(true);
  });

  it('keeps limiting one key while more than ten thousand others come and go', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: MINUTE });
    for (let i = 0; i < 10_050; i++) limiter.hit(`old-${i}`, T0);
    limiter.hit('busy', T0 + 30_000);
    // The stale windows are pruned here; the busy key's window is still current and must survive.
    expect(limiter.hit('newcomer', T0 + MINUTE + 10)).toBe(true);
    expect(limiter.hit('busy', T0 + MINUTE + 20)).toBe(false);
  });

  it('uses the current time when none is given', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 10 * MINUTE });
    expect(limiter.hit('client')).toBe(true);
    expect(limiter.hit('client')).toBe(false);
  });
});

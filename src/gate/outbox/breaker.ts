/** When a receiver counts as down, and for how long it is left alone. */
export interface BreakerOptions {
  /** Failures in a row that open the breaker. */
  failures: number;
  /** How long an open breaker lets no call through; then one trial call (half-open) decides. */
  cooldownMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface Breaker {
  state(): BreakerState;
  /** A call succeeded: closed again, the count of failures reset. */
  success(): void;
  /** A call failed; true when this failure opened the breaker (or, half-open, opened it again). */
  failure(): boolean;
}

/**
 * A circuit breaker for one receiver: after `failures` failed calls in a row it is open (no calls) for
 * `cooldownMs`, then half-open: the caller lets one call through, whose success closes it and whose
 * failure opens it for another cool-down. (Small on purpose: the outbox decides what to claim by its
 * state, so it never takes a row it would not deliver; a wrapping library such as opossum fails the call
 * instead, which would count an attempt on the row.)
 */
export function createBreaker({ failures, cooldownMs }: BreakerOptions, now: () => number = Date.now): Breaker {
  let inRow = 0;
  let openedAt: number | undefined;
  const state = (): BreakerState =>
    openedAt === undefined ? 'closed' : now() - openedAt >= cooldownMs ? 'half-open' : 'open';
  return {
    state,
    success() {
      inRow = 0;
      openedAt = undefined;
    },
    failure() {
      inRow++;
      const current = state();
      if (current === 'half-open' || (current === 'closed' && inRow >= failures)) {
        openedAt = now();
        return true;
      }
      return false;
    },
  };
}

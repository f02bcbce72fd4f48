/** When a failed outbox row is tried again: exponential backoff with jitter, the same rule for every store. */

export interface Backoff {
  /** The delay after the first failure. */
  baseMs: number;
  /** The longest delay, however many failures. */
  capMs: number;
  /** After this many attempts the worker gives up on the row. */
  maxAttempts: number;
}

/**
 * The next attempt after `attempts` failed ones, from `now`: base × 2^(attempts − 1), at most the cap, of
 * which a random half is taken off ("equal jitter"), so that rows failed together do not retry together.
 * Null when `attempts` reached the maximum: give up.
 */
export function retryAt(
  attempts: number,
  now: Date,
  backoff: Backoff,
  random: () => number = Math.random,
): Date | null {
  if (attempts >= backoff.maxAttempts) return null;
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + Math.round(ceiling / 2 + (random() * ceiling) / 2));
}

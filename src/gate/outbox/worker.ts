import { randomUUID } from 'node:crypto';
import type { LeadStore, OutboxItem } from '../store/index.ts';
import { retryAt, type Backoff } from './backoff.ts';
import { createBreaker, type BreakerOptions } from './breaker.ts';

/** An email address in an error (a mail server names the recipient it refuses): never logged or kept. */
const ADDRESS = /[^\s<>()[\]@,;:"]+@[^\s<>()[\]@,;:"]+/g;

/** Delivers one outbox row; throws (or rejects) when it was not delivered, to be tried again later. */
export type OutboxHandler = (item: OutboxItem) => Promise<void>;

export interface OutboxWorkerOptions {
  store: LeadStore;
  /** By topic: each topic is delivered on its own. A row whose topic has no handler stays in the outbox. */
  handlers: Record<string, OutboxHandler>;
  backoff: Backoff;
  /** How often the outbox is read for due rows. */
  pollMs?: number;
  /** How long a claimed row is this worker's; a worker that dies frees its rows after this. */
  leaseMs?: number;
  /** Deliveries of one topic under way at once; a slot is refilled as soon as its delivery ends. */
  concurrency?: number;
  /** When a topic's receiver counts as down, and how long it is left alone then. */
  breaker?: BreakerOptions;
  log?: (message: string) => void;
}

export interface OutboxWorker {
  /** Reads the outbox now and starts delivering what is due in free slots; resolves to how many rows it started. */
  drain(): Promise<number>;
  /** Stops polling and waits for the deliveries under way. */
  stop(): Promise<void>;
}

/** Five failures in a row pause a receiver for 30 seconds. */
export const DEFAULT_BREAKER: BreakerOptions = { failures: 5, cooldownMs: 30_000 };

/**
 * What went wrong, with its causes: undici's "fetch failed" says nothing, its cause says
 * `connect ECONNREFUSED 10.0.0.5:443` (several, when every address of a name refused).
 */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    if (current instanceof AggregateError && current.errors.length > 0) {
      parts.push(
        [...new Set(current.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))))].join(', '),
      );
    } else {
      const text = current instanceof Error ? current.message || current.name : JSON.stringify(current);
      if (text && parts.at(-1) !== text) parts.push(text);
    }
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(': ');
}

/**
 * The loop that drains the outbox in a server process. Its state is the table: after a restart it
 * picks up where it was, and several processes on one database never deliver a row at the same time
 * (each claims with a lease). Delivery is at least once: a receiver drops repeats by the idempotency key.
 *
 * Each topic (email, webhook) has its own slots and its own circuit breaker: a receiver that hangs holds
 * only its own slots until its timeout, and one that keeps failing is left alone for a cool-down (its
 * rows wait in the outbox, no attempt counted) instead of being called for every row.
 */
export function startOutboxWorker({
  store,
  handlers,
  backoff,
  pollMs = 1000,
  leaseMs = 60_000,
  concurrency = 10,
  breaker: breakerOptions = DEFAULT_BREAKER,
  log = console.error,
}: OutboxWorkerOptions): OutboxWorker {
  const owner = randomUUID();
  let stopped = false;
  const underWay = new Set<Promise<void>>();

  const lanes = Object.entries(handlers).map(([topic, handler]) => {
    const breaker = createBreaker(breakerOptions);
    let busy = 0;
    let claiming: Promise<number> | undefined;
    let again = false;

    async function deliver(item: OutboxItem): Promise<void> {
      try {
        await handler(item);
        if (breaker.state() !== 'closed') log(`Outbox: ${topic} delivers again.`);
        breaker.success();
        await store.completeOutbox(item.id, owner, new Date());
      } catch (error) {
        const message = errorText(error).replace(ADDRESS, '(address)');
        const now = new Date();
        const next = retryAt(item.attempts, now, backoff);
        const wasHalfOpen = breaker.state() === 'half-open';
        const opened = breaker.failure();
        await store.failOutbox(item.id, owner, message, next, now).catch((failure: unknown) => {
          log(`Outbox: recording the failure of ${topic} #${item.id} failed: ${errorText(failure)}`);
        });
        log(
          `Outbox: ${topic} #${item.id} attempt ${item.attempts} failed: ${message}; ` +
            (next ? `trying again at ${next.toISOString()}` : 'giving up'),
        );
        if (opened) {
          const seconds = Math.round(breakerOptions.cooldownMs / 100) / 10;
          log(
            wasHalfOpen
              ? `Outbox: ${topic} still failing; pausing its calls for another ${seconds} s.`
              : `Outbox: ${topic} had ${breakerOptions.failures} failures in a row; pausing its calls for ${seconds} s, then trying one.`,
          );
        }
      }
    }

    /** Claims as many due rows as there are free slots (one trial call when half-open) and starts them. */
    async function fill(): Promise<number> {
      const state = breaker.state();
      const free = state === 'open' ? 0 : state === 'half-open' ? (busy === 0 ? 1 : 0) : concurrency - busy;
      if (stopped || free <= 0) return 0;
      const items = await store.claimOutbox(owner, new Date(), leaseMs, free, topic);
      for (const item of items) {
        busy++;
        const delivery = deliver(item).finally(() => {
          busy--;
          underWay.delete(delivery);
          if (!stopped) void drain();
        });
        underWay.add(delivery);
      }
      return items.length;
    }

    // One claim at a time per topic; a slot freed during a claim is filled right after it.
    function drain(): Promise<number> {
      if (claiming) {
        again = true;
        return claiming;
      }
      claiming = fill()
        .catch((error: unknown) => {
          log(`Outbox: reading the outbox failed: ${errorText(error)}`);
          return 0;
        })
        .finally(() => {
          claiming = undefined;
          if (again && !stopped) {
            again = false;
            void drain();
          }
        });
      return claiming;
    }
    return { drain, claiming: (): Promise<number> => claiming ?? Promise.resolve(0) };
  });

  const drain = async () => (await Promise.all(lanes.map((lane) => lane.drain()))).reduce((a, b) => a + b, 0);
  const timer = setInterval(() => {
    if (!stopped) void drain();
  }, pollMs);
  // The worker never keeps the process alive on its own.
  timer.unref();
  void drain();

  return {
    drain,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all(lanes.map((lane) => lane.claiming()));
      while (underWay.size > 0) await Promise.allSettled([...underWay]);
    },
  };
}

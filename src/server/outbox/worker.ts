import { randomUUID } from 'node:crypto';
import type { LeadStore, OutboxItem } from '../store/index.ts';
import { retryAt, type Backoff } from './backoff.ts';

/** An email address in an error (a mail server names the recipient it refuses): never logged or kept. */
const ADDRESS = /[^\s<>()[\]@,;:"]+@[^\s<>()[\]@,;:"]+/g;

/** Delivers one outbox row; throws (or rejects) when it was not delivered, to be tried again later. */
export type OutboxHandler = (item: OutboxItem) => Promise<void>;

export interface OutboxWorkerOptions {
  store: LeadStore;
  /** By topic; a row whose topic has no handler fails, and is retried until one exists. */
  handlers: Record<string, OutboxHandler>;
  backoff: Backoff;
  /** How often the outbox is read for due rows. */
  pollMs?: number;
  /** How long a claimed row is this worker's; a worker that dies frees its rows after this. */
  leaseMs?: number;
  /** Rows claimed at a time. */
  batch?: number;
  log?: (message: string) => void;
}

export interface OutboxWorker {
  /** Reads the outbox now (or joins the batch in hand) and delivers what is due; resolves to how many rows. */
  drain(): Promise<number>;
  /** Stops polling and waits for the batch in hand. */
  stop(): Promise<void>;
}

/**
 * The one loop that drains the outbox in a server process. Its state is the table: after a restart it
 * picks up where it was, and several processes on one database never deliver a row at the same time
 * (each claims with a lease). Delivery is at least once: a receiver drops repeats by the idempotency key.
 */
export function startOutboxWorker({
  store,
  handlers,
  backoff,
  pollMs = 1000,
  leaseMs = 60_000,
  batch = 10,
  log = console.error,
}: OutboxWorkerOptions): OutboxWorker {
  const owner = randomUUID();
  let running: Promise<number> | undefined;
  let stopped = false;

  async function deliver(item: OutboxItem): Promise<void> {
    const handler = handlers[item.topic];
    try {
      if (!handler) throw new Error(`no handler for the outbox topic "${item.topic}"`);
      await handler(item);
      await store.completeOutbox(item.id, owner, new Date());
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).replace(ADDRESS, '(address)');
      const now = new Date();
      const next = retryAt(item.attempts, now, backoff);
      await store.failOutbox(item.id, owner, message, next, now);
      log(
        `Outbox: ${item.topic} #${item.id} attempt ${item.attempts} failed: ${message}; ` +
          (next ? `trying again at ${next.toISOString()}` : 'giving up'),
      );
    }
  }

  async function once(): Promise<number> {
    const items = await store.claimOutbox(owner, new Date(), leaseMs, batch);
    await Promise.all(items.map(deliver));
    return items.length;
  }

  // One batch at a time: a poll while a batch is in hand waits for it rather than claiming more.
  const drain = () =>
    (running ??= once()
      .catch((error: unknown) => {
        log(`Outbox: reading the outbox failed: ${(error as Error).message}`);
        return 0;
      })
      .finally(() => {
        running = undefined;
      }));
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
      await running;
    },
  };
}

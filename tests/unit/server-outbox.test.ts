import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SMTP_TIMEOUTS } from '../../src/server/mail/outbox-email.ts';
import { retryAt } from '../../src/server/outbox/backoff.ts';
import { DELIVERY_LEASE_MS } from '../../src/server/outbox/start.ts';
import { WEBHOOK_TIMEOUT_MS } from '../../src/server/webhook/deliver.ts';
import { startOutboxWorker, type OutboxWorker } from '../../src/server/outbox/worker.ts';
import type { OutboxItem } from '../../src/server/store/index.ts';
import { lead, stores, type StoreUnderTest } from './fixtures/stores.ts';

const NOW = new Date('2026-02-01T12:00:00.000Z');
const BACKOFF = { baseMs: 1000, capMs: 60_000, maxAttempts: 5 };
const after = (date: Date | null) => (date ? date.getTime() - NOW.getTime() : null);

describe('retry backoff', () => {
  it('doubles the delay with each failure, between half and all of it', () => {
    expect([1, 2, 3, 4].map((n) => after(retryAt(n, NOW, BACKOFF, () => 0)))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => after(retryAt(n, NOW, BACKOFF, () => 1)))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never waits longer than the cap', () => {
    expect(after(retryAt(4, NOW, { ...BACKOFF, capMs: 3000 }, () => 1))).toBe(3000);
  });

  it('spreads rows that failed together over the window', () => {
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const delays = new Set(Array.from({ length: 20 }, () => after(retryAt(3, NOW, BACKOFF, random))));
    expect(delays.size).toBeGreaterThan(15);
  });

  it('gives up after the last attempt', () => {
    expect(retryAt(5, NOW, BACKOFF)).toBeNull();
  });
});

describe('the delivery lease', () => {
  it('outlasts the slowest SMTP exchange and webhook call the timeouts allow, so no second worker sends a row again', () => {
    // Connect, greeting, then one wait of up to socketTimeout per step: EHLO, STARTTLS, EHLO again, AUTH
    // (up to 3 steps), MAIL FROM, RCPT TO, DATA, the message, QUIT.
    const { connectionTimeout, greetingTimeout, socketTimeout } = SMTP_TIMEOUTS;
    const slowestEmail = connectionTimeout + greetingTimeout + 11 * socketTimeout;
    expect(slowestEmail).toBeLessThan(DELIVERY_LEASE_MS);
    expect(WEBHOOK_TIMEOUT_MS).toBeLessThan(DELIVERY_LEASE_MS);
  });
});

describe.each(stores)('the outbox worker on $name', ({ create }) => {
  let db: StoreUnderTest;
  const workers: OutboxWorker[] = [];
  beforeEach(async () => {
    db = await create();
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
    await db.dispose();
  });
  const until = async (done: () => boolean | Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await done()); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  };

  it('delivers every row once, retrying a failing one, with two workers on two connections', async () => {
    const store = await db.open();
    for (let i = 0; i < 12; i++)
      await store.upsertLead(lead({ email: `r${i}@example.com` }), () => [{ topic: 'email', payload: { n: i } }]);
    const delivered: number[] = [];
    const failedOnce = new Set<number>();
    const handler = (item: OutboxItem) => {
      const n = Number(item.payload.n);
      if (n % 3 === 0 && !failedOnce.has(n)) {
        failedOnce.add(n);
        return Promise.reject(new Error('421 try later'));
      }
      delivered.push(n);
      return Promise.resolve();
    };
    const options = { handlers: { email: handler }, backoff: { ...BACKOFF, baseMs: 20 }, pollMs: 10, log: () => {} };
    workers.push(startOutboxWorker({ ...options, store }), startOutboxWorker({ ...options, store: await db.open() }));
    await until(async () => (await store.listOutbox()).length === 0);
    expect(delivered.sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    expect(failedOnce.size).toBe(4);
  });

  it('keeps a failing row with its error and next attempt, and gives up after the last attempt', async () => {
    const store = await db.open();
    await store.upsertLead(lead(), () => [{ topic: 'webhook', payload: {} }]);
    const logged: string[] = [];
    const worker = startOutboxWorker({
      store,
      handlers: { webhook: () => Promise.reject(new Error('HTTP 503')) },
      backoff: { baseMs: 5, capMs: 10, maxAttempts: 3 },
      pollMs: 5,
      log: (line) => logged.push(line),
    });
    workers.push(worker);
    await until(async () => (await store.listOutbox())[0]?.gaveUpAt != null);
    expect(await store.listOutbox()).toMatchObject([{ attempts: 3, lastError: 'HTTP 503' }]);
    expect(logged.at(-1)).toMatch(/webhook #\d+ attempt 3 failed: HTTP 503; giving up/);
  });

  it("logs and keeps a mail server's refusal without the address it names", async () => {
    const store = await db.open();
    await store.upsertLead(lead({ email: 'ada@example.com' }), () => [{ topic: 'email', payload: {} }]);
    const logged: string[] = [];
    const refusal = "Can't send mail - all recipients were rejected: 550 5.1.1 <Ada@Example.com>: User unknown";
    workers.push(
      startOutboxWorker({
        store,
        handlers: { email: () => Promise.reject(new Error(refusal)) },
        backoff: { ...BACKOFF, maxAttempts: 1 },
        pollMs: 5,
        log: (line) => logged.push(line),
      }),
    );
    await until(async () => (await store.listOutbox())[0]?.gaveUpAt != null);
    const [row] = await store.listOutbox();
    for (const text of [...logged, row!.lastError!]) {
      expect(text).toContain('550 5.1.1');
      expect(text.toLowerCase()).not.toContain('ada@example.com');
    }
  });

  it('picks up after a restart the rows an earlier process left', async () => {
    const store = await db.open();
    await store.upsertLead(lead(), () => [{ topic: 'email', payload: {} }]);
    await store.close();
    const delivered: string[] = [];
    const reopened = await db.open();
    workers.push(
      startOutboxWorker({
        store: reopened,
        handlers: { email: (item) => Promise.resolve(void delivered.push(item.idempotencyKey)) },
        backoff: BACKOFF,
        pollMs: 10,
      }),
    );
    await until(() => delivered.length > 0);
    expect(delivered).toHaveLength(1);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMailbox, type Mailbox } from '../integration/smtp.ts';
import { SMTP_TIMEOUTS, smtpSender } from '../../src/gate/mail/outbox-email.ts';
import { retryAt } from '../../src/gate/outbox/backoff.ts';
import { DELIVERY_LEASE_MS } from '../../src/gate/outbox/start.ts';
import { WEBHOOK_TIMEOUT_MS, webhookHandler } from '../../src/gate/webhook/deliver.ts';
import { createBreaker } from '../../src/gate/outbox/breaker.ts';
import { errorText, startOutboxWorker, type OutboxWorker } from '../../src/gate/outbox/worker.ts';
import type { OutboxItem } from '../../src/gate/store/index.ts';
import { lead, stores, type StoreUnderTest } from '../unit/fixtures/stores.ts';

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

/**
 * The outbox against real receivers: a webhook receiver on a loopback port that hangs (accepts the
 * request and never answers), refuses, or fails; and a real SMTP server (smtp-server, in this process).
 */
describe('the outbox worker against receivers that hang or fail', () => {
  let db: StoreUnderTest;
  let mailbox: Mailbox;
  const workers: OutboxWorker[] = [];
  const servers: Server[] = [];
  beforeEach(async () => {
    db = await stores[0]!.create();
    mailbox = await startMailbox();
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) server.closeAllConnections();
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    for (const server of servers.splice(0)) server.close();
    await mailbox.close();
    await db.dispose();
  });

  /** A receiver on a free loopback port; `answer` decides each request (undefined: never answer). */
  async function receiver(answer: (count: number) => number | undefined) {
    const seen = { requests: 0 };
    const server = createServer((req, res) => {
      seen.requests++;
      req.resume();
      const status = answer(seen.requests);
      if (status !== undefined) res.writeHead(status).end();
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return Object.assign(seen, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` });
  }

  const webhook = (url: string) => webhookHandler({ url, secret: 'x'.repeat(32), timeoutMs: 8_000 });
  const emailTo = (to: string) => () =>
    smtpSender({ SMTP_URL: mailbox.url, MAIL_FROM: 'Reports <reports@example.com>' })(
      { to, subject: 'Your report', text: 'Here it is.', html: '<p>Here it is.</p>', headers: {} },
      `${to}-message`,
    );

  it('sends an email queued after webhooks within a couple of seconds while the webhook receiver hangs', async () => {
    const hanging = await receiver(() => undefined);
    const store = await db.open();
    for (let i = 0; i < 12; i++)
      await store.upsertLead(lead({ email: `hook-${i}@example.com` }), () => [
        { topic: 'webhook', payload: { type: 'lead.created' } },
      ]);
    const worker = startOutboxWorker({
      store,
      handlers: { webhook: webhook(hanging.url), email: emailTo('late@example.com') },
      backoff: BACKOFF,
      pollMs: 50,
      log: () => {},
    });
    workers.push(worker);
    const until = Date.now() + 2_000;
    while (hanging.requests === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hanging.requests).toBeGreaterThan(0);
    // Queued while the webhook calls hang.
    await store.upsertLead(lead({ email: 'late@example.com' }), () => [{ topic: 'email', payload: {} }]);
    const queued = Date.now();
    await mailbox.next('late@example.com', undefined, 2_000);
    expect(Date.now() - queued).toBeLessThan(2_000);
  });

  it('keeps and logs the cause of a refused connection (ECONNREFUSED and the address), not "fetch failed"', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const store = await db.open();
    await store.upsertLead(lead(), () => [{ topic: 'webhook', payload: { type: 'lead.created' } }]);
    const logged: string[] = [];
    workers.push(
      startOutboxWorker({
        store,
        handlers: { webhook: webhook(`http://127.0.0.1:${port}/hook`) },
        backoff: { ...BACKOFF, maxAttempts: 1 },
        pollMs: 10,
        log: (line) => logged.push(line),
      }),
    );
    for (let i = 0; i < 200 && (await store.listOutbox())[0]?.gaveUpAt == null; i++)
      await new Promise((resolve) => setTimeout(resolve, 25));
    const [row] = await store.listOutbox();
    for (const text of [row!.lastError!, logged.join('\n')]) expect(text).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('keeps "no answer within" for a webhook call that timed out', async () => {
    const hanging = await receiver(() => undefined);
    const store = await db.open();
    await store.upsertLead(lead(), () => [{ topic: 'webhook', payload: { type: 'lead.created' } }]);
    workers.push(
      startOutboxWorker({
        store,
        handlers: { webhook: webhookHandler({ url: hanging.url, secret: 'x'.repeat(32), timeoutMs: 300 }) },
        backoff: { ...BACKOFF, maxAttempts: 1 },
        pollMs: 10,
        log: () => {},
      }),
    );
    for (let i = 0; i < 200 && (await store.listOutbox())[0]?.gaveUpAt == null; i++)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect((await store.listOutbox())[0]?.lastError).toMatch(/^no answer from the webhook within 0\.3 s/);
  });

  it('stops calling a failing receiver for a cool-down, then tries one call, and delivers once it recovers', async () => {
    let healthy = false;
    const failing = await receiver(() => (healthy ? 204 : 503));
    const store = await db.open();
    for (let i = 0; i < 20; i++)
      await store.upsertLead(lead({ email: `b-${i}@example.com` }), () => [
        { topic: 'webhook', payload: { type: 'lead.created' } },
      ]);
    const logged: string[] = [];
    workers.push(
      startOutboxWorker({
        store,
        handlers: { webhook: webhook(failing.url) },
        // Due again almost at once: without a breaker, every row is tried again and again.
        backoff: { baseMs: 10, capMs: 20, maxAttempts: 1000 },
        breaker: { failures: 3, cooldownMs: 1_500 },
        concurrency: 4,
        pollMs: 10,
        log: (line) => logged.push(line),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Two failures, each refilling its slot, then the third with four calls in flight: six calls, and no more.
    const beforeTrial = failing.requests;
    expect(beforeTrial).toBeLessThanOrEqual(6);
    expect(logged.join('\n')).toMatch(/webhook.*3 failures in a row.*pausing/i);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Half-open after the cool-down: one call, which fails and opens it again.
    expect(failing.requests).toBe(beforeTrial + 1);
    healthy = true;
    for (let i = 0; i < 200 && (await store.listOutbox()).length > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect(await store.listOutbox()).toEqual([]);
  }, 15_000);
});

describe('the circuit breaker', () => {
  it('opens after the failures in a row, lets one trial through after the cool-down, and closes on success', () => {
    let now = 0;
    const breaker = createBreaker({ failures: 3, cooldownMs: 1000 }, () => now);
    expect([breaker.failure(), breaker.failure()]).toEqual([false, false]);
    breaker.success();
    expect([breaker.failure(), breaker.failure(), breaker.state()]).toEqual([false, false, 'closed']);
    expect(breaker.failure()).toBe(true);
    now = 999;
    expect(breaker.state()).toBe('open');
    // A call that was under way when it opened fails too: it stays open, the cool-down unchanged.
    expect(breaker.failure()).toBe(false);
    now = 1000;
    expect(breaker.state()).toBe('half-open');
    expect(breaker.failure()).toBe(true);
    expect(breaker.state()).toBe('open');
    now = 2000;
    breaker.success();
    expect(breaker.state()).toBe('closed');
  });
});

describe('outbox error text', () => {
  it("names the cause under undici's fetch failed, and every address that refused", () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:443'), { code: 'ECONNREFUSED' });
    expect(errorText(new TypeError('fetch failed', { cause: refused }))).toBe(
      'fetch failed: connect ECONNREFUSED 10.0.0.5:443',
    );
    const both = new AggregateError([new Error('connect ECONNREFUSED ::1:443'), refused]);
    expect(errorText(new TypeError('fetch failed', { cause: both }))).toBe(
      'fetch failed: connect ECONNREFUSED ::1:443, connect ECONNREFUSED 10.0.0.5:443',
    );
  });
});

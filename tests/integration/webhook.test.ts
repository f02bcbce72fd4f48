import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../src/gate/links.ts';
import type { LeadStore } from '../../src/gate/store/index.ts';
import { freePort, reportForm, startServer, type RunningServer } from './server.ts';

/**
 * The CRM hand-off over real HTTP: `npm start` with LEADS_WEBHOOK_URL, and a receiver in the test that
 * is down at first, then fails half the time, and sometimes loses its answer after accepting.
 */
const SERIES = 'ml-trends-2021';
const SECRET = 'webhook-test-secret-0123456789abcdef0123';

/** The check a receiver makes, as the README shows it: signature over `timestamp.body`, and a fresh timestamp. */
function verifyWebhook(secret: string, headers: IncomingHttpHeaders, rawBody: string, now = Date.now()): boolean {
  const timestamp = Number(headers['x-leads-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > 300) return false;
  // Compared as bytes: a header with other characters must be refused, not make timingSafeEqual throw.
  const given = Buffer.from(String(headers['x-leads-signature'] ?? ''));
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface Event {
  id: string;
  type: string;
  change?: string;
  lead: { email: string; marketingStatus: string; submissions: number } & Record<string, unknown>;
  submission?: Record<string, unknown>;
}

let server: RunningServer;
let store: LeadStore;
let receiver: Server;
let port: number;
/** What the receiver's handler accepted, each key once; what reached it; what it refused or lost. */
const handled: Event[] = [];
const stats = { requests: 0, refusedSignature: 0, failed: 0, lostAnswers: 0, repeats: 0 };
const accepted = new Set<string>();
const failuresOf = new Map<string, number>();
let seed = 11;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;

function startReceiver(): Promise<void> {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      stats.requests++;
      if (!verifyWebhook(SECRET, req.headers, body)) {
        stats.refusedSignature++;
        return res.writeHead(401).end();
      }
      const key = String(req.headers['idempotency-key']);
      // Fails half the time, though not more than three times running for one event (the sender gives up
      // after twelve attempts, and the test is not about that).
      const failures = failuresOf.get(key) ?? 0;
      if (failures < 3 && random() < 0.5) {
        failuresOf.set(key, failures + 1);
        stats.failed++;
        return res.writeHead(503).end();
      }
      // The idempotency check in front of the handler: a key accepted before is answered, not handled again.
      if (accepted.has(key)) {
        stats.repeats++;
        return res.writeHead(200).end();
      }
      accepted.add(key);
      handled.push(JSON.parse(body) as Event);
      // The first two answers are lost after the handler accepted: the sender has to try again.
      if (stats.lostAnswers < 2) {
        stats.lostAnswers++;
        return void req.socket.destroy();
      }
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => receiver.listen(port, '127.0.0.1', resolve));
}

const submit = (email: string, marketing = false) => {
  const body = reportForm(email);
  if (marketing) body.set('marketingOptIn', 'on');
  return fetch(`${server.origin}/${SERIES}/report/`, { method: 'POST', body, headers: { Origin: server.origin } });
};

beforeAll(async () => {
  port = await freePort();
  server = await startServer({
    LEADS_WEBHOOK_URL: `http://127.0.0.1:${port}/hooks/leads`,
    LEADS_WEBHOOK_SECRET: SECRET,
    OUTBOX_RETRY_SECONDS: '0.05',
  });
  store = await server.openStore();
}, 300_000);

afterAll(async () => {
  await store?.close();
  await server?.stop();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
});

describe('the leads webhook', () => {
  it('delivers every stored lead and consent change, each accepted once, through a receiver that is down and then flaky', async () => {
    // The receiver is down while the leads come in.
    for (let i = 0; i < 8; i++)
      expect((await submit(`reader-${i}@analytical-engines.example`, i < 2)).status).toBe(200);
    await submit('reader-0@analytical-engines.example', true);
    const [first] = (await store.listLeads()).filter((l) => l.email === 'reader-1@analytical-engines.example');
    const token = signToken(
      {
        purpose: 'unsubscribe',
        lead: first!.publicId,
        series: SERIES,
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
      },
      server.secret,
    );
    const unsubscribed = await fetch(`${server.origin}/${SERIES}/report/unsubscribe/${token}/`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const waiting = await store.listOutbox();
    expect(waiting).toHaveLength(10);
    expect(waiting.some((item) => /ECONNREFUSED|fetch failed/.test(item.lastError ?? ''))).toBe(true);

    await startReceiver();
    for (let i = 0; i < 600 && (await store.listOutbox()).length > 0; i++) await new Promise((r) => setTimeout(r, 100));

    expect(await store.listOutbox()).toEqual([]);
    expect(handled).toHaveLength(10);
    expect(new Set(handled.map((event) => event.id)).size).toBe(10);
    expect(stats.refusedSignature).toBe(0);
    expect(stats.failed).toBeGreaterThan(0);
    // Each lost answer was retried, and the retry stopped at the idempotency check.
    expect(stats.repeats).toBe(stats.lostAnswers);
    expect(stats.lostAnswers).toBe(2);

    const stored = handled.filter((event) => event.type === 'lead.stored');
    expect(stored).toHaveLength(9);
    expect(
      stored
        .filter((event) => event.lead.email === 'reader-0@analytical-engines.example')
        .map((e) => e.lead.submissions)
        .sort(),
    ).toEqual([1, 2]);
    const changes = handled.filter((event) => event.type === 'consent.changed');
    expect(changes.map((event) => [event.change, event.lead.email, event.lead.marketingStatus])).toEqual([
      ['marketing-unsubscribed', 'reader-1@analytical-engines.example', 'unsubscribed'],
    ]);
  });

  it('sends every field of a short form, name and company empty as the form did not ask for them', async () => {
    const email = 'short-form@analytical-engines.example';
    const body = reportForm(email);
    for (const field of ['firstName', 'lastName', 'company']) body.delete(field);
    const response = await fetch(`${server.origin}/${SERIES}/report/`, {
      method: 'POST',
      body,
      headers: { Origin: server.origin },
    });
    expect(response.status).toBe(200);
    let event: Event | undefined;
    for (let i = 0; i < 300 && !event; i++) {
      event = handled.find((e) => e.type === 'lead.stored' && e.lead.email === email);
      if (!event) await new Promise((r) => setTimeout(r, 100));
    }
    expect(event?.lead).toMatchObject({ firstName: '', lastName: '', company: '', jobRole: body.get('jobRole') });
    expect(event?.submission).toMatchObject({ firstName: '', lastName: '', company: '' });
  });
});

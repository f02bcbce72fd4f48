import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadStore } from '../../src/gate/store/index.ts';
import { reportForm, startServer, type RunningServer } from '../integration/server.ts';
import { createPostgres, type PostgresUnderTest } from '../unit/fixtures/postgres.ts';

/**
 * Two `npm start` processes on two ports, sharing one PostgreSQL database (DATABASE_URL) and one
 * REPORT_LINK_SECRET, as a deployment with several servers behind a load balancer runs: they share the
 * leads, the rate limit and the signed links.
 */
const SERIES = 'ml-trends-2021';
let db: PostgresUnderTest;
let one: RunningServer;
let two: RunningServer;
let store: LeadStore;

beforeAll(async () => {
  db = await createPostgres();
  // The servers believe X-Forwarded-For from the test (a trusted proxy), so each test picks its clients.
  const env = { DATABASE_URL: db.url, RATE_LIMIT_MAX: '3', TRUSTED_PROXIES: '127.0.0.1' };
  // One after the other: the first builds the site when the build is stale, the second finds it built.
  one = await startServer(env);
  two = await startServer(env);
  store = await db.open();
}, 300_000);

afterAll(async () => {
  await store?.close();
  await one?.stop();
  await two?.stop();
  await db?.dispose();
});

/** The report form sent without JavaScript to a server, from a client address of the test's choosing. */
const submit = (server: RunningServer, email: string, client: string) =>
  fetch(`${server.origin}/${SERIES}/report/`, {
    method: 'POST',
    body: reportForm(email),
    headers: { Origin: server.origin, 'X-Forwarded-For': client },
  });

const downloadPath = (html: string) => /href="(\/ml-trends-2021\/report\/download\/[^"]+)"/.exec(html)?.[1];

describe('two servers on one PostgreSQL database', () => {
  it('logs the PostgreSQL store on both', () => {
    for (const server of [one, two]) expect(server.output()).toMatch(/Lead store: PostgreSQL \d+/);
  });

  it('keeps one lead for the same email submitted to both at once', async () => {
    const email = 'same-time@analytical-engines.example';
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => submit(i % 2 ? one : two, email, `198.51.100.${i + 1}`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array<number>(10).fill(200));
    const leads = (await store.listLeads()).filter((l) => l.email === email);
    expect(leads).toHaveLength(1);
    expect(leads[0]!.submissions).toBe(10);
    expect(await store.consentHistory(leads[0]!.id)).toHaveLength(10);
  });

  it('counts the rate limit across both: the fourth submission from one client is refused, on either', async () => {
    const client = '203.0.113.40';
    const statuses: number[] = [];
    for (const [i, server] of [one, two, one, two, one].entries()) {
      statuses.push((await submit(server, `limit-${i}@analytical-engines.example`, client)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // Another client is still served by both.
    expect((await submit(two, 'other@analytical-engines.example', '203.0.113.41')).status).toBe(200);
  });

  it('accepts on one server the download link the other signed', async () => {
    const answer = await submit(one, 'link@analytical-engines.example', '192.0.2.60');
    const path = downloadPath(await answer.text());
    expect(path).toBeDefined();
    const download = await fetch(two.origin + path!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await download.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const lead = (await store.listLeads()).find((l) => l.email === 'link@analytical-engines.example')!;
    expect(await store.countDownloads(lead.id)).toBe(1);
  });
});

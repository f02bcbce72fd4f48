import { afterEach, expect, it } from 'vitest';
import { reportForm, startServer, submitAction, type RunningServer } from './server.ts';

/**
 * The funnel's counts wait in the server's memory for up to a second before one transaction writes them. On
 * the real server (`npm start`, a SQLite file): a clean stop (SIGTERM) writes what it holds, so no count is
 * lost; `kill -9` loses at most the counts of the last second, and never a lead it acknowledged.
 */
const PAGE = '/ml-trends-2021/';
let server: RunningServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function beacons(origin: string, n: number, from = 0): Promise<void> {
  for (let i = from; i < from + n; i++) {
    const answer = await fetch(`${origin}/_event`, {
      method: 'POST',
      body: JSON.stringify({ e: 'view', p: PAGE, q: '', r: '' }),
      headers: {
        Origin: origin,
        'Content-Type': 'text/plain;charset=UTF-8',
        'User-Agent': `Mozilla/5.0 (X11; Linux x86_64) Shutdown/${i}`,
      },
    });
    expect(answer.status).toBe(204);
  }
}

/** The views of PAGE and the day's visitors in the stopped server's store. */
async function stored(running: RunningServer): Promise<{ views: number; visitors: number }> {
  const store = await running.openStore();
  try {
    const { counts, days } = await store.analytics.readAnalytics();
    return {
      views: counts.filter((c) => c.page === PAGE && c.event === 'view').reduce((sum, c) => sum + c.count, 0),
      visitors: days.reduce((sum, d) => sum + d.visitors, 0),
    };
  } finally {
    await store.close();
  }
}

it('writes the counts it holds when stopped with SIGTERM', async () => {
  server = await startServer();
  // Beacons for longer than the once-a-second write, then SIGTERM right after the last one is answered: the
  // counts since the last write are still in memory when the signal comes.
  let sent = 0;
  for (const started = Date.now(); Date.now() - started < 1500; sent += 5) await beacons(server.origin, 5, sent);
  server.signal('SIGTERM');
  expect(await server.exited).toBe(0);
  expect(await stored(server)).toEqual({ views: sent, visitors: sent });
});

it('loses at most the last second of counts to kill -9, and no lead it acknowledged', async () => {
  server = await startServer();
  await beacons(server.origin, 30);
  // Past the once-a-second write.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await beacons(server.origin, 10, 30);
  const email = `kill-${Date.now()}@analytical-engines.example`;
  expect((await submitAction(server.origin, email)).status).toBe(200);
  await server.kill();
  const { views } = await stored(server);
  expect(views).toBeGreaterThanOrEqual(30);
  expect(views).toBeLessThanOrEqual(40);
  const store = await server.openStore();
  try {
    expect((await store.listLeads()).map((lead) => lead.email)).toContain(email);
  } finally {
    await store.close();
  }
});

it('writes no log line for a beacon it answers 204, and one for a beacon it refuses', async () => {
  server = await startServer();
  const lines = () =>
    server!
      .output()
      .split('\n')
      .filter((line) => line.includes('"path":"/_event"'));
  await beacons(server.origin, 5);
  const refused = await fetch(`${server.origin}/_event`, { method: 'POST', body: 'not an event' });
  expect(refused.status).toBe(400);
  const page = await fetch(`${server.origin}/ml-trends-2021/`);
  expect(page.status).toBe(200);
  // Lines are written when a response closes: wait for the page's, which came last.
  await expect.poll(() => server!.output().includes('"path":"/ml-trends-2021/"')).toBe(true);
  expect(lines().map((line) => (JSON.parse(line) as { status: number }).status)).toEqual([400]);
});

it('counts a reader once a day across a restart of the gate', async () => {
  const reader = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
  const REPORT = '/ml-trends-2021/report/';
  /** One visit of the reader: the series' home read, the report page from it, the form started and sent. */
  const visit = async (origin: string, form: 'refused' | 'sent') => {
    const headers = { Origin: origin, 'Content-Type': 'text/plain;charset=UTF-8', 'User-Agent': reader };
    const view = await fetch(`${origin}/_event`, {
      method: 'POST',
      body: JSON.stringify({ e: 'view', p: PAGE, q: '', r: '' }),
      headers,
    });
    expect(view.status).toBe(204);
    const report = await fetch(`${origin}${REPORT}`, {
      headers: { 'User-Agent': reader, Referer: `${origin}${PAGE}` },
    });
    expect(report.status).toBe(200);
    await report.text();
    const start = await fetch(`${origin}/_event`, {
      method: 'POST',
      body: JSON.stringify({ e: 'form_start', p: REPORT, q: '', r: `${origin}${PAGE}` }),
      headers,
    });
    expect(start.status).toBe(204);
    const body = reportForm(`restart-${Date.now()}@analytical-engines.example`);
    if (form === 'refused') body.delete('consent');
    const answer = await fetch(`${origin}/_actions/requestReport/`, {
      method: 'POST',
      body,
      headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': reader },
    });
    expect(answer.status).toBe(form === 'refused' ? 400 : 200);
  };
  server = await startServer();
  const first = server;
  await visit(first.origin, 'refused');
  first.signal('SIGTERM');
  expect(await first.exited).toBe(0);
  // The same data directory and port (the site, hashed with each visitor, is HOST:PORT without SITE_URL), a new
  // process: what the first one knew of the day's readers is in the store.
  server = await startServer({ DATA_DIR: first.dataDir }, process.cwd(), { port: Number(new URL(first.origin).port) });
  try {
    await visit(server.origin, 'sent');
    server.signal('SIGTERM');
    expect(await server.exited).toBe(0);
    const store = await first.openStore();
    try {
      const { counts, days } = await store.analytics.readAnalytics();
      const total = (page: string, event: string) =>
        counts.filter((c) => c.page === page && c.event === event).reduce((n, c) => n + c.count, 0);
      expect({
        visitors: days.map((d) => d.visitors),
        views: total(PAGE, 'view'),
        homeReaders: total(PAGE, 'page_reader'),
        reportReaders: total(REPORT, 'page_reader'),
        cameFromHome: total(REPORT, 'report_reader'),
        started: total(REPORT, 'form_start'),
        refused: total(REPORT, 'form_refused'),
        sent: total(REPORT, 'submit'),
      }).toEqual({
        visitors: [1],
        // Views are views: two. Readers are readers: one each, the restart notwithstanding.
        views: 2,
        homeReaders: 1,
        reportReaders: 1,
        cameFromHome: 1,
        started: 1,
        // The refusal before the restart was the reader's outcome until they sent the form after it.
        refused: 0,
        sent: 1,
      });
    } finally {
      await store.close();
    }
  } finally {
    await first.stop();
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountRow } from '../../src/gate/analytics/events.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The report page counts its own `view` as the gate renders it (a GET): on the real server, with the
 * landing's source as the beacon would send it, and not for crawlers, link previews or prefetches.
 */
const SERIES = 'ml-trends-2021';
const PAGE = `/${SERIES}/report/`;
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ TRUSTED_PROXIES: '127.0.0.1' });
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

const get = (path: string, headers: Record<string, string>) =>
  fetch(`${server.origin}${path}`, { headers: { 'X-Forwarded-For': '192.0.2.80', ...headers } }).then(async (r) => {
    await r.text();
    return r.status;
  });

/** The report page's view rows once the server has written its counts (it holds them for a second at most). */
async function views(expected: number): Promise<CountRow[]> {
  let rows: CountRow[] = [];
  for (let tries = 0; tries < 40; tries++) {
    const store = await server.openStore();
    try {
      rows = (await store.analytics.readAnalytics()).counts.filter((c) => c.page === PAGE && c.event === 'view');
    } finally {
      await store.close();
    }
    if (rows.reduce((sum, r) => sum + r.count, 0) >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return rows;
}

describe('the report page view', () => {
  it('is not counted for a crawler, a link preview or a prefetch; a reader is', async () => {
    const requests: Record<string, string>[] = [
      { 'User-Agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
      { 'User-Agent': 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)' },
      { 'User-Agent': BROWSER, 'Sec-Purpose': 'prefetch' },
      { 'User-Agent': BROWSER, 'Sec-Purpose': 'prefetch;prerender' },
      { 'User-Agent': BROWSER, Purpose: 'prefetch' },
    ];
    for (const headers of requests) {
      expect(await get(PAGE, headers)).toBe(200);
    }
    expect(await get(`${PAGE}?utm_campaign=reader`, { 'User-Agent': BROWSER })).toBe(200);
    // Time for a flush: had the bots or prefetches been counted, they would be written by now too.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const rows = await views(1);
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(1);
  });

  it('keeps the landing source: its utm_* and the Referer host, and credits a later view to it', async () => {
    const landing = `${PAGE}?utm_source=Newsletter&utm_medium=email&utm_campaign=spring-launch&email=ada@example.com`;
    expect(await get(landing, { 'User-Agent': BROWSER, Referer: 'https://www.news.example.com/item?id=7' })).toBe(200);
    // A Referer from the site itself is no source.
    expect(await get(PAGE, { 'User-Agent': BROWSER, Referer: `${server.origin}/${SERIES}/` })).toBe(200);
    const rows = await views(3);
    const source = ({ referrer, utmSource, utmMedium, utmCampaign, count }: CountRow) => ({
      referrer,
      utmSource,
      utmMedium,
      utmCampaign,
      count,
    });
    expect(rows.map(source)).toContainEqual({
      referrer: 'news.example.com',
      utmSource: 'newsletter',
      utmMedium: 'email',
      utmCampaign: 'spring-launch',
      count: 1,
    });
    // The second view has no source of its own (a link within the site): it is credited to the source this
    // reader landed from today, the newsletter, and never counted as a view from nowhere.
    const fromNewsletter = rows.filter((row) => row.utmSource === 'newsletter');
    expect(fromNewsletter.reduce((sum, row) => sum + row.count, 0)).toBe(2);
    expect(rows.map(source)).not.toContainEqual(
      expect.objectContaining({ referrer: '', utmSource: '', utmMedium: '', utmCampaign: '' }),
    );
    expect(JSON.stringify(rows)).not.toContain('ada@example.com');
  });
});

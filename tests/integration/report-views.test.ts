import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountRow } from '../../src/gate/analytics/events.ts';
import { formDropOff, formsLine, readRepeatForms, summarise } from '../../src/gate/analytics/summary.ts';
import { postForm, reportForm, startServer, type RunningServer } from './server.ts';

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

/** The report page's counts of `event`, once the server has written at least `expected` of them. */
async function counted(event: string, expected: number): Promise<CountRow[]> {
  let rows: CountRow[] = [];
  for (let tries = 0; tries < 40; tries++) {
    const store = await server.openStore();
    try {
      rows = (await store.analytics.readAnalytics()).counts.filter((c) => c.page === PAGE && c.event === event);
    } finally {
      await store.close();
    }
    if (rows.reduce((sum, r) => sum + r.count, 0) >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return rows;
}
const total = (rows: readonly CountRow[]) => rows.reduce((sum, r) => sum + r.count, 0);

describe('a form sent without JavaScript', () => {
  /** A reader at `address`: the headers of each of their requests. */
  const reader = (address: string) => ({ 'X-Forwarded-For': address, 'User-Agent': BROWSER, Origin: server.origin });
  const beacon = (address: string, e: string) =>
    fetch(`${server.origin}/_event`, {
      method: 'POST',
      headers: reader(address),
      body: JSON.stringify({ e, p: PAGE, q: '', r: '' }),
    }).then((r) => r.status);

  it('counts its start with it; a reader whose script counted the start gets no second one', async () => {
    const before = { starts: total(await counted('form_start', 0)), sent: total(await counted('submit', 0)) };
    // No form was sent before: the dashboard's line below reads this test's counts alone.
    expect(before).toEqual({ starts: 0, sent: 0 });
    // Without JavaScript: a plain POST, no `js` field. Counted as started and sent, in that one request.
    const plain = await postForm(`${server.origin}${PAGE}`, {
      body: reportForm('nojs@analytical-engines.example'),
      headers: reader('192.0.2.91'),
    });
    expect(plain.status).toBe(200);
    expect(total(await counted('form_start', before.starts + 1)) - before.starts).toBe(1);
    expect(total(await counted('submit', before.sent + 1)) - before.sent).toBe(1);

    // With JavaScript: the beacon counted the start; the form (with `js=1`) adds a form sent only.
    expect(await beacon('192.0.2.92', 'form_start')).toBe(204);
    const body = reportForm('js@analytical-engines.example');
    body.set('js', '1');
    const sent = await fetch(`${server.origin}/_actions/requestReport/`, {
      method: 'POST',
      body,
      headers: reader('192.0.2.92'),
    });
    expect(sent.status).toBe(200);
    // A third reader starts the form and leaves.
    expect(await beacon('192.0.2.93', 'form_start')).toBe(204);
    expect(total(await counted('submit', before.sent + 2)) - before.sent).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(total(await counted('form_start', before.starts + 3)) - before.starts).toBe(3);

    // The dashboard's line: 2 of 3 readers who started sent it, 1 left.
    const store = await server.openStore();
    try {
      const { counts, days } = await store.analytics.readAnalytics();
      const summary = summarise({ counts, days, leads: [], confirmationEmails: false, seriesIds: [SERIES] });
      const series = summary.series.find((s) => s.id === SERIES)!;
      expect(formDropOff(series)).toBe('2 of 3 readers who started the form sent it, 67%; 1 left');
    } finally {
      await store.close();
    }
  });

  it('counts nothing, neither start nor form sent, under Sec-GPC', async () => {
    const starts = total(await counted('form_start', 0));
    const sent = total(await counted('submit', 0));
    const plain = await postForm(`${server.origin}${PAGE}`, {
      body: reportForm('gpc@analytical-engines.example'),
      headers: { ...reader('192.0.2.94'), 'Sec-GPC': '1' },
    });
    expect(plain.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(total(await counted('form_start', 0))).toBe(starts);
    expect(total(await counted('submit', 0))).toBe(sent);
  });
});

describe('forms from an address already on file', () => {
  it('are told apart from new leads: two forms from one address are one new lead and one repeat', async () => {
    const headers = { 'X-Forwarded-For': '192.0.2.95', 'User-Agent': BROWSER, Origin: server.origin };
    for (const email of ['again@repeat.example', 'again@repeat.example', 'once@repeat.example']) {
      const sent = await postForm(`${server.origin}${PAGE}`, { body: reportForm(email), headers });
      expect(sent.status).toBe(200);
    }
    const store = await server.openStore();
    try {
      // This test's leads only: the other tests of this file send forms of their own.
      const leads = (await store.listLeads()).filter((l) => l.email.endsWith('@repeat.example'));
      const repeatForms = await readRepeatForms(store, leads);
      const summary = summarise({ counts: [], days: [], leads, repeatForms, confirmationEmails: false });
      expect(summary.totals).toMatchObject({ leads: 2, repeatForms: 1 });
      // No counts here: none in the funnel, which the line says beside the forms stored.
      expect(formsLine(summary.totals)).toBe(
        "3 forms stored: 2 new leads, 1 from an address already on file. Form sent in the funnel: 0, fewer, as it counts a reader's forms once per report page and UTC day, and none sent with Global Privacy Control or Do Not Track or by a crawler or headless browser (those are stored, not counted); a lead erased on request leaves its forms counted",
      );
    } finally {
      await store.close();
    }
  });
});

describe('a form refused by validation', () => {
  const reader = (address: string) => ({ 'X-Forwarded-For': address, 'User-Agent': BROWSER, Origin: server.origin });

  it('counts the refusal and its fields by name (nothing the reader typed), then the accepted form', async () => {
    const refusedBefore = total(await counted('form_refused', 0));
    const sentBefore = total(await counted('submit', 0));
    // The marketing box ticked (which asks for the profile) and the first and last name left empty: refused,
    // with both fields named; the address is never kept.
    const body = reportForm('refused@analytical-engines.example');
    body.set('marketingOptIn', 'on');
    body.set('firstName', '');
    body.set('lastName', '');
    body.set('js', '1');
    const refused = await fetch(`${server.origin}/_actions/requestReport/`, {
      method: 'POST',
      body,
      headers: reader('192.0.2.98'),
    });
    expect(refused.status).toBe(400);
    expect(total(await counted('form_refused', refusedBefore + 1)) - refusedBefore).toBe(1);
    expect(total(await counted('form_refused:firstName', 1))).toBe(1);
    expect(total(await counted('form_refused:lastName', 1))).toBe(1);
    // The same reader corrects the form: accepted, counted as sent.
    const accepted = await postForm(`${server.origin}${PAGE}`, {
      body: reportForm('refused@analytical-engines.example'),
      headers: reader('192.0.2.98'),
    });
    expect(accepted.status).toBe(200);
    expect(total(await counted('submit', sentBefore + 1)) - sentBefore).toBe(1);
    // Under Sec-GPC a refusal is not counted.
    const gpc = await fetch(`${server.origin}/_actions/requestReport/`, {
      method: 'POST',
      body,
      headers: { ...reader('192.0.2.96'), 'Sec-GPC': '1' },
    });
    expect(gpc.status).toBe(400);
    // Another reader is refused and leaves: their outcome stays "refused".
    const another = await fetch(`${server.origin}/_actions/requestReport/`, {
      method: 'POST',
      body,
      headers: reader('192.0.2.97'),
    });
    expect(another.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // The first reader's refusal was taken back when their form was accepted: one reader refused in all.
    expect(total(await counted('form_refused', 0)) - refusedBefore).toBe(1);
    const store = await server.openStore();
    try {
      const { counts, days } = await store.analytics.readAnalytics();
      expect(JSON.stringify(counts)).not.toContain('refused@');
      const summary = summarise({ counts, days, leads: [], confirmationEmails: false, seriesIds: [SERIES] });
      const series = summary.series.find((s) => s.id === SERIES)!;
      expect(series.sentOfStarted.refused).toBe(1);
      expect(series.sentOfStarted.refusedFields).toEqual({ firstName: 1, lastName: 1 });
      // Six readers started: the first test's 3 (2 sent, 1 left), the repeat-address test's reader (sent; a form
      // with `js=1` but no start counted counts its start), this reader (refused, then sent) and the one refused.
      expect(formDropOff(series)).toBe(
        '4 of 6 readers who started the form sent it, 67%; 2 did not: 1 refused by validation (first name 1, last name 1), 1 left',
      );
    } finally {
      await store.close();
    }
  });
});

describe('a form turned away by the rate limit', () => {
  let limited: RunningServer;
  beforeAll(async () => {
    // One form per network per window: the second from the same address is turned away (429).
    limited = await startServer({ TRUSTED_PROXIES: '127.0.0.1', RATE_LIMIT_MAX: '1' });
  }, 300_000);
  afterAll(async () => {
    await limited?.stop();
  });

  /** The report page's rows of `event` once the server has written at least `expected` of them. */
  async function limitedRows(event: string, expected: number): Promise<CountRow[]> {
    let rows: CountRow[] = [];
    for (let tries = 0; tries < 40; tries++) {
      const store = await limited.openStore();
      try {
        rows = (await store.analytics.readAnalytics()).counts.filter((c) => c.page === PAGE && c.event === event);
      } finally {
        await store.close();
      }
      if (total(rows) >= expected) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return rows;
  }
  const send = (address: string, headers: Record<string, string> = {}) => {
    const body = reportForm('limited@analytical-engines.example');
    body.set('js', '1');
    return fetch(`${limited.origin}/_actions/requestReport/`, {
      method: 'POST',
      body,
      headers: { 'X-Forwarded-For': address, 'User-Agent': BROWSER, Origin: limited.origin, ...headers },
    });
  };

  it('counts it as turned away, not as left, and not under Sec-GPC or DNT', async () => {
    expect((await send('192.0.2.120')).status).toBe(200);
    // Another reader on the same network (another browser): turned away. (The reader who sent is done for the day.)
    const other = { 'User-Agent': `${BROWSER} Other/1.0` };
    const turnedAway = await send('192.0.2.120', other);
    expect(turnedAway.status).toBe(429);
    expect(total(await limitedRows('form_limited', 1))).toBe(1);
    // Under Sec-GPC or DNT the same answer, and nothing counted.
    expect((await send('192.0.2.120', { 'Sec-GPC': '1' })).status).toBe(429);
    expect((await send('192.0.2.120', { DNT: '1' })).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const rows = await limitedRows('form_limited', 2);
    expect(total(rows)).toBe(1);
    // Kept per day, page and variant only: nothing of the reader or the form.
    const store = await limited.openStore();
    try {
      const { counts, days } = await store.analytics.readAnalytics();
      expect(JSON.stringify(counts)).not.toContain('limited@');
      expect(JSON.stringify(counts)).not.toContain('192.0.2.120');
      // In the summary as `limited`, and not a funnel step.
      const summary = summarise({ counts, days, leads: [], confirmationEmails: false, seriesIds: [SERIES] });
      const series = summary.series.find((s) => s.id === SERIES)!;
      expect(series.sentOfStarted.limited).toBe(1);
      expect(series.onReport.map((s) => s.event)).not.toContain('form_limited');
    } finally {
      await store.close();
    }
  });
});

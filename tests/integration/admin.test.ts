import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { hashPassword } from '../../src/gate/admin/auth.ts';
import { NO_SOURCE, type CountRow } from '../../src/gate/analytics/events.ts';
import { readFrontmatter } from '../../src/lib/content/files.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The team's dashboard on the real server: nothing without a session, on any path or method; sign-in by
 * the password whose hash is in ADMIN_PASSWORD_HASH, rate-limited and CSRF-protected; a session cookie
 * HttpOnly, Secure, SameSite=Strict and short-lived; its own headers. And readers get no cookie anywhere.
 */
const PASSWORD = 'a long team password for the dashboard';
const SERIES = 'ml-trends-2021';
let server: RunningServer;

beforeAll(async () => {
  // The tests' requests come from loopback: trusted as a proxy, their X-Forwarded-For stands for distinct networks.
  server = await startServer({
    ADMIN_PASSWORD_HASH: await hashPassword(PASSWORD),
    TRUSTED_PROXIES: '127.0.0.1',
    // Not the defaults: the dashboard says the limit the server has.
    RATE_LIMIT_MAX: '7',
    RATE_LIMIT_WINDOW_MINUTES: '20',
  });
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

const cookieOf = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]!
    .slice(name.length + 1);

/** A sign-in form as the browser sends it: the form cookie and its token, from the sign-in page. */
async function signInForm(): Promise<{ cookie: string; token: string }> {
  const page = await fetch(`${server.origin}/admin/`);
  const cookie = cookieOf(page, 'mt_admin_form')!;
  const token = /name="form" value="([^"]+)"/.exec(await page.text())![1]!;
  return { cookie, token };
}

const signIn = (password: string, form: { cookie: string; token: string }, headers: Record<string, string> = {}) =>
  fetch(`${server.origin}/admin/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      Origin: server.origin,
      Cookie: `mt_admin_form=${form.cookie}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Forwarded-For': '203.0.113.9',
      ...headers,
    },
    body: new URLSearchParams({ form: form.token, password }),
  });

describe('the dashboard', () => {
  it('refuses every path and method without a session, revealing nothing', async () => {
    for (const [method, path] of [
      ['GET', '/admin/'],
      ['HEAD', '/admin/'],
      ['GET', '/admin/anything/at/all'],
      ['GET', '/admin/sign-out'],
      ['POST', '/admin/'],
      ['POST', '/admin/sign-out'],
      ['POST', '/admin/export.csv'],
    ] as const) {
      const answer = await fetch(`${server.origin}${path}`, {
        method,
        redirect: 'manual',
        headers: { Origin: server.origin, Cookie: 'mt_admin=1999999999999.AAAAAAAAAAAAAAAA.' + 'A'.repeat(43) },
      });
      const body = await answer.text();
      expect(answer.status, `${method} ${path}`).toBe(401);
      expect(body).not.toContain('Visitors per day');
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('x-robots-tag')).toContain('noindex');
      expect(answer.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'self' 'sha256-/);
      expect(answer.headers.get('content-security-policy')).not.toContain('script-src');
      expect(cookieOf(answer, 'mt_admin')).toBeUndefined();
    }
  });

  it('sends /admin to /admin/, where the session cookie (Path=/admin/) is sent', async () => {
    for (const method of ['GET', 'HEAD', 'POST']) {
      const answer = await fetch(`${server.origin}/admin`, { method, redirect: 'manual' });
      expect(answer.status, method).toBe(308);
      expect(answer.headers.get('location')).toBe('/admin/');
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(cookieOf(answer, 'mt_admin')).toBeUndefined();
    }
  });

  it('signs in with the password, into a short-lived HttpOnly, Secure, SameSite=Strict session', async () => {
    const wrong = await signIn('not the password', await signInForm());
    expect(wrong.status).toBe(401);
    const refused = await wrong.text();
    expect(refused).toContain('That is not the password.');
    // The sign-in page says whose it is, with the site's header linking home, and its icon (it was a 404).
    expect(refused).toMatch(/<header class="admin-site"><div><a href="\/">[^<]+<\/a>/);
    expect(refused).not.toContain('<a href="/">The site</a>');
    expect(refused).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
    expect((await fetch(`${server.origin}/favicon.svg`)).status).toBe(200);

    const right = await signIn(PASSWORD, await signInForm(), { 'X-Forwarded-For': '203.0.113.10' });
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe('/admin/');
    const set = right.headers.getSetCookie().find((c) => c.startsWith('mt_admin='))!;
    expect(set).toMatch(/; Path=\/admin\/; Max-Age=7200; HttpOnly; Secure; SameSite=Strict$/);
    const session = cookieOf(right, 'mt_admin')!;

    const dashboard = await fetch(`${server.origin}/admin/`, { headers: { Cookie: `mt_admin=${session}` } });
    expect(dashboard.status).toBe(200);
    const html = await dashboard.text();
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain('Visitors per day');
    expect(html).not.toContain('<script');
    // The form's rate limit as set, not "10 in 10 minutes unless set".
    expect(html).toContain('their network had already sent 7 forms within 20 minutes');
    // Sign out is a quiet button, not the page's one filled accent button.
    expect(html).toContain('<button class="quiet" type="submit">Sign out</button>');
    expect(dashboard.headers.get('cache-control')).toBe('no-store');

    // Signing out needs the page's form token; then the cookie is cleared.
    const token = /action="\/admin\/sign-out"><input type="hidden" name="form" value="([^"]+)"/.exec(html)![1]!;
    const signOut = (form: string) =>
      fetch(`${server.origin}/admin/sign-out`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          Origin: server.origin,
          Cookie: `mt_admin=${session}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ form }),
      });
    const forged = await signOut('forged');
    expect(forged.status).toBe(403);
    const out = await signOut(token);
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().find((c) => c.startsWith('mt_admin='))).toMatch(/^mt_admin=; .*Max-Age=0/);
    // The session is revoked on the server: a copy of the cookie kept from before no longer opens anything.
    const copied = await fetch(`${server.origin}/admin/`, { headers: { Cookie: `mt_admin=${session}` } });
    expect(copied.status).toBe(401);
    expect(await copied.text()).not.toContain('Visitors per day');
    expect((await signOut(token)).status).toBe(401);
  });

  it('refuses a sign-in from another site, or without the form token, even with the password', async () => {
    const form = await signInForm();
    const crossSite = await signIn(PASSWORD, form, {
      Origin: 'https://evil.example',
      'X-Forwarded-For': '203.0.113.11',
    });
    expect(crossSite.status).toBe(403);
    const noToken = await signIn(PASSWORD, { cookie: form.cookie, token: 'x' }, { 'X-Forwarded-For': '203.0.113.11' });
    expect(noToken.status).toBe(403);
    const noCookie = await signIn(PASSWORD, { cookie: '', token: form.token }, { 'X-Forwarded-For': '203.0.113.11' });
    expect(noCookie.status).toBe(403);
    for (const answer of [crossSite, noToken, noCookie]) expect(cookieOf(answer, 'mt_admin')).toBeUndefined();
  });

  it('limits sign-in tries: after 5 from one network, even the right password waits', async () => {
    const from = { 'X-Forwarded-For': '198.51.100.7' };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn(`guess ${i}`, await signInForm(), from)).status);
    const right = await signIn(PASSWORD, await signInForm(), from);
    statuses.push(right.status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(right.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(cookieOf(right, 'mt_admin')).toBeUndefined();
  });

  it('counts only wrong passwords: a team behind one office address signs in as often as it needs', async () => {
    // Six colleagues behind one NAT sign in within 15 minutes: a right password uses up none of the 5 tries.
    const office = { 'X-Forwarded-For': '198.51.100.66' };
    for (let i = 0; i < 8; i++) expect((await signIn(PASSWORD, await signInForm(), office)).status).toBe(303);
    // Wrong passwords from there still count.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn(`guess ${i}`, await signInForm(), office)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  }, 120_000);

  it('cannot be locked out by wrong tries from networks the team is not on', async () => {
    // 25 networks (each in its own IPv4 /16) send 5 wrong passwords each: every one is told it is wrong, none waits.
    for (let n = 0; n < 25; n++) {
      const from = { 'X-Forwarded-For': `10.${n}.0.1` };
      for (let i = 0; i < 5; i++) expect((await signIn(`guess ${i}`, await signInForm(), from)).status).toBe(401);
    }
    const team = await signIn(PASSWORD, await signInForm(), { 'X-Forwarded-For': '192.0.2.44' });
    expect(team.status).toBe(303);
    expect(cookieOf(team, 'mt_admin')).toBeDefined();
  }, 120_000);

  it('limits sign-in tries per wider network: an IPv6 /48, an IPv4 /16', async () => {
    // 5 tries from each of several /64s in one /48: past 20 in the /48, another /64 in it waits too.
    const statuses: number[] = [];
    for (let n = 0; n < 5; n++) {
      const from = { 'X-Forwarded-For': `2001:db8:7:${n}::1` };
      for (let i = 0; i < 5; i++) statuses.push((await signIn(`guess ${i}`, await signInForm(), from)).status);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    const sameWide = await signIn(PASSWORD, await signInForm(), { 'X-Forwarded-For': '2001:db8:7:99::1' });
    expect(sameWide.status).toBe(429);
    const elsewhere = await signIn(PASSWORD, await signInForm(), { 'X-Forwarded-For': '2001:db8:8:1::1' });
    expect(elsewhere.status).toBe(303);
  }, 120_000);
});

describe('the dashboard and `npm run stats`, on one store', () => {
  it('show the same new leads per day and key numbers, the funnel in two parts, and titles, not paths', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const tenDaysAgo = new Date(Date.now() - 10 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const store = await server.openStore();
    try {
      const row = (page: string, event: CountRow['event'], count: number, source = NO_SOURCE): CountRow => ({
        day: today,
        page,
        event,
        variant: '',
        fromPage: '',
        // A view of a page other than the report page is a landing here; a report page's view is credited.
        landing: event === 'view' && page !== `/${SERIES}/report/`,
        ...source,
        count,
      });
      // Readers who landed from a newsletter's link on news.example.com: their report-page views and form sent.
      const news = { ...NO_SOURCE, referrer: 'news.example.com', utmSource: 'newsletter' };
      await store.analytics.addCounts(
        [
          row(`/${SERIES}/teams/`, 'view', 40),
          { ...row('/privacy/', 'view', 1), day: tenDaysAgo },
          row(`/${SERIES}/teams/`, 'cta_seen', 10),
          row(`/${SERIES}/report/`, 'view', 6),
          row(`/${SERIES}/report/`, 'view', 2, news),
          // Their readers, each once a day however often they reload: 5 of the 6 views, 2 of news's 2.
          row(`/${SERIES}/teams/`, 'page_reader', 20),
          row(`/${SERIES}/report/`, 'page_reader', 5),
          row(`/${SERIES}/report/`, 'page_reader', 2, news),
          row(`/${SERIES}/report/`, 'form_start', 4),
          row(`/${SERIES}/report/`, 'submit', 2),
          row(`/${SERIES}/report/`, 'submit', 1, news),
          row(`/${SERIES}/report/`, 'download', 2),
        ],
        [],
        { maxSourcesPerDay: 10, maxVisitorsPerDay: 10 },
      );
      for (const email of ['one@example.com', 'two@example.com', 'two@example.com']) {
        // Only the first reader ticks the marketing box: the one confirmation email is asked of them.
        await store.upsertLead({
          series: SERIES,
          email,
          firstName: 'Ada',
          lastName: 'Lovelace',
          company: 'Analytical Engines',
          jobRole: 'Data scientist',
          consentVersion: '2026-01-15',
          consentAt: new Date(),
          marketingOptIn: email === 'one@example.com',
          userAgent: null,
          ipHash: null,
        });
      }
    } finally {
      await store.close();
    }
    // A reader goes from a trend to the report page: the page's request names the trend in its Referer.
    const reader = { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36' };
    const fromTrend = await fetch(`${server.origin}/${SERIES}/report/`, {
      headers: { ...reader, Referer: `${server.origin}/${SERIES}/teams/` },
    });
    expect(fromTrend.status).toBe(200);
    await fromTrend.text();
    // The server writes its counts once a second.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const json = JSON.parse(
      execFileSync(process.execPath, [join(import.meta.dirname, '../../scripts/stats.ts'), '--json'], {
        env: { ...process.env, DATA_DIR: server.dataDir },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ) as {
      leadsPerDay: { day: string; leads: number }[];
      totals: { reportViews: number; leads: number; downloads: number };
      series: { pages: { page: string; views: number; toReport: number; formsSent: number }[] }[];
    };
    expect(json.leadsPerDay).toEqual([{ day: today, leads: 2 }]);
    const teams = json.series[0]!.pages.find((p) => p.page === `/${SERIES}/teams/`)!;
    expect([teams.views, teams.toReport, teams.formsSent]).toEqual([40, 1, 0]);

    const signedIn = await signIn(PASSWORD, await signInForm(), { 'X-Forwarded-For': '203.0.113.77' });
    const session = cookieOf(signedIn, 'mt_admin')!;
    const html = await (
      await fetch(`${server.origin}/admin/?days=7`, { headers: { Cookie: `mt_admin=${session}` } })
    ).text();
    // The per-day table: the day's new leads, as `npm run stats` counts them.
    const dayRow = new RegExp(`<td>${today}</td><td class="n">[^<]*</td><td class="n">(\\d+)</td>`).exec(html);
    expect(Number(dayRow?.[1])).toBe(json.leadsPerDay[0]!.leads);
    const key = (label: string) =>
      Number(new RegExp(`<dt>${label}</dt><dd class="big">([\\d,]+)</dd>`).exec(html)?.[1]);
    expect(key('New leads')).toBe(json.totals.leads);
    expect(key('Report-page views')).toBe(json.totals.reportViews);
    expect(key('Reports downloaded')).toBe(json.totals.downloads);
    expect(html).toContain('<a href="/admin/?days=7" aria-current="page">7 days</a>');
    // The 7 days before hold a count (10 days ago): zeros are numbers there. Counting began after the 30
    // days before the last 30: those are "no data", not zeros.
    expect(html).toContain('<dd class="prev">7 days before: 0</dd>');
    expect(html).not.toContain('no data');
    const month = await (
      await fetch(`${server.origin}/admin/?days=30`, { headers: { Cookie: `mt_admin=${session}` } })
    ).text();
    // One line says so, not one under each key number.
    expect(month).toContain('<p class="prev-none">The 30 days before: no data.</p>');
    expect(month.match(/no data/g)).toHaveLength(1);
    expect(month).not.toContain('30 days before: 0');
    // Rates of their own denominators: the report box of the series' pages' views, forms of report-page readers
    // (7 stored and the reader from the trend above: 3 forms sent of 8 readers).
    // The report box beside the funnel, not a step of it: the header's link leads to the report page too.
    const pagesPart = /<h3>On the series' pages[^]*?<\/ol>([^]*?)<\/div>/.exec(html)!;
    expect(pagesPart[0]).toContain('Went on to the report page (any link)');
    expect(pagesPart[0].slice(0, pagesPart[0].indexOf('</ol>'))).not.toContain('Report box seen');
    expect(pagesPart[1]).toContain('Report box seen: 10, 25% of page views');
    expect(html).toContain('38% of report-page readers');
    // Counts in words take their number: one view, one day; no "1 report-page views".
    // The pages' table: the trend page's one reader to the report, in the "To report" column.
    expect(html).toContain('<td class="n" data-label="To report">1<span class="share">');
    expect(html).toContain('(1 day with any)');
    expect(html).not.toMatch(/\b1 (report-page views|forms sent|days|views)\b/);
    // Downloads in their own unit: no rate of forms sent, which could pass 100% (one reader, two downloads).
    expect(html).not.toContain('of forms sent');
    expect(html).toMatch(/<li class="aside"><span>Report downloaded<\/span><span class="n">2<\/span>/);
    // This server has no SMTP_URL: no email is sent, so there is no "Email confirmed" bar; a line says why.
    expect(html).not.toContain('<li><span>Email confirmed');
    expect(html).not.toContain('of marketing opt-ins');
    expect(html).toContain('Confirmation emails are off (SMTP_URL is not set): 1 marketing opt-in pending.');
    // Each source with the report-page views and forms sent of the readers it brought.
    expect(html).toContain(
      '<td class="host"><span class="one-line">news.example.com</span></td><td class="n">0</td><td class="n">2</td><td class="n">1</td>',
    );
    expect(html).toContain(
      '<td class="name"><span class="one-line"><span class="muted">No utm_campaign</span></span><span class="sub">newsletter / –</span></td><td class="n">0</td><td class="n">2</td><td class="n">1</td>',
    );
    // Each source table adds up: its rows, what came with no referrer (tagged, untagged) or no campaign, and a
    // total: the funnel's counts.
    for (const [heading, none] of [
      ['Referring sites', 'No referrer, untagged'],
      ['Campaigns', 'No campaign or not known'],
    ]) {
      const part = new RegExp(`<h3>${heading}</h3>([^]*?)</table>`).exec(html)![1]!;
      const cells = (tr: string) =>
        [...tr.matchAll(/<td class="n">([\d,]+)<\/td>/g)].map((m) => Number(m[1]!.replace(/,/g, '')));
      const body = [
        ...part.slice(part.indexOf('<tbody>'), part.indexOf('</tbody>')).matchAll(/<tr[^>]*>([^]*?)<\/tr>/g),
      ];
      expect(body.at(-1)![1]).toContain(`<th scope="row">${none}</th>`);
      const total = cells(/<tfoot><tr class="total"><th scope="row">Total<\/th>([^]*?)<\/tr>/.exec(part)![1]!);
      const sums = [0, 1, 2].map((i) => body.reduce((n, tr) => n + cells(tr[1]!)[i]!, 0));
      expect(sums).toEqual(total);
      expect(total[1]).toBe(json.totals.reportViews);
    }
    // A trend by its title, not its path; the site's fonts allowed by the CSP.
    const teamsFile = join(import.meta.dirname, `../../content/series/${SERIES}/trends/02-teams.mdx`);
    const { title } = readFrontmatter(readFileSync(teamsFile, 'utf8'), teamsFile) as { title: string };
    expect(html).toContain(title.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
    expect(html).not.toContain(`>/${SERIES}/teams/<`);
    expect(html).toContain('@font-face');
  });
});

/** Every page of the build, as the path it is served at. */
function builtPages(dir: string): string[] {
  const pages: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'index.html') pages.push(`/${relative(dir, at)}/`.replace(/^\/\/$/, '/'));
    }
  };
  walk(dir);
  return pages.sort();
}

describe('readers', () => {
  it('get no cookie from any public page, the report page or the beacon', async () => {
    const pages = builtPages(join(process.cwd(), 'dist/client'));
    expect(pages).toContain(`/${SERIES}/`);
    for (const path of [...pages, `/${SERIES}/report/`, '/privacy/', '/no-such-page/']) {
      const answer = await fetch(`${server.origin}${path}`);
      expect(answer.headers.getSetCookie(), path).toEqual([]);
    }
    const beacon = await fetch(`${server.origin}/_event`, {
      method: 'POST',
      headers: { Origin: server.origin },
      body: JSON.stringify({ e: 'view', p: `/${SERIES}/`, q: '', r: '' }),
    });
    expect(beacon.status).toBe(204);
    expect(beacon.headers.getSetCookie()).toEqual([]);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/gate/store/sqlite.ts';
import { isReportPage, NO_SOURCE, WITHIN_SITE, type CountRow } from '../../src/gate/analytics/events.ts';
import { lead } from '../unit/fixtures/stores.ts';

/** `npm run stats` on a real SQLite file in DATA_DIR: the funnel in words, and the same as JSON. */
let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'stats-cli-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** The command, its text unwrapped (COLUMNS: a wide terminal) unless `columns` says otherwise. */
const stats = (...args: string[]) => statsIn('1000', ...args);
const statsIn = (columns: string | undefined, ...args: string[]) =>
  spawnSync(process.execPath, [join(import.meta.dirname, '../../scripts/stats.ts'), ...args], {
    env: { ...process.env, DATA_DIR: dataDir, COLUMNS: columns },
    encoding: 'utf8',
  });
const row = (page: string, event: CountRow['event'], count: number, extra: Partial<CountRow> = {}): CountRow => ({
  day: '2026-03-01',
  page,
  event,
  variant: '',
  fromPage: '',
  // A view of a page other than a report page from outside the site is a landing, unless a test says otherwise.
  landing: event === 'view' && !isReportPage(page) && extra.referrer !== WITHIN_SITE,
  ...NO_SOURCE,
  count,
  ...extra,
});

it('prints each series in two parts, each rate of its own named denominator, and new leads per day', async () => {
  const from = { referrer: 'news.example.com', utmSource: 'newsletter', utmMedium: 'email' };
  const store = await openSqliteStore(join(dataDir, 'leads.sqlite'));
  await store.analytics.addCounts(
    [
      row('/ml-trends-2021/teams/', 'view', 40, { referrer: 'news.example.com' }),
      // Those 40 views were 20 readers (each read it twice): the rates on the series' pages are of readers.
      row('/ml-trends-2021/teams/', 'page_reader', 20, { referrer: 'news.example.com' }),
      // The series' readers, each once a day whatever pages they read (here one page: the same 20).
      row('/ml-trends-2021/', 'series_reader', 20, { landing: false }),
      row('/ml-trends-2021/teams/', 'cta_seen', 10, { utmSource: 'newsletter', utmMedium: 'email' }),
      row('/ml-trends-2021/report/', 'view', 4),
      // The report page's 10 views were 8 readers (reloads): the form's rates are of those 8.
      row('/ml-trends-2021/report/', 'page_reader', 3),
      row('/ml-trends-2021/report/', 'page_reader', 1, { referrer: 'bing.com' }),
      row('/ml-trends-2021/report/', 'page_reader', 2, { fromPage: '/ml-trends-2021/teams/' }),
      row('/ml-trends-2021/report/', 'page_reader', 2, from),
      // A reader sent straight to the report page by bing.com: a landing there, and a report-page view of bing.com.
      row('/ml-trends-2021/report/', 'view', 1, { referrer: 'bing.com', landing: true }),
      row('/ml-trends-2021/report/', 'view', 3, { fromPage: '/ml-trends-2021/teams/' }),
      // Those 3 views from the trend were 2 readers (one reloaded the report page): 2 to report, not 3.
      row('/ml-trends-2021/report/', 'report_reader', 2, { fromPage: '/ml-trends-2021/teams/' }),
      // The same 2 readers of the series reached the report page.
      row('/ml-trends-2021/report/', 'reached_report', 2),
      row('/ml-trends-2021/report/', 'form_start', 4),
      row('/ml-trends-2021/report/', 'submit', 1),
      row('/ml-trends-2021/report/', 'submit', 1, { fromPage: '/ml-trends-2021/teams/' }),
      row('/ml-trends-2021/report/', 'download', 1),
      // The report-page views and form sent of readers who landed from a newsletter's link on news.example.com.
      row('/ml-trends-2021/report/', 'view', 2, from),
      row('/ml-trends-2021/report/', 'submit', 1, from),
      row('/privacy/', 'view', 3),
    ],
    [{ day: '2026-03-01', visitor: 'a'.repeat(32) }],
    { maxSourcesPerDay: 10, maxVisitorsPerDay: 10 },
  );
  // One reader ticked the marketing box: only that one is asked to confirm an email.
  await store.upsertLead(lead({ series: 'ml-trends-2021', email: 'one@example.com', marketingOptIn: true }));
  await store.upsertLead(lead({ series: 'ml-trends-2021', email: 'two@example.com' }));
  // A repeat form of the same address is a submission, not a new lead.
  await store.upsertLead(lead({ series: 'ml-trends-2021', email: 'two@example.com' }));
  await store.close();
  const today = new Date().toISOString().slice(0, 10);

  // By default the last 30 days, as the dashboard: counts of 2026-03-01 are not in them; `--all` shows them.
  // The first line says the period asked for and the day counting began, not the first day counted in it.
  const monthAgo = new Date(Date.now() - 29 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const month = stats().stdout;
  expect(month.split('\n')[0]).toBe(`Last 30 UTC days, ${monthAgo} to ${today}; counting began 2026-03-01.`);
  expect(month).not.toMatch(/Page views\s+40/);
  const since = stats('--since', '2026-02-01', '--verbose');
  expect(since.stdout.split('\n')[0]).toBe(`UTC days 2026-02-01 to ${today}; counting began 2026-03-01.`);
  // The store it reads, said once on stderr with --verbose.
  expect(since.stderr.match(/Lead store: /g)).toHaveLength(1);
  const text = stats('--all');
  // Nothing on stderr unless asked: `npm run --silent stats -- --json 2>&1 | jq` stays JSON.
  expect(text.stderr).toBe('');
  expect(text.status).toBe(0);
  expect(text.stdout.split('\n')[0]).toBe(`Every UTC day stored, up to ${today}; counting began 2026-03-01.`);
  expect(text.stdout).toMatch(/Series .+ \(ml-trends-2021\)/);
  expect(text.stdout).toContain("On the series' pages (home and trends):");
  // Trend readers are not mixed with report-page readers; their views beside them.
  expect(text.stdout).toMatch(/Series readers\s+20 {3}\(40 views\)\n/);
  // The report box is a side measure, not a step between page views and the report page: the header's
  // link leads there too, so more readers can go on than saw the box.
  expect(text.stdout).toMatch(
    /Series readers\s+20 {3}\(40 views\)\n\s+Went on to the report page \(any link\)\s+2\s+10% of series readers\n/,
  );
  expect(text.stdout).toContain('Beside the steps: report box seen 10, 25% of page views');
  // Readers, each once a day however often they reload: the base of the form's rates; views beside them.
  expect(text.stdout).toMatch(/Report-page readers\s+8 {3}\(10 views\)\n/);
  expect(text.stdout).toMatch(/Form started\s+4\s+50% of report-page readers/);
  expect(text.stdout).toMatch(/Form sent\s+3\s+38% of report-page readers/);
  // Downloads are counted per download, not per reader: no rate of the readers' steps.
  expect(text.stdout).toMatch(
    /Report downloaded\s+1 {3}downloads, each counted \(a reader may download again\): not readers, so no rate\n/,
  );
  expect(text.stdout).not.toContain('of forms sent');
  // Without SMTP_URL no confirmation email is sent: no "Email confirmed" line (`share: null` in --json).
  expect(text.stdout).not.toContain('Email confirmed');
  // The form's drop-off, under "Form sent".
  expect(text.stdout).toMatch(
    /Form sent\s+3\s+38% of report-page readers\n\s+3 of 4 readers who started the form sent it, 75%; 1 left\n/,
  );
  expect(text.stdout).toContain('Confirmation emails are off (SMTP_URL is not set): 1 marketing opt-in pending.');
  // The readers a trend brought to the report page (by the report page's same-origin Referer), and the rest.
  // Per-page rows under a header row naming each column.
  // Which page brings readers to the report: views, readers it brought (and their share of its readers), forms sent.
  expect(text.stdout).toMatch(
    /Which page brings readers to the report[^\n]*\n {4}\s+readers\s+· views · to report\s+· %\s+· forms {2}page\n {4}\s+20\s+40\s+2\s+10%\s+1 {2}\S[^\n]*\n\s+20\s+40\s+2\s+10%\s+1 {2}Sum of the pages\n/,
  );
  // Forms stored: new leads, and repeats from an address already on file.
  // Stored forms, reconciled with the funnel's "Form sent" (3 counted here).
  expect(text.stdout).toContain(
    '3 forms stored: 2 new leads, 1 from an address already on file; Form sent in the funnel: 3, the same',
  );
  // The sixth key number, with its base named: 3 forms sent of 8 report-page readers.
  expect(text.stdout).toContain('· forms per report reader 38% ·');
  // Under the pages table, views and forms in their own units, adding up to the funnel's 10 views and 3 forms.
  expect(text.stdout).toContain(
    'Report-page views: 3 by readers from these pages + 7 from elsewhere or not known = 10. Forms sent: 1 (the sum of the pages above) + 2 from elsewhere or not known = 3.',
  );
  expect(text.stdout).toMatch(/Other pages \(views\):\n\s+3 {2}\S/);
  expect(text.stdout).toMatch(/2026-03-01 {2}1\n/);
  // Each referring site with its page views, and the report-page views and forms sent of the readers it brought.
  // Each table adds up to the funnel's counts: the rest is what came with no referrer, campaign-tagged and untagged
  // (no campaign), then the total.
  // Landed counts landings on any page: bing.com's reader landed on the report page. A header row names the columns.
  expect(text.stdout).toMatch(
    /Top referrers \(landed: landings on any page; report views: report-page views, not readers; forms: forms sent\):\n\s+landed\s+report views\s+forms {2}referrer\n\s+40\s+2\s+1 {2}news\.example\.com\n\s+1\s+1\s+0 {2}bing\.com\n\s+0\s+0\s+0 {2}No referrer, campaign-tagged\n\s+3\s+7\s+2 {2}No referrer, untagged\n\s+44\s+10\s+3 {2}Total\n/,
  );
  expect(text.stdout).toMatch(
    /Campaigns \([^)]*\):\n\s+landed\s+report views\s+forms {2}utm_source \/ utm_medium \/ utm_campaign\n\s+0\s+2\s+1 {2}newsletter \/ email \/ \(No utm_campaign\)\n\s+44\s+8\s+2 {2}No campaign or not known\n\s+44\s+10\s+3 {2}Total\n/,
  );
  expect(text.stdout).toContain(`New leads per day (lead rows stored):\n  ${today}  2\n`);

  const out = stats('--json', '--all').stdout;
  // One unit everywhere: shares are fractions from 0 to 1, in fields named `share`; no percentages.
  expect(out).not.toMatch(/"rate"/);
  const json = JSON.parse(out) as {
    series: {
      id: string;
      onPages: { count: number; views?: number }[];
      onReport: { count: number; share: number | null; of: string | null; views?: number }[];
      handOff: { count: number; share: number | null; readers: number };
      marketing: { optIns: number; pending: number };
      fromPages: { reportViews: number; formsSent: number };
      elsewhere: { reportViews: number; formsSent: number };
    }[];
    confirmationEmails: boolean;
    referrers: { referrer: string; landings: number; reportViews: number; formsSent: number }[];
    noReferrer: { landings: number; reportViews: number; formsSent: number };
    noReferrerTagged: { landings: number; reportViews: number; formsSent: number };
    noReferrerUntagged: { landings: number; reportViews: number; formsSent: number };
    campaignGroups: { name: string; sources: number; landings: number; rows: { source: string }[] }[];
    campaigns: { landings: number; reportViews: number; formsSent: number }[];
    noCampaign: { landings: number; reportViews: number; formsSent: number };
    sources: { landings: number; reportViews: number; formsSent: number };
    days: { visitors: number }[];
    leadsPerDay: { day: string; leads: number }[];
    totals: { reportViews: number; reportReaders: number; leads: number; downloads: number; repeatForms: number };
  };
  const series = json.series.find((s) => s.id === 'ml-trends-2021')!;
  // The first step of each part counts readers, its views beside them.
  expect(series.onPages.map((s) => [s.count, s.views])).toEqual([
    [20, 40],
    [10, undefined],
  ]);
  expect(series.onReport.map((s) => s.count)).toEqual([8, 4, 3, 0, 1]);
  expect(series.onReport[0]!.views).toBe(10);
  // Report-page views and forms sent of readers from the series' pages and from elsewhere add up to the steps.
  expect(series.fromPages).toEqual({ reportViews: 3, formsSent: 1 });
  expect(series.elsewhere).toEqual({ reportViews: 7, formsSent: 2 });
  expect(json.referrers).toEqual([
    { referrer: 'news.example.com', landings: 40, reportViews: 2, formsSent: 1 },
    { referrer: 'bing.com', landings: 1, reportViews: 1, formsSent: 0 },
  ]);
  // The sources add up to the funnel: all landings on any page, report-page views, forms sent.
  expect(json.sources).toEqual({ landings: 44, reportViews: json.totals.reportViews, formsSent: 3 });
  const sum = (rows: { landings: number; reportViews: number; formsSent: number }[]) => ({
    landings: rows.reduce((n, r) => n + r.landings, 0),
    reportViews: rows.reduce((n, r) => n + r.reportViews, 0),
    formsSent: rows.reduce((n, r) => n + r.formsSent, 0),
  });
  expect(sum([...json.referrers, json.noReferrer])).toEqual(json.sources);
  expect(sum([...json.referrers, json.noReferrerTagged, json.noReferrerUntagged])).toEqual(json.sources);
  // The campaigns by name, as the dashboard groups them: one campaign with no name, from one source.
  expect(json.campaignGroups.map((g) => [g.name, g.sources, g.rows.map((r) => r.source)])).toEqual([
    ['', 1, ['newsletter']],
  ]);
  expect(sum([...json.campaigns, json.noCampaign])).toEqual(json.sources);
  expect(series.onReport.map((s) => s.of)).toEqual([
    null,
    'report-page readers',
    'report-page readers',
    'marketing opt-ins',
    // Downloads are per download, not per reader: no rate (it was "of forms sent", and could pass 100%).
    null,
  ]);
  expect(series.marketing).toEqual({ optIns: 1, pending: 1 });
  expect(series.onReport.map((s) => s.share)).toEqual([null, 4 / 8, 3 / 8, null, null]);
  expect(series.handOff).toEqual({ count: 2, share: 2 / 20, readers: 20 });
  expect(json.confirmationEmails).toBe(false);
  expect(json.days.map((d) => d.visitors)).toEqual([1]);
  expect(json.leadsPerDay).toEqual([{ day: today, leads: 2 }]);
  expect(json.totals).toMatchObject({ reportViews: 10, reportReaders: 8, leads: 2, downloads: 1, repeatForms: 1 });
  expect((series as unknown as { pages: unknown[] }).pages).toEqual([
    expect.objectContaining({
      page: '/ml-trends-2021/teams/',
      readers: 20,
      toReport: 2,
      toReportShare: 2 / 20,
      formsSent: 1,
    }),
  ]);
  // The data's range beside the period asked for, named apart from it: no bare `from`/`to`.
  const whole = JSON.parse(out) as Record<string, unknown>;
  expect(whole).toMatchObject({ dataFrom: '2026-03-01', dataTo: '2026-03-01', period: { from: null, to: today } });
  expect(whole).not.toHaveProperty('from');
  expect(whole).not.toHaveProperty('to');
});

it('explains every flag with --help', () => {
  const help = stats('--help');
  expect(help.status).toBe(0);
  for (const flag of ['--json', '--since YYYY-MM-DD', '--all', '--help']) {
    expect(help.stdout).toMatch(new RegExp(`^  ${flag} +\\S`, 'm'));
  }
  expect(help.stdout).toContain('the last 30 UTC days, today included');
});

it('refuses --since a day after today, or a day the calendar lacks, with exit code 2, naming the flag', () => {
  const future = stats('--since', '2999-01-01');
  expect(future.status).toBe(2);
  expect(future.stderr).toContain('--since 2999-01-01 is after today');
  expect(future.stdout).toBe('');
  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  expect(stats('--since', tomorrow, '--json').status).toBe(2);
  const unreal = stats('--since', '2026-02-30');
  expect(unreal.status).toBe(2);
  expect(unreal.stderr).toContain('--since 2026-02-30 is not a day of the calendar');
});

it('refuses an unknown argument, naming it, and a DATA_DIR without a lead database', () => {
  const wrong = stats('--csv');
  expect(wrong.status).toBe(2);
  expect(wrong.stderr).toContain('npm run stats: unknown argument --csv.');
  expect(wrong.stderr).toContain('npm run stats -- --help');
  expect(stats('--output').stderr).toContain('--output needs a value.');
  const missing = stats();
  expect(missing.status).toBe(1);
  expect(missing.stderr).toContain(`No lead database at ${join(dataDir, 'leads.sqlite')}`);
});

it('splits the readers who started and did not send into refused, turned away and left, in text and --json', async () => {
  const store = await openSqliteStore(join(dataDir, 'leads.sqlite'));
  const page = '/ml-trends-2021/report/';
  await store.analytics.addCounts(
    [
      row(page, 'view', 20),
      row(page, 'form_start', 14),
      row(page, 'submit', 9),
      row(page, 'form_refused', 4),
      row(page, 'form_refused:firstName', 3),
      row(page, 'form_refused:lastName', 2),
      row(page, 'form_limited', 1),
    ],
    [{ day: '2026-03-01', visitor: 'b'.repeat(32) }],
    { maxSourcesPerDay: 10, maxVisitorsPerDay: 10 },
  );
  await store.close();
  const text = stats('--all');
  expect(text.status).toBe(0);
  expect(text.stdout).toContain(
    '9 of 14 readers who started the form sent it, 64%; 5 did not: 4 refused by validation (first name 3, last name 2), 1 turned away by the rate limit, 0 left\n',
  );
  const json = JSON.parse(stats('--json', '--all').stdout) as {
    series: {
      id: string;
      sentOfStarted: { refused: number; refusedFields: Record<string, number>; limited: number };
    }[];
    events: { event: string }[];
  };
  const series = json.series.find((s) => s.id === 'ml-trends-2021')!;
  expect(series.sentOfStarted).toMatchObject({
    refused: 4,
    refusedFields: { firstName: 3, lastName: 2 },
    limited: 1,
  });
  // Refusals are not funnel steps: the events list holds the funnel's events only.
  expect(json.events.map((e) => e.event)).not.toContain('form_refused');
  expect(json.events.map((e) => e.event)).not.toContain('form_limited');
});

it('fits 80 columns when piped, writes --output for scripts, and names readers and views apart in --json', async () => {
  const store = await openSqliteStore(join(dataDir, 'leads.sqlite'));
  await store.analytics.addCounts(
    [
      row('/ml-trends-2021/teams/', 'view', 9),
      row('/ml-trends-2021/teams/', 'page_reader', 7),
      row('/ml-trends-2021/', 'series_reader', 7, { landing: false }),
      row('/ml-trends-2021/report/', 'view', 5),
      row('/ml-trends-2021/report/', 'page_reader', 4),
      row('/ml-trends-2021/report/', 'submit', 2),
    ],
    [],
    { maxSourcesPerDay: 10, maxVisitorsPerDay: 10 },
  );
  await store.upsertLead(lead({ series: 'ml-trends-2021', email: 'one@example.com' }));
  await store.close();
  // Piped with no COLUMNS: 80 columns, the long lines wrapped between words (they ran to 240 characters).
  const narrow = statsIn(undefined, '--all');
  expect(narrow.status).toBe(0);
  const lines = narrow.stdout.split('\n');
  expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
  expect(narrow.stdout).toMatch(/\n {4}Report-page views: [^\n]+\n {6}\S/);
  // --output: the JSON in a file, nothing on stdout, one line on stderr saying where.
  const file = join(dataDir, 'stats.json');
  const written = stats('--json', '--all', '--output', file);
  expect(written.status).toBe(0);
  expect(written.stdout).toBe('');
  expect(written.stderr).toBe(`Written to ${file}.\n`);
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    series: { onPages: { event: string; count: number; readers?: number; views?: number }[] }[];
    events: { page: string; event: string; count: number }[];
  };
  // The series' first step: its readers and views under their own names; events[] counts views as `view`.
  expect(json.series[0]!.onPages[0]).toMatchObject({ event: 'view', count: 7, readers: 7, views: 9 });
  expect(json.events.find((e) => e.page === '/ml-trends-2021/teams/' && e.event === 'view')!.count).toBe(9);
});

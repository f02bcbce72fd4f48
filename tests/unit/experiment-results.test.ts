import { describe, expect, it } from 'vitest';
import {
  experimentResult,
  newcombeDifference,
  plannedDifference,
} from '../../src/gate/analytics/experiment-results.ts';
import {
  formatSummary,
  formDropOff,
  inPercent,
  plannedLine,
  summarise,
  withinDays,
} from '../../src/gate/analytics/summary.ts';
import { isReportPage, WITHIN_SITE, type CountRow, type ReaderRow } from '../../src/gate/analytics/events.ts';
import { dashboardPage, hostBreaks } from '../../src/gate/admin/page.ts';
import { wilsonInterval } from '../../src/lib/stats/wilson.ts';
import { chiSquareTail, sampleRatio } from '../../src/gate/analytics/sample-ratio.ts';

/**
 * A stored count with the fields a test names; source, campaign, variant and linking page empty; a landing when it
 * is a view of a page other than a report page from outside the site, unless the test says otherwise.
 */
const countRow = (fields: Pick<CountRow, 'day' | 'page' | 'event' | 'count'> & Partial<CountRow>): CountRow => ({
  variant: '',
  fromPage: '',
  landing: fields.event === 'view' && !isReportPage(fields.page) && fields.referrer !== WITHIN_SITE,
  referrer: '',
  utmSource: '',
  utmMedium: '',
  utmCampaign: '',
  ...fields,
});

/**
 * `rows` and, for each view row, a `page_reader` row of the same count: each view a reader of its own, as when no
 * one reloads a page (the funnel's rates are of readers); and, as the counter would for readers who each read one
 * page, a `series_reader` row for each view of a series' page other than its report page, and a `reached_report`
 * row for each `report_reader` row.
 */
const readersToo = (rows: readonly CountRow[]): CountRow[] => [
  ...rows,
  ...rows.filter((r) => r.event === 'view').map((r) => ({ ...r, event: 'page_reader' as const, landing: false })),
  ...rows
    .filter((r) => r.event === 'view' && !isReportPage(r.page) && r.page !== '/')
    .map((r) => countRow({ day: r.day, page: `/${r.page.split('/')[1]}/`, event: 'series_reader', count: r.count })),
  ...rows
    .filter((r) => r.event === 'report_reader')
    .map((r) => countRow({ day: r.day, page: r.page, event: 'reached_report', count: r.count })),
];

/** The summary of one day's counts (2026-03-05) of the report page of series `s`, with no leads and emails off. */
const reportDay = (counts: readonly (readonly [CountRow['event'], number])[]) =>
  summarise({
    counts: readersToo(
      counts.map(([event, count]) => countRow({ day: '2026-03-05', page: '/s/report/', event, count })),
    ),
    days: [],
    leads: [],
    confirmationEmails: false,
    seriesIds: ['s'],
  });

/** Distinct readers of a form-length variant on 2026-03-01's report page. */
const reader = (event: 'view' | 'submit', variant: string, readers: number): ReaderRow => ({
  day: '2026-03-01',
  page: '/s/report/',
  event,
  variant: `form-length:${variant}`,
  readers,
});

/** The dashboard of `summary` for a period (30 days to 2026-03-02 unless given), signed in, no stylesheets. */
const adminPage = (
  summary: Parameters<typeof dashboardPage>[0]['summary'],
  {
    days = 30,
    from = '2026-02-01',
    to = '2026-03-02',
    previous = null,
  }: {
    days?: number;
    from?: string;
    to?: string;
    previous?: Parameters<typeof dashboardPage>[0]['previous'];
  } = {},
) =>
  dashboardPage({
    summary,
    previous,
    period: { days, from, to, choices: [7, 30, 90], path: '/admin/' },
    site: { stylesheets: [] },
    signOut: { action: '/admin/sign-out', formToken: 't' },
  });

/**
 * Checked against published values, computed independently of this code: Newcombe, R. G. (1998), "Interval
 * estimation for the difference between independent proportions: comparison of eleven methods", Statistics
 * in Medicine 17, 873–890, Table II, method 10 (hybrid score, no continuity correction); and the Wilson
 * interval of 81/263 from Newcombe (1998), "Two-sided confidence intervals for the single proportion",
 * Statistics in Medicine 17, 857–872, Table I (0.2553 to 0.3662).
 */
/**
 * A series' declared experiment: the short form (the control, the page as it is: the content check refuses a full
 * form first) against the full one, 70 report-page readers each.
 */
const FORM_LENGTH = [
  {
    series: 's',
    experiment: {
      id: 'form-length',
      variants: [
        { id: 'short', form: 'short' as const },
        { id: 'full', form: 'full' as const },
      ],
      metric: 'submit/view' as const,
      sampleSize: 70,
    },
  },
];
/**
 * The distinct readers of `rows`' report-page views and forms sent under a variant, as the store keeps them, when
 * every reader viewed once and sent at most one form (no reloads): one reader per count.
 */
const readersOf = (rows: readonly CountRow[]): ReaderRow[] =>
  rows.flatMap((r) =>
    r.variant !== '' && (r.event === 'view' || r.event === 'submit')
      ? [{ day: r.day, page: r.page, event: r.event, variant: r.variant, readers: r.count }]
      : [],
  );
const rate = (x: number, n: number) => ({ rate: (x / n) * 100, interval: wilsonInterval((x / n) * 100, n) });

/** `text` as a regular expression that matches it literally. */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the difference of two rates, Newcombe method 10', () => {
  it.each([
    [56, 70, 48, 80, 5.24, 33.39],
    [9, 10, 3, 10, 17.05, 80.9],
    [6, 7, 2, 7, 5.82, 80.62],
    [5, 56, 0, 29, -3.81, 19.26],
  ])('%i/%i − %i/%i: %f to %f points', (x1, n1, x2, n2, low, high) => {
    const { value, interval } = newcombeDifference(rate(x1, n1), rate(x2, n2));
    expect(value).toBeCloseTo((x1 / n1 - x2 / n2) * 100, 9);
    expect(interval.low).toBeCloseTo(low, 1);
    expect(interval.high).toBeCloseTo(high, 1);
  });

  it('uses the Wilson interval of each rate (81/263: 25.53% to 36.62%)', () => {
    const { interval } = rate(81, 263);
    expect(interval.low).toBeCloseTo(25.53, 1);
    expect(interval.high).toBeCloseTo(36.62, 1);
  });
});

describe('an experiment result', () => {
  it('says "not yet" until every variant reaches the sample size, then gives rates and differences', () => {
    const early = experimentResult(
      [
        { id: 'full', trials: 80, conversions: 48 },
        { id: 'short', trials: 69, conversions: 56 },
      ],
      70,
    );
    expect(early.status).toBe('not yet');
    // No peeking: before every variant has its sample, no rate, interval or difference is given at all.
    for (const v of early.variants) {
      expect(v.conversions).toBeNull();
      expect(v.share).toBeNull();
      expect(v.interval).toBeNull();
      expect(v.difference).toBeNull();
    }
    const ready = experimentResult(
      [
        { id: 'full', trials: 80, conversions: 48 },
        { id: 'short', trials: 70, conversions: 56 },
      ],
      70,
    );
    expect(ready.status).toBe('decided');
    expect(ready.variants[0]!.difference).toBeNull();
    // Shares from 0 to 1, as every share in `npm run stats -- --json`: 80%, and 20 points (5.24 to 33.39).
    expect(ready.variants[1]!.share).toBeCloseTo(0.8, 9);
    expect(ready.variants[1]!.difference!.value).toBeCloseTo(0.2, 9);
    expect(ready.variants[1]!.difference!.interval.low).toBeCloseTo(0.0524, 3);
    expect(ready.variants[1]!.difference!.interval.high).toBeCloseTo(0.3339, 3);
  });

  it('has no rate for a variant nobody saw yet', () => {
    const result = experimentResult(
      [
        { id: 'a', trials: 0, conversions: 0 },
        { id: 'b', trials: 3, conversions: 1 },
      ],
      100,
    );
    expect(result.variants[0]!.share).toBeNull();
    expect(result.variants[1]!.difference).toBeNull();
  });
});

describe('an experiment before its sample size, as the team sees it', () => {
  const row = (event: CountRow['event'], variant: string, count: number): CountRow =>
    countRow({
      day: '2026-03-01',
      page: '/s/report/',
      event,
      variant,
      count,
    });
  const experiment = {
    id: 'form-length',
    variants: [{ id: 'full' }, { id: 'short' }],
    metric: 'submit/view' as const,
    sampleSize: 70,
  };
  const earlyCounts = [
    row('view', 'form-length:full', 80),
    row('submit', 'form-length:full', 48),
    row('view', 'form-length:short', 69),
    row('submit', 'form-length:short', 56),
    // Counts of an earlier experiment that used the same variant ids are not this one's.
    row('view', 'cta-wording:short', 500),
    row('submit', 'cta-wording:short', 400),
  ];
  const early = summarise({
    counts: earlyCounts,
    experimentReaders: readersOf(earlyCounts),
    days: [],
    leads: [],
    confirmationEmails: true,
    experiments: [{ series: 's', experiment }],
    seriesIds: ['s'],
  });

  it('shows only "not yet (n of N readers)" in `npm run stats`: no forms sent, rate, interval or difference', () => {
    const text = formatSummary(early);
    const block = text.slice(text.indexOf('Experiment form-length'), text.indexOf('New leads per day'));
    // A variant past the sample says so, and which variant the result waits for.
    expect(block).toContain('80 readers, reached; waiting: short has 69 of 70');
    expect(block).not.toContain('80 of 70');
    expect(text).toContain('Readers who sent a form per reader of the report page');
    expect(text).not.toMatch(/report page view/);
    expect(block).toContain('not yet (69 of 70 readers)');
    const variantLines = block.split('\n').filter((line) => /^ {2}(full|short) {2}/.test(line));
    expect(variantLines).toHaveLength(2);
    for (const line of variantLines) expect(line).not.toMatch(/%|points|\[|48|56|500|400/);
    const json = JSON.parse(JSON.stringify(early)) as typeof early;
    expect(json.experiments[0]!.result.variants.map((v) => v.trials)).toEqual([80, 69]);
    for (const v of json.experiments[0]!.result.variants)
      expect([v.conversions, v.share, v.interval, v.difference]).toEqual([null, null, null, null]);
  });

  it('shows counts and "not yet (n of N readers)" on the dashboard, and no rate, interval or difference', () => {
    const html = adminPage(early, { previous: early.totals });
    const table = html.slice(html.indexOf('<span class="sub">Experiment form-length'), html.indexOf('<h2>Per day'));
    // Before the decision: no difference column, no "with 95% intervals" caption; one caption line, no other note.
    expect(table).not.toContain('Difference, points');
    expect(table).not.toContain('95% intervals');
    expect(table.match(/<caption/g)).toHaveLength(1);
    expect(table).not.toMatch(/<p class="note">|<p>/);
    // What the sample size can detect is in the caption, in every state; not again in "How this is counted".
    const method = html.slice(html.indexOf('<details class="method">'));
    expect(table).toMatch(
      new RegExp(`<caption class="note">Not yet: [^<]* ${escapeRegExp(plannedLine(early.experiments[0]!))}</caption>`),
    );
    expect(method).not.toContain('is detected 80% of the time');
    const body = table.slice(table.indexOf('<tbody>'), table.indexOf('</tbody>'));
    expect(table).toContain('not yet (69 of 70 readers)');
    // The readers stand in their own column: until decided the column is the variant's status, not a rate
    // ("Status: reached", not "Rate: reached" on a phone's card).
    // Words, not numbers: the Status column is left-aligned (no "n" class), its rows name the variant waited for.
    // The status stays on one line at 1280 px (wrapping only in the phone's stacked rows).
    expect(table).toContain('<td class="status" data-label="Status">reached; waiting: short has 69 of 70</td>');
    expect(/<style[^>]*>([^]*?)<\/style>/.exec(html)![1]!).toContain('.admin .exp td.status{white-space:nowrap}');
    expect(table).toContain('<th scope="col">Status</th>');
    expect(table).not.toContain('data-label="Rate"');
    expect(table).not.toContain('80 views');
    // Until the decision, no "Views" or "Sent a form" column: the note under the table gives all the views together.
    expect(table).not.toMatch(/>Views<|>Sent a form<|data-label="Views"|data-label="Sent a form"/);
    expect(body).not.toMatch(/\d%|\d\.\d|[+−]\d|>48<|>56</);
    expect(body).toContain('>80<');
  });
});

describe('an experiment, named for the team', () => {
  const variants = [
    { id: 'short', form: 'short' as const, cta: 'Send me the report' },
    { id: 'full', form: 'full' as const },
    { id: 'plain' },
  ];
  const summary = (title?: string) =>
    summarise({
      counts: [
        countRow({ day: '2026-03-01', page: '/s/report/', event: 'view', variant: 'form-length:full', count: 1 }),
      ],
      days: [],
      leads: [],
      confirmationEmails: true,
      experiments: [
        {
          series: 's',
          experiment: { id: 'form-length', ...(title && { title }), variants, metric: 'submit/view', sampleSize: 70 },
        },
      ],
      seriesIds: ['s'],
    });
  const dashboard = (title?: string) => adminPage(summary(title), { previous: summary(title).totals });

  it('is shown by its declared title, and each variant by what it changes', () => {
    const html = dashboard('Does a shorter form bring more forms?');
    // The question leads; the id and the page are a small line under it.
    expect(html).toContain(
      '<h3>Does a shorter form bring more forms?<span class="sub">Experiment form-length · report page of /s/</span></h3>',
    );
    expect(html).not.toContain('<h3>Experiment:');
    expect(html).toContain('full form (name and company asked)');
    expect(html).toContain('short form (email, role and consent), button “Send me the report”');
    expect(html).toContain('the page as it is');
    const text = formatSummary(summary('Does a shorter form bring more forms?'));
    expect(text).toContain('Experiment form-length (series s): Does a shorter form bring more forms?');
    expect(text).toContain('  short (control): short form (email, role and consent), button “Send me the report”');
  });

  it('without a title, is named by a line per variant made from what it changes', () => {
    const html = dashboard();
    // No title declared: a question made from what the variants change.
    expect(html).toContain(
      '<h3>Which brings more forms: short form (email, role and consent), button “Send me the report”, full form (name and company asked) or the page as it is?<span class="sub">Experiment form-length · report page of /s/</span></h3>',
    );
    expect(html).toContain('short form (email, role and consent), button “Send me the report”');
    expect(formatSummary(summary())).toContain(
      '  short (control): short form (email, role and consent), button “Send me the report”',
    );
    expect(formatSummary(summary())).toContain('  full: full form (name and company asked)');
  });
});

describe("the dashboard's period", () => {
  it('cuts the funnel but not the experiment, which runs from its first counted day', () => {
    const view = (day: string, count: number): CountRow =>
      countRow({
        day,
        page: '/s/report/',
        event: 'view',
        variant: 'form-length:full',
        count,
      });
    // One row back-dated before the last 7 days (2026-03-01 to 2026-03-07), as the dashboard's route passes them.
    const counts = [
      view('2026-02-10', 5),
      view('2026-03-05', 2),
      { ...view('2026-03-05', 3), page: '/s/a/', variant: '', landing: true, referrer: 'news.example.com' },
      {
        ...view('2026-03-05', 1),
        page: '/s/a/',
        variant: '',
        landing: true,
        utmSource: 'newsletter',
        utmMedium: 'email',
        utmCampaign: 'spring-launch-2026',
      },
    ];
    const all = {
      counts,
      experimentCounts: counts,
      experimentReaders: readersOf(counts),
      days: [],
      leads: [],
      confirmationEmails: true,
      experiments: FORM_LENGTH,
      seriesIds: ['s'],
    };
    const week = summarise(withinDays(all, '2026-03-01', '2026-03-07'));
    expect(week.totals.reportViews).toBe(2);
    expect(week.experiments[0]!.since).toBe('2026-02-10');
    expect(week.experiments[0]!.result.variants.find((v) => v.id === 'full')!.trials).toBe(7);
    expect(formatSummary(week)).toContain('Experiment form-length (series s), since 2026-02-10');
    const html = adminPage(week, { days: 7, from: '2026-03-01', to: '2026-03-07' });
    expect(html).toContain('since 2026-02-10, every day counted, whatever the period above');
    // In the referrer table: the direct landing (no referrer) that carried a campaign tag has a row of its own.
    expect(week.directTagged).toBe(1);
    expect(week.noReferrerTagged.landings).toBe(1);
    expect(html).toContain('<tr class="rest"><th scope="row">No referrer, campaign-tagged</th><td class="n">1</td>');
    expect(formatSummary(week)).toMatch(/\n\s+1\s+\d+\s+\d+ {2}No referrer, campaign-tagged\n/);
    // A campaign's name on one line (no wrapping at its hyphens), its source / medium on a muted line below.
    expect(html).toContain(
      '<td class="name"><span class="one-line">spring-launch-2026</span><span class="sub">newsletter / email</span></td>',
    );
    expect(html).toMatch(/\.admin \.one-line\{white-space:nowrap\}/);
    // Key numbers set off by rules, not filled boxes; the experiment table's caption left-aligned.
    expect(html).not.toMatch(/\.kpis div\{[^}]*background/);
    expect(html).toMatch(/\.kpis div\{[^}]*border-top/);
    expect(html).toMatch(/\.admin caption\{[^}]*text-align:left/);
    // Where readers came from: short numeric heads, so that a host name keeps its width at 390 px; each names
    // its full title and the key under the table says what it counts.
    expect(html).toContain(
      '<th scope="col" class="n"><abbr title="Landings on any page">Landed</abbr></th><th scope="col" class="n"><abbr title="Report-page views">Report views</abbr></th><th scope="col" class="n"><abbr title="Forms sent">Forms</abbr></th>',
    );
    expect(html).not.toContain('<th scope="col" class="n">Report-page views</th>');
    expect(html).toContain(
      'Landed: arrived from outside the site, on any page. Report views and Forms: the report-page views (views, not readers: a reload counts again) and forms sent of the readers each source brought.',
    );
    // The method, in full, in the one section at the end: "How this is counted".
    const method = html.slice(html.indexOf('<h2>How this is counted</h2>'));
    expect(method).toContain(
      'A report-page view with neither counts as a landing when the visitor has no earlier view',
    );
    expect(method).toContain('Report views and Forms in the source tables:');
    // "Left" takes out both refusals and forms the rate limit turned away, and says what turned away means.
    expect(method).toContain(
      'counted by their last outcome that day: sent (final), refused by validation, turned away by the rate limit, or left; so started = sent + refused + turned away + left',
    );
    expect(method).toContain(
      'Turned away by the rate limit: the server answered with 429 (Too Many Requests) because their network had already sent 10 forms within 10 minutes (RATE_LIMIT_MAX, RATE_LIMIT_WINDOW_MINUTES;',
    );
  });
});

describe('an experiment that reached its sample size', () => {
  const row = (day: string, event: 'view' | 'submit', variant: string, count: number): CountRow =>
    countRow({
      day,
      page: '/s/report/',
      event,
      variant: `form-length:${variant}`,
      count,
    });
  const counts = [
    ...['2026-03-01', '2026-03-02'].flatMap((day) => [
      row(day, 'view', 'full', 40),
      row(day, 'submit', 'full', 10),
      row(day, 'view', 'short', 40),
      row(day, 'submit', 'short', 20),
    ]),
  ];
  const later = [row('2026-03-03', 'view', 'full', 100), row('2026-03-03', 'submit', 'full', 90)];
  const page = (summary: ReturnType<typeof summarise>) =>
    adminPage(summary, { days: 30, from: '2026-02-04', to: '2026-03-05' });
  const summaryOn = (today: string, rows: CountRow[]) =>
    summarise({
      counts: rows,
      experimentReaders: readersOf(rows),
      days: [],
      leads: [],
      confirmationEmails: true,
      experiments: FORM_LENGTH,
      seriesIds: ['s'],
      today,
    });

  it('sums the events of its page over the variants until decided: no peeking through --json', () => {
    const events = (summary: ReturnType<typeof summarise>) =>
      summary.events.filter((e) => e.page === '/s/report/').map((e) => [e.event, e.variant, e.count]);
    // Reached today, not decided: one row per event, every variant in it.
    expect(events(summaryOn('2026-03-02', counts))).toEqual([
      ['view', '', 160],
      ['submit', '', 60],
    ]);
    // Decided: per variant.
    expect(events(summaryOn('2026-03-04', counts))).toEqual([
      ['view', 'form-length:full', 80],
      ['view', 'form-length:short', 80],
      ['submit', 'form-length:full', 20],
      ['submit', 'form-length:short', 40],
    ]);
  });

  it('gives no verdict on the day the sample is reached: later views that day would move it', () => {
    // The sample size (70) is reached on 2026-03-02; that day is not over.
    const summary = summaryOn('2026-03-02', counts);
    const [e] = summary.experiments;
    expect(e!.result.status).toBe('reached today');
    expect(e!.reachedOn).toBe('2026-03-02');
    expect([e!.decidedOn, e!.verdict, e!.marginOfError, e!.sinceThen]).toEqual([null, null, null, null]);
    // No peeking through the views either: until decided, one number for all variants.
    expect(e!.views).toBeNull();
    expect(e!.allViews).toBe(160);
    for (const v of e!.result.variants)
      expect([v.conversions, v.share, v.interval, v.difference]).toEqual([null, null, null, null]);
    const text = formatSummary(summary);
    const block = text.slice(text.indexOf('Experiment form-length'), text.indexOf('New leads per day'));
    expect(block).toContain('Reached the sample size today; the result is final after 00:00 UTC.');
    expect(block).toContain('80 readers, reached');
    // The intro promises no interval it does not show: they come the next day.
    expect(block).toContain('intervals from 2026-03-03:');
    expect(block).not.toMatch(/\d+ views/);
    expect(block).toContain('Report-page views so far, all variants: 160 (per variant from the decision).');
    expect(block).not.toContain('95% intervals:');
    // What the sample size can detect, planned before the start, is said in every state.
    const planned = plannedLine(e!);
    expect(planned).toMatch(/^With 70 readers per variant, a difference of about \d+\.\d points is detected 80%/);
    expect(block).toContain(planned);
    expect(block.replace(planned, '')).not.toMatch(/\d\.\d|\d points|Since then|Final from|better|worse/);
    const html = page(summary);
    const section = html.slice(html.indexOf('<span class="sub">Experiment form-length'), html.indexOf('<h2>Per day'));
    // The day's state and the planned difference are the table's one caption line; the views so far are in
    // "How this is counted".
    expect(section).toContain(
      `<caption class="note">Reached the sample size today; the result is final after 00:00 UTC. ${planned}</caption>`,
    );
    expect(section).not.toMatch(/data-label="Views"|data-label="Sent a form"|Difference, points/);
    expect(section.replace(planned, '')).not.toMatch(/\d\.\d|\d points|Since then|Final from|better|worse/);
    const method = html.slice(html.indexOf('<details class="method">'));
    expect(method).not.toContain(planned);
    expect(method).toContain('Report-page views so far, all variants: 160 (per variant from the decision).');
    expect(method).not.toMatch(/Since then|Final from|better|worse/);
  });

  it('from the next day, decides on the counts up to that day; later counts stand apart', () => {
    const summary = summaryOn('2026-03-04', [...counts, ...later]);
    const [e] = summary.experiments;
    expect(e!.decidedOn).toBe('2026-03-02');
    expect(e!.result.status).toBe('decided');
    expect(e!.result.variants.map((v) => [v.id, v.trials, v.conversions])).toEqual([
      ['short', 80, 40],
      ['full', 80, 20],
    ]);
    expect(e!.sinceThen).toEqual([
      { id: 'short', trials: 0, conversions: 0 },
      { id: 'full', trials: 100, conversions: 90 },
    ]);
    // For scripts: the verdict per variant against the control, and the smallest difference that can show.
    expect(e!.verdict).toEqual({ full: 'worse' });
    const d = e!.result.variants[1]!.difference!.interval;
    expect(e!.marginOfError).toBeCloseTo((d.high - d.low) / 2, 12);
    // The old name, kept for one release as a deprecated alias of the same number, in --json too.
    expect(e!.detectableDifference).toBe(e!.marginOfError);
    const json = JSON.parse(JSON.stringify(summary)) as { experiments: Record<string, unknown>[] };
    expect(json.experiments[0]!.marginOfError).toBe(e!.marginOfError);
    expect(json.experiments[0]!.detectableDifference).toBe(e!.marginOfError);
    const halfWidth = inPercent((d.high - d.low) / 2);
    expect(Number(halfWidth)).toBeGreaterThan(10);
    // The verdict first, then what the counts can show, then the day and each variant's counted views.
    const text = formatSummary(summary);
    const verdict = /full converts worse than short: −\d+\.\d to −\d+\.\d points/.exec(text)?.[0];
    expect(verdict).toBeDefined();
    const order = [
      verdict!,
      `Margin of error of the difference: ±${halfWidth} points (half the 95% interval's width).`,
      'Final from 2026-03-03 (sample reached on 2026-03-02), counting 2026-03-01 to 2026-03-02: readers short 80, full 80.',
      'Since then (no verdict): short: 0 of 0 readers sent a form; full: 90 of 100 readers sent a form.',
    ];
    expect(order.map((line) => text.indexOf(line))).toEqual(
      [...order.map((line) => text.indexOf(line))].sort((a, b) => a - b),
    );
    expect(order.every((line) => text.includes(line))).toBe(true);
    expect(text).not.toMatch(/when every variant had/);
    // Decided: the intervals are shown, and the planned difference is still said.
    expect(text).toContain('95% intervals:');
    expect(text).toContain(plannedLine(e!));
    const html = page(summary);
    expect(html).toContain(plannedLine(e!));
    // On the dashboard: the verdict in bold first, under the question and over the table.
    expect(html).toMatch(
      /<\/span><\/h3>\n<p class="verdict"><strong>full converts worse than short: −\d+\.\d to −\d+\.\d points<\/strong><\/p>\n<div class="scroll"><table class="exp decided">/,
    );
    // Decided: the difference column and the one caption line, which says from when the result is final.
    expect(html).toContain('<th scope="col" class="n">Difference, points</th>');
    expect(html).toContain(
      `<caption class="note">Readers who sent a form per reader of the report page, with 95% intervals (the band; the mark is the rate); final from 2026-03-03. ${plannedLine(e!)}</caption>`,
    );
    // The rest in "How this is counted".
    const method = html.slice(html.indexOf('<details class="method">'));
    expect(method).toContain(`Margin of error of the difference: ±${halfWidth} points`);
    expect(method).toContain(
      'Final from 2026-03-03 (sample reached on 2026-03-02), counting 2026-03-01 to 2026-03-02: readers short 80, full 80.',
    );
    expect(html).not.toContain('the intervals can be read');
    expect((JSON.parse(JSON.stringify(summary)) as typeof summary).experiments[0]!.verdict).toEqual({
      full: 'worse',
    });
  });

  it('signs a negative difference with one minus sign (U+2212), in the terminal and on the page', () => {
    // The control (short) converts better: full's difference is negative.
    const summary = summaryOn('2026-03-03', counts);
    expect(summary.experiments[0]!.verdict).toEqual({ full: 'worse' });
    const text = formatSummary(summary);
    expect(text).toMatch(/full converts worse than short: −\d+\.\d to −\d+\.\d points/);
    expect(text).toMatch(/vs control −25\.0 points \[−\d+\.\d, −\d+\.\d\]/);
    // No hyphen-minus before a number (dates aside).
    expect(text).not.toMatch(/(^|[^\d])-\d/m);
    const html = page(summary);
    expect(html).toMatch(/<strong>−25\.0<\/strong> <span class="range">−\d+\.\d to −\d+\.\d<\/span>/);
    expect(html.slice(html.indexOf('<body>'))).not.toMatch(/>[^<]*(^|[^\d])-\d/m);
  });

  it('hides "Since then" when nothing was counted after the decision', () => {
    const summary = summaryOn('2026-03-03', counts);
    expect(summary.experiments[0]!.decidedOn).toBe('2026-03-02');
    expect(summary.experiments[0]!.sinceThen).toBeNull();
    // Counted from 2026-03-01; decided on one day's counts, it says so.
    const oneDay = summaryOn(
      '2026-03-02',
      counts.filter((c) => c.day === '2026-03-01').map((c) => ({ ...c, count: c.count * 2 })),
    );
    expect(formatSummary(oneDay)).toContain(
      'Final from 2026-03-02 (sample reached on 2026-03-01), counting only that day: readers short 80, full 80.',
    );
    expect(formatSummary(summary)).not.toContain('Since then');
    expect(page(summary)).not.toContain('Since then');
  });
});

describe('an experiment decided on readers, not page views', () => {
  const row = (event: 'view' | 'submit', variant: string, count: number): CountRow =>
    countRow({
      day: '2026-03-01',
      page: '/s/report/',
      event,
      variant: `form-length:${variant}`,
      count,
    });
  // 45 readers each; the short form's readers reloaded it: 90 views. 9 and 18 readers sent a form (some twice).
  const counts = [
    row('view', 'full', 50),
    row('submit', 'full', 10),
    row('view', 'short', 90),
    row('submit', 'short', 25),
  ];
  const summaryWith = (readers: ReaderRow[]) =>
    summarise({
      counts,
      experimentReaders: readers,
      days: [],
      leads: [],
      confirmationEmails: true,
      experiments: [{ series: 's', experiment: { ...FORM_LENGTH[0]!.experiment, sampleSize: 40 } }],
      seriesIds: ['s'],
      today: '2026-03-02',
    });

  it('counts a reader once however often they reload, and shows the views beside', () => {
    const summary = summaryWith([
      reader('view', 'full', 45),
      reader('submit', 'full', 9),
      reader('view', 'short', 45),
      reader('submit', 'short', 18),
    ]);
    const [e] = summary.experiments;
    expect(e!.result.status).toBe('decided');
    expect(e!.result.variants.map((v) => [v.id, v.trials, v.conversions])).toEqual([
      ['short', 45, 18],
      ['full', 45, 9],
    ]);
    expect(e!.views).toEqual([
      { id: 'short', views: 90 },
      { id: 'full', views: 50 },
    ]);
    // 9/45 − 18/45: the rate of readers, not 10/50 − 25/90.
    expect(e!.result.variants[1]!.difference!.value).toBeCloseTo(-0.2, 9);
    const text = formatSummary(summary);
    expect(text).toMatch(/ {2}short +18 \/ 45 +40\.0% .*\(90 views\)/);
    const html = adminPage(summary);
    expect(html).toContain(
      '<td class="n" data-label="Readers">45</td><td class="n" data-label="Views">90</td><td class="n" data-label="Sent a form">18</td>',
    );
    expect(html).toContain('A reader counts once per UTC day and variant, however often they reload');
  });

  it('does not reach its sample on reloads: 90 views by 30 readers are 30 trials', () => {
    const summary = summaryWith([reader('view', 'full', 45), reader('view', 'short', 30)]);
    expect(summary.experiments[0]!.result.status).toBe('not yet');
    const text = formatSummary(summary);
    expect(text).toContain('not yet (30 of 40 readers)');
    // The views, reloads included, only for all variants together until decided.
    expect(text).toContain('Report-page views so far, all variants: 140 (per variant from the decision).');
  });
});

describe("the sample-ratio check of an experiment's split", () => {
  // p-values computed independently with SciPy 1.x: scipy.stats.chisquare(observed, expected).pvalue.
  it.each([
    [[41, 62], [50, 50], 0.03852812152639001],
    [[40, 80], [50, 50], 0.0002607296328553165],
    [[30, 30, 60], [100 / 3, 100 / 3, 100 / 3], 0.0005530843701478337],
    [[100, 150, 250, 500], [10, 10, 30, 50], 2.7392114461472815e-7],
    [[30, 45], [40, 60], 1],
  ])('%j against %j: p = %f', (observed, declared, p) => {
    const check = sampleRatio(observed, declared)!;
    expect(check.p).toBeCloseTo(p, 6);
    expect(check.p / p).toBeCloseTo(1, 4);
    expect(check.off).toBe(p < 0.01);
  });

  it('has the chi-square tail of 1 to 4 degrees of freedom at their 5% critical values', () => {
    for (const [x, df] of [
      [3.841458820694124, 1],
      [5.991464547107979, 2],
      [7.814727903251178, 3],
      [9.487729036781154, 4],
    ] as const)
      expect(chiSquareTail(x, df)).toBeCloseTo(0.05, 6);
  });

  const view = (variant: string, count: number): CountRow =>
    countRow({
      day: '2026-03-01',
      page: '/s/report/',
      event: 'view',
      variant: `form-length:${variant}`,
      count,
    });
  // The control (short) first, as the split is said.
  const decided = (short: number, full: number) =>
    summarise({
      counts: [view('short', short), view('full', full)],
      experimentReaders: [
        reader('view', 'short', short),
        reader('submit', 'short', 5),
        reader('view', 'full', full),
        reader('submit', 'full', 10),
      ],
      days: [],
      leads: [],
      confirmationEmails: true,
      experiments: [{ series: 's', experiment: { ...FORM_LENGTH[0]!.experiment, sampleSize: 40 } }],
      seriesIds: ['s'],
      today: '2026-03-02',
    });
  const pageOf = (summary: ReturnType<typeof summarise>) => adminPage(summary);

  it('warns under p < 0.01, on the page, in the terminal and in --json, after the verdict', () => {
    const summary = decided(40, 80);
    const warning =
      'Split off: 40/80 against 50/50 (chi-square p\u00a0<\u00a00.001) — check assignment before trusting the verdict.';
    const text = formatSummary(summary);
    expect(text).toContain(`  ${warning}`);
    const html = pageOf(summary);
    const shown = `</strong></p>\n<p class="verdict warn"><strong>${warning.replace('<', '&lt;')}</strong></p>`;
    expect(html).toContain(shown);
    // Right under the verdict.
    expect(html).toContain('<p class="verdict"><strong>No difference shown');
    expect(html.indexOf('<p class="verdict"><strong>No difference shown')).toBeLessThan(html.indexOf(shown));
    const json = JSON.parse(JSON.stringify(summary)) as typeof summary;
    expect(json.experiments[0]!.sampleRatio).toMatchObject({ observed: [40, 80], declared: [50, 50], off: true });
  });

  it('says the split holds above it: 41/62 on 50/50 is p = 0.039, no warning', () => {
    const summary = decided(41, 62);
    expect(summary.experiments[0]!.sampleRatio!.off).toBe(false);
    const line = 'Split as declared: 41/62 against 50/50 (chi-square p\u00a0=\u00a00.039; flagged under 0.01).';
    expect(formatSummary(summary)).toContain(line);
    expect(formatSummary(summary)).not.toContain('Split off');
    expect(pageOf(summary)).toContain(`<p>${line}</p>`);
  });

  it('is not run before the decision', () => {
    const summary = decided(30, 80);
    expect(summary.experiments[0]!.result.status).toBe('not yet');
    expect(summary.experiments[0]!.sampleRatio).toBeNull();
    expect(formatSummary(summary)).not.toContain('Split');
  });
});

describe('what a declared sample size can detect, before the experiment starts', () => {
  // (z0.975 + z0.8) × √(0.5 / n), from SciPy's norm.ppf: 70 → 0.236777, 100 → 0.198102, 1000 → 0.062645.
  it.each([
    [70, 0.23677716670726942],
    [100, 0.19810199057996727],
    [1000, 0.06264534992459173],
  ])('%i readers per variant: %f', (n, d) => {
    expect(plannedDifference(n)).toBeCloseTo(d, 9);
  });

  it('is said beside "not yet", and the decided line is the margin of error of the difference', () => {
    const summary = summarise({
      counts: [],
      experimentReaders: [],
      days: [],
      leads: [
        { createdAt: new Date('2026-03-01T10:00:00Z'), series: 's', marketingOptIn: false, marketingStatus: 'none' },
      ],
      confirmationEmails: true,
      experiments: FORM_LENGTH,
      seriesIds: ['s'],
    });
    const line =
      'With 70 readers per variant, a difference of about 23.7 points is detected 80% of the time (95% level, at a 50% rate; smaller at lower rates).';
    expect(formatSummary(summary)).toContain(`  ${line}`);
    const html = adminPage(summary);
    expect(html).toMatch(new RegExp(`<caption class="note">Not yet: [^<]* ${escapeRegExp(line)}</caption>`));
    expect(html).not.toContain('Smallest difference');
    expect(summary.experiments[0]!.plannedDifference).toBeCloseTo(0.23677716670726942, 9);
  });
});

describe('a referring host on a narrow screen', () => {
  it('keeps a short host on one line; a long one may break only after its dots, never inside a label', () => {
    // "news.ycombinator.com" broke as "news.ycombinator." / "com" at 390 px: a short host is never broken.
    expect(hostBreaks('news.ycombinator.com')).toBe('<span class="one-line">news.ycombinator.com</span>');
    expect(hostBreaks('a-rather-long-name.news.ycombinator.com')).toBe(
      'a-rather-long-name.<wbr>news.<wbr>ycombinator.<wbr>com',
    );
    expect(hostBreaks('a<b.example')).toBe('<span class="one-line">a&lt;b.example</span>');
    const row = (referrer: string): CountRow =>
      countRow({
        day: '2026-03-01',
        page: '/s/t/',
        event: 'view',
        referrer,
        count: 3,
      });
    const summary = summarise({
      counts: [row('news.ycombinator.com')],
      days: [],
      leads: [],
      confirmationEmails: true,
      seriesIds: ['s'],
    });
    const html = adminPage(summary);
    expect(html).toContain('<td class="host"><span class="one-line">news.ycombinator.com</span></td>');
    // No rule lets a host break anywhere: only campaign names may.
    const anywhere = [...html.matchAll(/([^{}]+)\{[^}]*overflow-wrap:anywhere/g)].map((m) => m[1]!.trim());
    expect(anywhere).toEqual(['.admin .sources td.name .one-line']);
  });
});

describe("the dashboard's funnel bars", () => {
  it("draw each step at its share of its stated base; with emails off, no 'Email confirmed' bar", () => {
    const summary = reportDay([
      ['view', 200],
      ['form_start', 50],
      ['submit', 20],
      ['download', 10],
    ]);
    const confirmed = summary.series[0]!.onReport.find((s) => s.event === 'confirmed')!;
    expect(confirmed.share).toBeNull();
    const html = adminPage(summary, { days: 30, from: '2026-02-04', to: '2026-03-05' });
    const bar = (label: string) =>
      new RegExp(`<li><span>${label}</span>[^]*?<rect class="bar" width="([\\d.]+)"`).exec(html)?.[1];
    expect(bar('Report-page readers')).toBe('100.0');
    // Form started: 50 of 200 report-page readers, 25%.
    expect(bar('Form started')).toBe('25.0');
    // Downloads are counted per download, not per reader: no rate of the readers' steps, no bar, said so.
    expect(bar('Report downloaded')).toBeUndefined();
    expect(html).toContain(
      '<li class="aside"><span>Report downloaded</span><span class="n">10</span><span class="rate">Downloads, each counted (a reader may download again): not readers, so no rate.</span></li>',
    );
    // Emails off: no "Email confirmed" bar at all; the line under the part says why.
    expect(html).not.toContain('<li><span>Email confirmed');
    expect(html).toContain('Confirmation emails are off (SMTP_URL is not set)');
    // Under "Form sent", the form's drop-off: sent of started, and those who started and did not send.
    expect(html).toMatch(
      /<li><span>Form sent<\/span>[^]*?<\/svg><span class="rate">20 of 50 readers who started the form sent it, 40%; 30 left<\/span><\/li>/,
    );
    expect(summary.series[0]!.sentOfStarted).toEqual({
      started: 50,
      sent: 20,
      share: 0.4,
      refused: 0,
      limited: 0,
      refusedFields: {},
    });
  });

  it('tells forms refused by validation, with the fields refused most first, from readers who left', () => {
    const summary = reportDay([
      ['view', 30],
      ['form_start', 14],
      ['submit', 9],
      ['form_refused', 4],
      ['form_refused:lastName', 2],
      ['form_refused:firstName', 3],
    ]);
    const html = adminPage(summary);
    expect(html).toContain(
      '<span class="rate">9 of 14 readers who started the form sent it, 64%; 5 did not: 4 refused by validation (first name 3, last name 2), 1 left</span>',
    );
    expect(html).toContain('Refused by validation: the server refused their form');
    // Refusals are no funnel step: no bar, no step of their own.
    expect(summary.series[0]!.onReport.map((s) => s.event)).not.toContain('form_refused');
  });

  it('tells forms turned away by the rate limit from readers who left', () => {
    const summary = reportDay([
      ['view', 30],
      ['form_start', 14],
      ['submit', 9],
      ['form_refused', 2],
      ['form_refused:email', 2],
      ['form_refused:jobRole', 1],
      ['form_limited', 3],
    ]);
    expect(summary.series[0]!.sentOfStarted).toMatchObject({ refused: 2, limited: 3 });
    // Each refused field by the form's own label: "Work email", "Job role".
    expect(adminPage(summary)).toContain(
      '<span class="rate">9 of 14 readers who started the form sent it, 64%; 5 did not: 2 refused by validation (work email 2, job role 1), 3 turned away by the rate limit, 0 left</span>',
    );
    // Turned away with none refused: the line still tells them from those who left.
    const limitedOnly = reportDay([
      ['form_start', 5],
      ['submit', 2],
      ['form_limited', 1],
    ]);
    expect(formDropOff(limitedOnly.series[0]!)).toBe(
      '2 of 5 readers who started the form sent it, 40%; 3 did not: 1 turned away by the rate limit, 2 left',
    );
    expect(limitedOnly.series[0]!.onReport.map((s) => s.event)).not.toContain('form_limited');
  });
});

describe('new leads per day on the dashboard', () => {
  const lead = (iso: string) => ({
    createdAt: new Date(iso),
    series: 's',
    marketingOptIn: false,
    marketingStatus: 'none' as const,
  });
  const chartOf = (period: { from: string; to: string; days?: number }, countingBegan?: string) => {
    const summary = summarise({
      counts: [],
      days: [],
      leads: [lead('2026-03-03T10:00:00Z'), lead('2026-03-03T11:00:00Z'), lead('2026-03-07T09:00:00Z')],
      confirmationEmails: true,
      seriesIds: ['s'],
      ...(countingBegan ? { countingBegan } : {}),
    });
    const html = dashboardPage({
      summary,
      previous: null,
      period: { days: period.days ?? 7, from: period.from, to: period.to, choices: [7, 30, 90], path: '/admin/' },
      site: { stylesheets: [] },
      signOut: { action: '/admin/sign-out', formToken: 't' },
    });
    expect(html).not.toMatch(/<script/);
    return { html, chart: /<figure class="leads">([^]*?)<\/figure>/.exec(html)?.[1] ?? '' };
  };

  it('is titled, has a slot per day of the period, the latest at the right edge, both ends dated', () => {
    // The period starts 2026-03-01; counting began 2026-03-03: the two days before were not counted.
    const { html, chart } = chartOf({ from: '2026-03-01', to: '2026-03-09', days: 9 });
    expect(html).toContain('<h3>New leads per day</h3><figure class="leads">');
    const rects = [
      ...chart.matchAll(
        /<rect class="(\w+)" x="([\d.]+)" y="([\d.]+)"[^>]*height="([\d.]+)"[^>]*><title>([^<]*)<\/title>/g,
      ),
    ];
    expect(rects.map((r) => r[5])).toEqual([
      '2026-03-03: 2 new leads',
      '2026-03-04: 0 new leads',
      '2026-03-05: 0 new leads',
      '2026-03-06: 0 new leads',
      '2026-03-07: 1 new lead',
      '2026-03-08: 0 new leads',
      '2026-03-09: 0 new leads',
    ]);
    expect(rects.map((r) => [r[1], Number(r[4])])).toEqual([
      ['bar', 100],
      ['zero', 2],
      ['zero', 2],
      ['zero', 2],
      ['bar', 50],
      ['zero', 2],
      ['zero', 2],
    ]);
    // A zero day's tick sits on the baseline.
    for (const r of rects.filter((r) => r[1] === 'zero')) expect(Number(r[3])).toBe(98);
    // Nine slots for nine days: the last day's bar ends at the right edge (it was three-quarters across).
    expect(chart).toContain('viewBox="0 0 90 100"');
    expect(Number(rects.at(-1)![2]) + 6).toBeGreaterThan(90 - 10);
    // The two days before counting began: one shaded block at the left, titled, not bars of zero.
    expect(chart).toMatch(
      /<rect class="before" width="20" height="100"><title>2026-03-01 to 2026-03-02: not counted \(counting began 2026-03-03\)<\/title><\/rect>/,
    );
    // Both ends dated, and the highest count written out.
    expect(chart).toContain('<div class="axis"><span>2026-03-01</span><span>2026-03-09</span></div>');
    expect(chart).toContain('<span class="max">2 (highest)</span>');
    expect(chart).toContain('9 UTC days, 2026-03-01 to 2026-03-09, the latest at the right');
    expect(chart).toContain('shaded: the days before counting began on 2026-03-03, not counted.');
    // The period's line says so too, as `npm run stats` does.
    expect(html).toContain(
      '<span class="date">2026-03-01</span> to <span class="date">2026-03-09</span>, beside the 9 days before; counting began <span class="date">2026-03-03</span>.</p>',
    );
  });

  it('writes the numbers alone, without a chart, for fewer than 7 days', () => {
    // One day counted: no bar filling the width.
    const one = chartOf({ from: '2026-03-01', to: '2026-03-03', days: 3 }).chart;
    expect(one).not.toContain('<svg');
    expect(one).toContain('<ul class="day-counts"><li>2026-03-03: 2 new leads</li></ul>');
    expect(one).toContain('1 UTC day, 2026-03-03 to 2026-03-03: too few for a chart.');
    const five = chartOf({ from: '2026-03-01', to: '2026-03-07' }).chart;
    expect(five).not.toContain('<svg');
    expect(five.match(/<li>/g)).toHaveLength(5);
  });

  it('covers the whole period when counting began before it, a slot per day, nothing shaded', () => {
    const { chart } = chartOf({ from: '2026-03-01', to: '2026-03-07' }, '2026-02-01');
    expect(chart).toContain('<div class="axis"><span>2026-03-01</span><span>2026-03-07</span></div>');
    expect(chart.match(/<rect /g)).toHaveLength(7);
    expect(chart).not.toContain('class="before"');
    expect(chart).not.toContain('Counting began');
    const quarter = chartOf({ from: '2026-01-01', to: '2026-03-31', days: 90 }, '2025-12-01').chart;
    expect(quarter).toContain('viewBox="0 0 900 100"');
    expect(quarter).toContain('<div class="axis"><span>2026-01-01</span><span>2026-03-31</span></div>');
  });
});

describe('the dashboard reads as a dashboard', () => {
  const day = '2026-03-01';
  const counts: CountRow[] = [
    countRow({ day, page: '/s/a/', event: 'view', count: 10 }),
    countRow({ day, page: '/s/b/', event: 'view', count: 4 }),
    countRow({ day, page: '/s/report/', event: 'view', fromPage: '/s/a/', count: 1 }),
    countRow({ day, page: '/s/report/', event: 'view', fromPage: '/s/b/', count: 3 }),
    // Each view from a page here is a reader of its own.
    countRow({ day, page: '/s/report/', event: 'report_reader', fromPage: '/s/a/', count: 1 }),
    countRow({ day, page: '/s/report/', event: 'report_reader', fromPage: '/s/b/', count: 3 }),
    countRow({ day, page: '/s/report/', event: 'submit', fromPage: '/s/b/', count: 2 }),
    countRow({
      day,
      page: '/s/report/',
      event: 'view',
      count: 4,
      landing: true,
      utmCampaign: 'launch',
      utmSource: 'a',
    }),
    countRow({
      day,
      page: '/s/report/',
      event: 'view',
      count: 2,
      landing: true,
      utmCampaign: 'launch',
      utmSource: 'b',
    }),
  ];
  const lead = { createdAt: new Date(`${day}T10:00:00Z`), series: 's', marketingOptIn: false, marketingStatus: 'none' };
  const summary = summarise({
    counts: readersToo(counts),
    days: [],
    leads: [lead, lead] as never,
    repeatForms: [new Date(`${day}T11:00:00Z`)],
    confirmationEmails: false,
    seriesIds: ['s'],
  });
  const html = adminPage(summary, { from: '2026-02-01', to: '2026-03-02' });

  it('names the sixth key number, forms sent per report-page reader, and says which forms were new leads', () => {
    expect(summary.totals).toMatchObject({ reportViews: 10, formsSent: 2, leads: 2, repeatForms: 1 });
    // A short label that does not wrap; the full name in its <abbr> title.
    expect(html).toContain(
      '<dt><abbr title="Forms sent per report-page reader">Forms per report reader</abbr></dt><dd class="big">20%</dd>',
    );
    // Three forms stored, two in the funnel's "Form sent" (counted once per reader and day): both on one line.
    expect(html).toContain(
      '<p class="forms">3 forms stored: 2 new leads, 1 from an address already on file. Form sent in the funnel: 2, fewer, as it counts a reader&#39;s forms once per report page and UTC day, and none sent with Global Privacy Control or Do Not Track or by a crawler or headless browser (those are stored, not counted); a lead erased on request leaves its forms counted.</p>',
    );
    // Each reason the two differ is named, not one for the whole gap.
    expect(formatSummary(summary)).toContain(
      "3 forms stored: 2 new leads, 1 from an address already on file. Form sent in the funnel: 2, fewer, as it counts a reader's forms once per report page and UTC day, and none sent with Global Privacy Control or Do Not Track",
    );
    // No "0 marketing opt-ins pending".
    expect(html).toContain('Confirmation emails are off (SMTP_URL is not set).');
    expect(html).not.toContain('0 marketing opt-ins pending');
  });

  it('shows which page brings readers to the report as a table, most first, with a Total row', () => {
    const s = summary.series[0]!;
    expect(s.pages.map((p) => [p.page, p.views, p.toReport, p.toReportShare, p.formsSent])).toEqual([
      ['/s/b/', 4, 3, 0.75, 2],
      ['/s/a/', 10, 1, 0.1, 0],
    ]);
    const table = html.slice(html.indexOf('<h3>Which page brings readers to the report</h3>'));
    expect(table).toContain(
      '<thead><tr><th scope="col">Page</th><th scope="col" class="n">Readers</th><th scope="col" class="n">Views</th><th scope="col" class="n">To report</th><th scope="col" class="n">Forms sent</th></tr></thead>',
    );
    expect(table.indexOf('/s/b/')).toBeLessThan(table.indexOf('/s/a/'));
    expect(table).toContain(
      '<tfoot><tr><th scope="row">Sum of the pages</th><td class="n" data-label="Readers">14</td><td class="n" data-label="Views">14</td><td class="n" data-label="To report">4<span class="share"> (29%)</span></td><td class="n" data-label="Forms sent">2</td></tr></tfoot>',
    );
    expect(html).not.toMatch(/By page, with the readers each brought/);
    const text = formatSummary(summary);
    expect(text).toContain('Which page brings readers to the report');
    expect(text).toMatch(/\n\s+14\s+14\s+4\s+29%\s+2 {2}Sum of the pages\n/);
    // The sum row is told from the funnel's steps, which count each reader once.
    expect(text).toContain(
      "Sum of the pages: a reader counts on every page they read, and on every page they went on from; so its 14 readers are the same as the series' 14 (each counted once), and its 4 to report the same as the 4 who went on to the report page (each counted once).",
    );
  });

  it('wraps the terminal text at the width asked, between words, under the line it continues', () => {
    const text = formatSummary(summary, 80);
    const lines = text.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    // The forms line goes on, indented, on the next lines; no word is cut.
    const at = lines.findIndex((l) => l.startsWith('3 forms stored'));
    expect(lines[at + 1]).toMatch(/^ {2}\S/);
    expect(text.replace(/\n +/g, ' ')).toContain(formatSummary(summary).split('\n')[3]!);
  });

  it('rolls campaigns up by name, and keeps the method in one folded section at the end', () => {
    expect(html).toContain(
      '<tr class="group"><th scope="row">launch<span class="sub">2 sources together</span></th><td class="n">6</td>',
    );
    expect(html).toContain('<tr class="member"><td class="name">a / –</td><td class="n">4</td>');
    const method = html.indexOf('<details class="method"><summary><h2>How this is counted</h2></summary>');
    expect(method).toBeGreaterThan(html.indexOf('<h2>Per day</h2>'));
    expect(html.slice(method)).toContain('Visitors are told apart for one UTC day only');
  });
});

describe('campaign groups and direct landings, alike in the terminal, --json and on the dashboard', () => {
  const day = '2026-03-01';
  const tagged = (utmCampaign: string, utmSource: string, count: number) =>
    countRow({ day, page: '/s/a/', event: 'view', count, utmCampaign, utmSource, utmMedium: 'email' });
  const counts: CountRow[] = [
    tagged('launch', 'a', 4),
    tagged('launch', 'b', 2),
    tagged('spring', 'x', 3),
    tagged('spring', 'y', 3),
    tagged('spring', 'z', 1),
    tagged('solo', 'n', 10),
    // Landings with no referrer and no tag: typed addresses, bookmarks.
    countRow({ day, page: '/s/b/', event: 'view', count: 5 }),
    // One tagged landing arrived with a referrer: not in the no-referrer rows.
    { ...tagged('solo', 'n', 1), referrer: 'news.example.com' },
  ];
  const summary = summarise({ counts, days: [], leads: [], confirmationEmails: false, seriesIds: ['s'] });
  const html = adminPage(summary);
  const text = formatSummary(summary);
  const json = JSON.parse(JSON.stringify(summary)) as typeof summary;

  it('lists the groups, most landings first, with their subtotal rows in the terminal and on the page', () => {
    expect(json.campaignGroups.map((g) => [g.name, g.sources, g.landings, g.rows.length])).toEqual([
      ['solo', 1, 11, 1],
      ['spring', 3, 7, 3],
      ['launch', 2, 6, 2],
    ]);
    expect(json.campaignGroups[1]!.rows.map((r) => [r.source, r.landings])).toEqual([
      ['x', 3],
      ['y', 3],
      ['z', 1],
    ]);
    // The dashboard's group rows, in order: every group of two or more sources.
    const onPage = [
      ...html.matchAll(/<tr class="group"><th scope="row">([^<]+)<span class="sub">(\d+) sources together/g),
    ];
    expect(onPage.map((m) => [m[1], Number(m[2])])).toEqual([
      ['spring', 3],
      ['launch', 2],
    ]);
    // The terminal prints the same subtotal rows, in the same order, their sources indented under them.
    expect(text).toMatch(
      /\n\s+7\s+0\s+0 {2}spring: 3 sources together\n\s+3\s+0\s+0 {4}x \/ email\n\s+3\s+0\s+0 {4}y \/ email\n\s+1\s+0\s+0 {4}z \/ email\n\s+6\s+0\s+0 {2}launch: 2 sources together\n/,
    );
    expect(text).toMatch(/\n\s+11\s+0\s+0 {2}n \/ email \/ solo\n/);
    expect(text.indexOf('n / email / solo')).toBeLessThan(text.indexOf('spring: 3 sources together'));
  });

  it('splits the landings with no referrer into campaign-tagged and untagged', () => {
    expect(json.noReferrerTagged).toEqual({ landings: 23, reportViews: 0, formsSent: 0 });
    expect(json.noReferrerUntagged).toEqual({ landings: 5, reportViews: 0, formsSent: 0 });
    expect(html).toContain('<tr class="rest"><th scope="row">No referrer, campaign-tagged</th><td class="n">23</td>');
    expect(html).toContain('<tr class="rest"><th scope="row">No referrer, untagged</th><td class="n">5</td>');
    expect(html).not.toContain('Direct or not known');
    expect(text).toMatch(/\n\s+23\s+0\s+0 {2}No referrer, campaign-tagged\n\s+5\s+0\s+0 {2}No referrer, untagged\n/);
    // The landings within the site: a note under the referrer table, not over it nor folded away in the method.
    expect(html).toMatch(
      /<\/tfoot><\/table><\/div><p class="note">Within the site: 0 page views from the site&#39;s own pages[^<]*<\/p>/,
    );
    const method = html.slice(html.indexOf('<details class="method">'));
    expect(method).not.toContain('Within the site:');
    expect(method).not.toContain('carried a campaign tag: see Campaigns');
  });
});

describe('small things a reader of the dashboard notices', () => {
  const day = '2026-03-01';
  const counts: CountRow[] = [
    countRow({ day, page: '/s/', event: 'view', count: 30 }),
    countRow({ day, page: '/s/a/', event: 'view', count: 4 }),
    countRow({ day, page: '/s/report/', event: 'view', fromPage: '/s/', count: 6 }),
    countRow({ day, page: '/s/report/', event: 'view', fromPage: '/s/a/', count: 3 }),
    countRow({ day, page: '/s/report/', event: 'report_reader', fromPage: '/s/', count: 6 }),
    countRow({ day, page: '/s/report/', event: 'report_reader', fromPage: '/s/a/', count: 3 }),
    countRow({ day, page: '/', event: 'view', count: 2 }),
  ];
  const summary = summarise({
    counts: readersToo(counts),
    days: [],
    leads: [],
    confirmationEmails: false,
    seriesIds: ['s'],
    title: (page) => (page === '/s/' ? 'Machine learning in 2021' : page === '/' ? 'Home' : undefined),
  });
  const html = adminPage(summary);
  const table = html.slice(html.indexOf('<h3>Which page brings readers to the report</h3>'), html.indexOf('</table>'));

  it('calls the series home "Series home" in the pages table', () => {
    expect(table).toContain('<th scope="row">Series home</th>');
    expect(table).not.toContain('Machine learning in 2021');
  });

  it('names pages in npm run stats as the dashboard does: "Series home", other pages with their path', () => {
    const text = formatSummary(summary);
    expect(text).toMatch(/\n\s+30\s+30\s+6\s+20%\s+0 {2}Series home\n/);
    // The home's title heads the series ("Series Machine learning in 2021 (s)"), not its row.
    expect(text).not.toContain('0  Machine learning in 2021');
    expect(text).toContain('Other pages (views):\n         2  Home (/)\n');
    expect(html).toContain('<td>Home (/)</td>');
  });

  it('greys a share of under 10 views, with a title saying the base is small', () => {
    expect(table).toContain(
      '<td class="n" data-label="To report">3 <span class="share few" title="Only 4 views: too few for a steady share">(75%)</span></td>',
    );
    // 30 views: a share like any other.
    expect(table).toContain('<td class="n" data-label="To report">6<span class="share"> (20%)</span></td>');
    expect(html).toMatch(/\.admin \.bypage \.few\{[^}]*\}/);
  });

  it('keeps each date of the period line on one line at 390 px', () => {
    expect(html).toContain(
      'The last 30 UTC days, <span class="date">2026-02-01</span> to <span class="date">2026-03-02</span>, beside',
    );
    expect(html).toMatch(/\.admin \.date\{white-space:nowrap\}/);
  });
});

describe("the dashboard's key numbers", () => {
  const summary = summarise({ counts: [], days: [], leads: [], confirmationEmails: false, seriesIds: [] });

  it('name visitors and the form rate as the CLI does, in the words of the Terms table', () => {
    expect(adminPage(summary)).toContain('<dt>Visitors (daily, summed)</dt>');
    expect(adminPage(summary)).toContain('>Forms per report reader</abbr></dt>');
    const text = formatSummary(
      summarise({
        counts: [countRow({ day: '2026-03-01', page: '/about/', event: 'view', count: 3 })],
        days: [],
        leads: [],
        confirmationEmails: false,
        seriesIds: [],
      }),
    );
    expect(text).toMatch(/Visitors \(daily, summed\) \d+ · report-page views 0 · forms per report reader – ·/);
    expect(text).not.toMatch(/unique per day, added up|forms sent per report-page reader/);
  });

  it('leave out "Pages outside the series" when none was viewed', () => {
    expect(adminPage(summary)).not.toContain('Pages outside the series');
    const other = summarise({
      counts: [countRow({ day: '2026-03-01', page: '/about/', event: 'view', count: 3 })],
      days: [],
      leads: [],
      confirmationEmails: false,
      seriesIds: [],
    });
    expect(adminPage(other)).toContain('<details><summary>Pages outside the series (1)</summary>');
  });

  it('say once that the period before has no data, not under each number', () => {
    const html = adminPage(summary, { days: 30, previous: null });
    expect(html.match(/no data/g)).toHaveLength(1);
    expect(html).toContain('<p class="prev-none">The 30 days before: no data.</p>');
    expect(html).not.toContain('<dd class="prev">');
    // With a period before, each number keeps its own comparison, and no such line.
    const compared = adminPage(summary, { days: 30, previous: summary.totals });
    expect(compared).toContain('<dd class="prev">30 days before: 0</dd>');
    expect(compared).not.toContain('no data');
  });
});

describe('a share of few page views', () => {
  const row = (page: string, event: CountRow['event'], count: number, fromPage = ''): CountRow =>
    countRow({ day: '2026-03-05', page, event, count, fromPage });
  const summary = summarise({
    counts: readersToo([
      row('/s/', 'view', 40),
      row('/s/a/', 'view', 6),
      row('/s/report/', 'view', 10, '/s/'),
      row('/s/report/', 'view', 3, '/s/a/'),
      row('/s/report/', 'report_reader', 10, '/s/'),
      row('/s/report/', 'report_reader', 3, '/s/a/'),
    ]),
    days: [],
    leads: [],
    confirmationEmails: false,
    seriesIds: ['s'],
  });

  it('is dotted on the dashboard, and one caption clause says what dotted means', () => {
    const html = adminPage(summary);
    expect(html).toContain('dotted: under 10 views');
    // The hand-off's rate is of the series' readers, each once a day: the caption says so.
    expect(html).toContain("each reader once a UTC day, however many of the series' pages they read");
  });

  it('is marked "~" in the terminal table, with the marker explained once', () => {
    const text = formatSummary(summary);
    // Readers first (the share's base), then views.
    expect(text).toMatch(/\n\s+\d+\s+6\s+3\s+~50%\s+0 {2}\S/);
    expect(text).toMatch(/\n\s+\d+\s+40\s+10\s+25%\s+0 {2}\S/);
    expect(text.match(/~: under 10 views/g)).toHaveLength(1);
  });
});

describe('a pages table where every share is of few page views', () => {
  const row = (page: string, event: CountRow['event'], count: number, fromPage = ''): CountRow =>
    countRow({ day: '2026-03-05', page, event, count, fromPage });
  const summary = summarise({
    counts: readersToo([
      row('/s/', 'view', 4),
      row('/s/a/', 'view', 3),
      row('/s/report/', 'view', 1, '/s/'),
      row('/s/report/', 'view', 1, '/s/a/'),
      row('/s/report/', 'report_reader', 1, '/s/'),
      row('/s/report/', 'report_reader', 1, '/s/a/'),
    ]),
    days: [],
    leads: [],
    confirmationEmails: false,
    seriesIds: ['s'],
  });
  // Of the pages: the Total, which adds them up, may be of more.
  const ONCE = "Every page's share is of under 10 views: too few to be steady.";

  it('says so once on the dashboard, with no share dotted', () => {
    const html = adminPage(summary);
    expect(html).not.toContain('share few');
    expect(html).not.toContain('(dotted:');
    expect(html.match(new RegExp(escapeRegExp(ONCE), 'g'))).toHaveLength(1);
    expect(html).toContain('<td class="n" data-label="To report">1<span class="share"> (25%)</span></td>');
  });

  it('says so once in the terminal, with no share marked "~"', () => {
    const text = formatSummary(summary);
    expect(text).not.toContain('~');
    expect(text.match(new RegExp(escapeRegExp(ONCE), 'g'))).toHaveLength(1);
    // The header names each column apart: "readers · views · to report · % · forms".
    expect(text).toMatch(/\n {4}\s+readers\s+· views · to report\s+· %\s+· forms {2}page\n/);
  });
});

describe('every page under 10 views, the Total over (issue 22)', () => {
  // The usual early case: each page has under 10 views, together they have more (6 + 5 = 11).
  const row = (page: string, event: CountRow['event'], count: number, fromPage = ''): CountRow =>
    countRow({ day: '2026-03-05', page, event, count, fromPage });
  const summary = summarise({
    counts: readersToo([
      row('/s/', 'view', 6),
      row('/s/a/', 'view', 5),
      row('/s/report/', 'view', 2, '/s/'),
      row('/s/report/', 'view', 1, '/s/a/'),
      row('/s/report/', 'report_reader', 2, '/s/'),
      row('/s/report/', 'report_reader', 1, '/s/a/'),
    ]),
    days: [],
    leads: [],
    confirmationEmails: false,
    seriesIds: ['s'],
  });
  // Of the pages: the Total, which adds them up, may be of more.
  const ONCE = "Every page's share is of under 10 views: too few to be steady.";

  it("says so once on the dashboard; no share dotted, the Total's share plain", () => {
    const html = adminPage(summary);
    expect(html.match(new RegExp(escapeRegExp(ONCE), 'g'))).toHaveLength(1);
    expect(html).not.toContain('share few');
    expect(html).toMatch(
      /<tfoot><tr><th scope="row">Sum of the pages<\/th>[^]*?data-label="To report">3<span class="share"> \(27%\)<\/span><\/td>/,
    ); // The line that adds the report page's counts up stands on its own, after the key.
    expect(html).toContain(
      `${ONCE}</p>\n<p class="note">Report-page views: 3 by readers from these pages + 0 from elsewhere`,
    );
  });

  it('says so once in the terminal; no "~", the Total\'s share plain', () => {
    const text = formatSummary(summary);
    expect(text.match(new RegExp(escapeRegExp(ONCE), 'g'))).toHaveLength(1);
    expect(text).not.toContain('~');
    expect(text).toMatch(/\n\s+11\s+11\s+3\s+27%\s+0 {2}Sum of the pages\n/);
  });
});

describe('pages named by their short names (issue 22)', () => {
  const HEADLINE =
    'Budgets for machine learning rose for most respondents, and AI/ML moved up the list of IT priorities';
  const day = '2026-03-05';
  const summary = summarise({
    counts: readersToo([
      countRow({ day, page: '/s/investment/', event: 'view', count: 12 }),
      countRow({ day, page: '/s/mlops/', event: 'view', count: 11 }),
      countRow({ day, page: '/s/report/', event: 'report_reader', fromPage: '/s/investment/', count: 3 }),
    ]),
    days: [],
    leads: [],
    confirmationEmails: false,
    seriesIds: ['s'],
    title: (page) =>
      page === '/s/investment/' ? HEADLINE : page === '/s/mlops/' ? 'A long mlops headline' : undefined,
    shortName: (page) => (page === '/s/investment/' ? 'Budgets and priorities' : undefined),
  });

  it('gives the short name in the row and the full headline in its title; a page without one keeps its title', () => {
    const html = adminPage(summary);
    expect(html).toContain(`<th scope="row" title="${HEADLINE}">Budgets and priorities</th>`);
    expect(html).toContain('<th scope="row">A long mlops headline</th>');
    const text = formatSummary(summary);
    expect(text).toMatch(/ {2}Budgets and priorities\n/);
    expect(text).not.toContain(HEADLINE);
    expect(summary.series[0]!.pages.map((p) => [p.name, p.title])).toEqual([
      ['Budgets and priorities', HEADLINE],
      ['A long mlops headline', 'A long mlops headline'],
    ]);
  });
});

describe("the dashboard's experiment heading and table", () => {
  it('sets the id line in the sans note style and caps the table at 45rem (720 px)', () => {
    const summary = summarise({ counts: [], days: [], leads: [], confirmationEmails: false, seriesIds: [] });
    const css = /<style[^>]*>([^]*?)<\/style>/.exec(adminPage(summary))![1]!;
    expect(css).toMatch(/\.admin \.sub\{[^}]*font-family:var\(--mt-font-body\)/);
    // The table has the page's width (it was capped at 45rem, wrapping "Sent a form" to three lines).
    expect(css).not.toContain('exp-wrap');
    expect(css).toContain('.admin .exp thead th{white-space:nowrap}');
  });
});

describe('the control, marked in every state (issue 22)', () => {
  it('names the first variant "control" before the decision too, in the table and in npm run stats', () => {
    // Counting has begun, no variant has its sample: "not yet", and no Difference column.
    const summary = summarise({
      counts: [countRow({ day: '2026-03-01', page: '/s/report/', event: 'view', count: 9 })],
      days: [],
      leads: [],
      confirmationEmails: false,
      seriesIds: ['s'],
      experiments: FORM_LENGTH,
      experimentReaders: [reader('view', 'full', 5), reader('view', 'short', 4)],
      today: '2026-03-02',
    });
    expect(summary.experiments[0]!.result.status).toBe('not yet');
    const table = adminPage(summary).match(/<table class="exp">[^]*?<\/table>/)![0];
    expect(table).toContain('<th scope="row">short <span class="control">(control)</span>');
    expect(table.match(/class="control"/g)).toHaveLength(1);
    const text = formatSummary(summary);
    expect(text).toContain('  short (control): short form (email, role and consent)\n');
    expect(text).toContain('  full: full form (name and company asked)\n');
  });
});

describe("a series with many pages, in the pages' table", () => {
  const day = '2026-03-05';
  // Eleven trends, the first bringing the most readers to the report.
  const counts: CountRow[] = Array.from({ length: 11 }, (_, i) => [
    countRow({ day, page: `/s/t${i + 1}/`, event: 'view', count: 100 }),
    countRow({ day, page: '/s/report/', event: 'report_reader', fromPage: `/s/t${i + 1}/`, count: 20 - i }),
  ]).flat();
  const html = adminPage(
    summarise({ counts: readersToo(counts), days: [], leads: [], confirmationEmails: false, seriesIds: ['s'] }),
  );
  const table = html.slice(html.indexOf('<table class="bypage">'), html.indexOf('</table>'));

  it('keeps every page in the table, and marks the pages past the top 5 to fold on a phone', () => {
    // 11 pages and the Total row.
    expect(table.match(/<tr(?: class="more")?><th scope="row">/g)).toHaveLength(12);
    expect(table.match(/<tr class="more"><th scope="row">/g)).toHaveLength(6);
    expect(table.indexOf('<tr class="more"><th scope="row">/s/t6/')).toBeGreaterThan(table.indexOf('/s/t5/'));
  });

  it('folds the rest in a <details> shown on a phone only, the top 5 and the Total above it', () => {
    const folded = html.slice(html.indexOf('<details class="bypage-more">'));
    expect(folded).toMatch(/^<details class="bypage-more"><summary>6 more pages<\/summary><table class="bypage">/);
    const rest = folded.slice(0, folded.indexOf('</details>'));
    expect(rest.match(/<tr><th scope="row">/g)).toHaveLength(6);
    expect(rest).toContain('/s/t11/');
    expect(rest).not.toContain('/s/t5/');
    const css = /<style[^>]*>([^]*?)<\/style>/.exec(html)![1]!;
    expect(css).toContain('.admin .bypage-more{display:none}');
    expect(css).toMatch(/@media \(max-width:40rem\)\{[^@]*\.admin \.bypage tr\.more\{display:none\}/);
    expect(css).toMatch(/@media \(max-width:40rem\)\{[^@]*\.admin \.bypage-more\{display:block\}/);
  });

  it('labels the Total with every page, since on a phone it sits above the fold', () => {
    expect(html).toContain('<tfoot><tr><th scope="row">Sum of all 11 pages</th>');
  });

  it('folds nothing for five pages or fewer', () => {
    const five = adminPage(
      summarise({
        counts: readersToo(counts.slice(0, 10)),
        days: [],
        leads: [],
        confirmationEmails: false,
        seriesIds: ['s'],
      }),
    );
    expect(five).not.toContain('<details class="bypage-more">');
    expect(five).toContain('<tfoot><tr><th scope="row">Sum of the pages</th>');
    expect(five).not.toContain('<tr class="more">');
  });
});

describe('the line under the pages table', () => {
  it('gives report-page views and forms sent in their own units, adding up to the funnel and the Total', () => {
    const row = (event: CountRow['event'], count: number, page: string, fromPage = '') =>
      countRow({ day: '2026-03-01', page, event, count, fromPage });
    const summary = summarise({
      counts: readersToo([
        row('view', 40, '/s/t/'),
        row('view', 20, '/s/report/', '/s/t/'),
        row('report_reader', 13, '/s/report/', '/s/t/'),
        row('submit', 13, '/s/report/', '/s/t/'),
        row('view', 87, '/s/report/'),
        row('submit', 12, '/s/report/'),
      ]),
      days: [],
      leads: [],
      confirmationEmails: false,
      seriesIds: ['s'],
    });
    const series = summary.series[0]!;
    const views = series.onReport.find((s) => s.event === 'view')!.views;
    const sent = series.onReport.find((s) => s.event === 'submit')!.count;
    expect([views, sent]).toEqual([107, 25]);
    expect(series.fromPages).toEqual({ reportViews: 20, formsSent: 13 });
    expect(series.elsewhere).toEqual({ reportViews: 87, formsSent: 12 });
    const line =
      'Report-page views: 20 by readers from these pages + 87 from elsewhere or not known = 107. Forms sent: 13 (the sum of the pages above) + 12 from elsewhere or not known = 25.';
    const html = adminPage(summary);
    // The Total's forms sent and the two sums of the funnel's steps are the numbers the line adds up.
    expect(html).toMatch(/<tfoot><tr><th scope="row">Sum of the pages<\/th>[^]*?data-label="Forms sent">13<\/td>/);
    expect(html).toMatch(
      /<li><span>Report-page readers<\/span><span class="n">107<\/span><span class="rate">107 views<\/span>/,
    );
    expect(html).toContain(line);
    expect(html).not.toContain('From elsewhere or not known:');
    expect(formatSummary(summary)).toContain(`    ${line}\n`);
  });
});

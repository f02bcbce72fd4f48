import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../src/integrations/browser.ts';
import { NO_SOURCE } from '../../src/gate/analytics/events.ts';
import { summarise } from '../../src/gate/analytics/summary.ts';
import { readSeries } from '../../src/lib/content/files.ts';
import { copyOfProject, edit } from '../build/project-copy.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * An experiment declared in a series' content (two form variants, the control with its own headline and call to action), on the
 * real server of a built copy of the project: both variants are assigned, a reader keeps theirs, the page
 * arrives already in its variant (the server renders it: no script changes it after), the variant goes with
 * the form into the lead, its CSV export and its webhook payload, and the stats give rates and intervals.
 */
const SERIES = 'ml-trends-2021';
const SHORT_HEADLINE = 'Budgets rose, and the hard problems sit between teams';
const SHORT_CTA = 'Send me the report';
const EXPERIMENT = `  experiment:
    id: form-length
    variants:
      - id: short
        form: short
        headline: ${SHORT_HEADLINE}
        cta: ${SHORT_CTA}
      - id: full
        form: full
    metric: submit/view
    sampleSize: 10
`;
let dir: string;
let server: RunningServer;
/** A reader the first test found in the `full` variant. */
let fullReader: number | undefined;

beforeAll(async () => {
  dir = copyOfProject();
  edit(dir, `content/series/${SERIES}/series.yaml`, (text) =>
    text.replace(/^( {2}fileName: .*\n)/m, (line) => `${line}${EXPERIMENT}`),
  );
  server = await startServer(
    {
      LEADS_WEBHOOK_URL: 'http://127.0.0.1:9/leads',
      LEADS_WEBHOOK_SECRET: 'webhook-secret-for-the-experiment-test-0123',
      TRUSTED_PROXIES: '127.0.0.1',
    },
    dir,
  );
}, 300_000);

afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The report page as one reader (a network and a browser) gets it. */
async function reportPage(reader: number, headers: Record<string, string> = {}) {
  const answer = await fetch(`${server.origin}/${SERIES}/report/`, {
    headers: {
      'User-Agent': `Mozilla/5.0 (X11; Linux x86_64) Reader/${reader}`,
      'X-Forwarded-For': `198.51.100.${reader % 250}`,
      ...headers,
    },
  });
  const html = await answer.text();
  return {
    html,
    variant: /data-variant="([^"]+)"/.exec(html)?.[1],
    headline: /<p class="claim"[^>]*>([^<]*)<\/p>/.exec(html)?.[1],
    profile: /name="profile" value="([^"]+)"/.exec(html)?.[1],
    formVariant: /name="variant" value="([^"]+)"/.exec(html)?.[1],
    /** The call to action: the form's submit button, as the server sent it. */
    button: /<button[^>]*data-submit[^>]*>\s*([^<]*?)\s*<\/button>/.exec(html)?.[1],
  };
}

describe('an experiment on the report page', () => {
  it('assigns both variants, keeps each reader in theirs, and serves the page already in it', async () => {
    const seen = new Map<string, number>();
    const { report } = readSeries(dir, SERIES);
    for (let reader = 1; reader <= 30; reader++) {
      const first = await reportPage(reader);
      const again = await reportPage(reader);
      expect(again.variant, `reader ${reader}`).toBe(first.variant);
      seen.set(first.variant!, (seen.get(first.variant!) ?? 0) + 1);
      expect(first.formVariant).toBe(first.variant);
      // A reader new to the report (no access cookie) is not welcomed back, whichever form their variant shows.
      expect(first.html, `reader ${reader}`).not.toContain('Welcome back');
      expect(first.html, `reader ${reader}`).not.toContain('second download');
      if (first.variant === 'short') {
        expect(first.headline).toBe(SHORT_HEADLINE);
        expect(first.button).toBe(SHORT_CTA);
        expect(first.profile).toBe('with-marketing');
      } else {
        fullReader ??= reader;
        expect(first.headline).toBe(report.headline);
        // The control keeps the page's own call to action.
        expect(first.button).toBe('Get the report');
        // The full form asks for name and company with the email.
        expect(first.profile).toBe('ask');
      }
    }
    expect([...seen.keys()].sort()).toEqual(['full', 'short']);
    expect(Math.min(...seen.values())).toBeGreaterThanOrEqual(5);
  });

  it('shows a new reader of the full form, sent without JavaScript and refused, no welcome back either', async () => {
    // A reader the first test served the full form (no more views here: the last test counts them).
    const reader = fullReader!;
    const { report } = readSeries(dir, SERIES);
    // The full form sent as a plain POST (no script) without name or company: the page again, with its errors.
    const refused = await fetch(`${server.origin}/${SERIES}/report/`, {
      method: 'POST',
      headers: {
        Origin: server.origin,
        'User-Agent': `Mozilla/5.0 (X11; Linux x86_64) Reader/${reader}`,
        'X-Forwarded-For': `198.51.100.${reader % 250}`,
      },
      body: new URLSearchParams({
        series: SERIES,
        consentVersion: report.consent.version,
        email: `full-${Date.now()}@analytical-engines.example`,
        jobRole: report.roles[0]!,
        consent: 'on',
        website: '',
        profile: 'ask',
        variant: 'full',
      }),
    });
    const html = await refused.text();
    expect(refused.status).toBe(400);
    expect(html).toContain('Enter your first name.');
    expect(html).toMatch(/name="profile" value="ask"/);
    expect(html).not.toContain('Welcome back');
    expect(html).not.toContain('second download');
  });

  it('shows the control to a reader with Global Privacy Control, and counts nothing of them', async () => {
    const page = await reportPage(201, { 'Sec-GPC': '1' });
    expect(page.variant).toBe('short');
  });

  it('keeps the variant with the lead, in the CSV and the webhook payload, and reports rates', async () => {
    let reader = 100;
    let page = await reportPage(reader);
    while (page.variant !== 'short') page = await reportPage(++reader);
    const { report } = readSeries(dir, SERIES);
    const email = `experiment-${Date.now()}@analytical-engines.example`;
    const sent = await fetch(`${server.origin}/${SERIES}/report/`, {
      method: 'POST',
      headers: {
        Origin: server.origin,
        'User-Agent': `Mozilla/5.0 (X11; Linux x86_64) Reader/${reader}`,
        'X-Forwarded-For': `198.51.100.${reader % 250}`,
      },
      body: new URLSearchParams({
        series: SERIES,
        consentVersion: report.consent.version,
        email,
        jobRole: report.roles[0]!,
        consent: 'on',
        website: '',
        profile: 'with-marketing',
        variant: 'short',
      }),
    });
    expect(sent.status).toBe(200);
    // The download of that lead's link is counted with the variant its form showed.
    const link = /href="(\/ml-trends-2021\/report\/download\/[^"]+)"/.exec(await sent.text())![1]!;
    const downloaded = await fetch(`${server.origin}${link}`, {
      headers: {
        'User-Agent': `Mozilla/5.0 (X11; Linux x86_64) Reader/${reader}`,
        'X-Forwarded-For': `198.51.100.${reader % 250}`,
      },
    });
    expect(downloaded.status).toBe(200);
    await downloaded.arrayBuffer();

    const store = await server.openStore();
    try {
      const lead = (await store.listLeads()).find((l) => l.email === email)!;
      expect((await store.listSubmissions(lead.id)).map((s) => s.variant)).toEqual(['short']);
      const [delivery] = (await store.listOutbox()).filter((row) => row.leadId === lead.id && row.topic === 'webhook');
      expect(delivery!.payload).toMatchObject({ type: 'lead.stored', submission: { variant: 'short' } });
    } finally {
      await store.close();
    }
    const env = { ...process.env, DATA_DIR: server.dataDir };
    const exported = spawnSync(process.execPath, [join(import.meta.dirname, '../../scripts/leads.ts'), 'export'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    expect(exported.status).toBe(0);
    // Each lead keeps its variant; until the experiment is decided, the export says not to tally them (stderr).
    expect(exported.stderr).toContain(
      `Experiment form-length on series ${SERIES} is not decided yet: do not tally these leads by latest_variant`,
    );
    const [header, ...rows] = exported.stdout.trim().split('\n');
    const column = header!.split(',').indexOf('latest_variant');
    expect(column).toBeGreaterThan(0);
    expect(rows.find((row) => row.includes(email))!.split(',')[column]).toBe('short');

    // The server writes its counts once a second.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const stats = JSON.parse(
      execFileSync(process.execPath, [join(import.meta.dirname, '../../scripts/stats.ts'), '--json'], {
        cwd: dir,
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ) as {
      experiments: {
        id: string;
        result: {
          status: string;
          variants: { id: string; trials: number; conversions: number; share: number | null; interval: unknown }[];
        };
      }[];
    };
    // Every variant reached its sample today: until the UTC day is over, views only, no rates.
    const [today] = stats.experiments;
    expect(today!.id).toBe('form-length');
    expect(today!.result.status).toBe('reached today');
    for (const v of today!.result.variants) expect([v.conversions, v.share]).toEqual([null, null]);
    const counted = await server.openStore();
    let stored: Awaited<ReturnType<typeof counted.analytics.readAnalytics>>;
    let readers: Awaited<ReturnType<typeof counted.analytics.readVariantReaders>>;
    try {
      stored = await counted.analytics.readAnalytics();
      readers = await counted.analytics.readVariantReaders(`/${SERIES}/report/`, [
        'form-length:full',
        'form-length:short',
      ]);
      const downloads = stored.counts.filter((c) => c.event === 'download');
      expect(downloads.map((c) => [c.variant, c.count])).toEqual([['form-length:short', 1]]);
    } finally {
      await counted.close();
    }
    // The next UTC day, the same stored counts give the decided result, with rates and intervals.
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const [experiment] = summarise({
      counts: stored.counts,
      experimentReaders: readers!,
      days: stored.days,
      leads: [],
      confirmationEmails: false,
      experiments: [{ series: SERIES, experiment: readSeries(dir, SERIES).report.experiment! }],
      seriesIds: [SERIES],
      today: tomorrow,
    }).experiments;
    expect(experiment!.result.variants.map((v) => v.trials)).toEqual(today!.result.variants.map((v) => v.trials));
    const short = experiment!.result.variants.find((v) => v.id === 'short')!;
    const full = experiment!.result.variants.find((v) => v.id === 'full')!;
    expect(short.conversions).toBe(1);
    expect(full.conversions).toBe(0);
    // Every GET of the report page above was a view of its variant (the GPC one was not counted); the first test's
    // 30 readers loaded it twice each: 60 views, but 30 readers, which the experiment decides on.
    expect(short.trials + full.trials).toBe(30 + (reader - 100 + 1));
    // Decided: the views per variant, which add up to all of them.
    const views = experiment!.views!.reduce((n, v) => n + v.views, 0);
    expect(experiment!.allViews).toBe(views);
    expect(views).toBe(60 + (reader - 100 + 1));
    expect(short.share).toBeCloseTo(1 / short.trials, 9);
    const interval = short.interval!;
    expect(interval.low).toBeLessThan(short.share!);
    expect(interval.high).toBeGreaterThan(short.share!);
    expect(interval.high).toBeLessThanOrEqual(1);
    expect(experiment!.result.status).toBe('decided');
  });
  it('counts the experiment over every day since its first, whatever period `npm run stats --since` asks', async () => {
    const DAY = 24 * 60 * 60 * 1000;
    const backDated = new Date(Date.now() - 20 * DAY).toISOString().slice(0, 10);
    const weekAgo = new Date(Date.now() - 6 * DAY).toISOString().slice(0, 10);
    const store = await server.openStore();
    try {
      // Report-page views of variant "full" 20 days ago: before the last 7 days, inside the experiment.
      await store.analytics.addCounts(
        [
          {
            day: backDated,
            page: `/${SERIES}/report/`,
            event: 'view',
            variant: 'form-length:full',
            fromPage: '',
            landing: false,
            ...NO_SOURCE,
            count: 5,
          },
        ],
        [],
        { maxSourcesPerDay: 10, maxVisitorsPerDay: 10 },
        // Their five readers, as the counter records them that day.
        [1, 2, 3, 4, 5].map((n) => ({
          day: backDated,
          page: `/${SERIES}/report/`,
          event: 'view' as const,
          variant: 'form-length:full',
          visitor: `reader-${n}`,
        })),
      );
    } finally {
      await store.close();
    }
    type Stats = {
      totals: { reportViews: number };
      experiments: { since: string | null; result: { variants: { id: string; trials: number }[] } }[];
    };
    const stats = (...args: string[]) =>
      JSON.parse(
        execFileSync(process.execPath, [join(import.meta.dirname, '../../scripts/stats.ts'), '--json', ...args], {
          cwd: dir,
          env: { ...process.env, DATA_DIR: server.dataDir },
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }),
      ) as Stats;
    const everything = stats('--all');
    const week = stats('--since', weekAgo);
    // The funnel follows the period: the back-dated views are not in the last 7 days.
    expect(everything.totals.reportViews - week.totals.reportViews).toBe(5);
    // The experiment does not: the same counts, from its first counted day.
    expect(week.experiments).toEqual(everything.experiments);
    expect(week.experiments[0]!.since).toBe(backDated);
  });
  // Last: its page views would change the counts the test above checks.
  it('paints each variant as the server sent it: in Chromium, no script changes the headline or the button', async () => {
    const { report } = readSeries(dir, SERIES);
    const browser = await chromium.launch({ executablePath: findChromium()!.path, args: CHROMIUM_ARGS });
    try {
      const seen = new Set<string>();
      for (let reader = 1; seen.size < 2 && reader <= 30; reader++) {
        const sent = await reportPage(reader);
        const context = await browser.newContext({
          userAgent: `Mozilla/5.0 (X11; Linux x86_64) Reader/${reader}`,
          extraHTTPHeaders: { 'X-Forwarded-For': `198.51.100.${reader % 250}` },
        });
        // From before the page's first byte: a change to the headline's or the button's text once the parser
        // put it there (the parser only adds nodes; a script swapping text removes or edits one).
        await context.addInitScript(() => {
          const changes: string[] = [];
          (window as unknown as { changes: string[] }).changes = changes;
          new MutationObserver((records) => {
            for (const record of records) {
              const node = record.target instanceof Element ? record.target : record.target.parentElement;
              if (!node?.closest('h1, .claim, [data-submit]')) continue;
              if (record.type === 'characterData' || record.removedNodes.length > 0) changes.push(record.type);
            }
          }).observe(document, { subtree: true, childList: true, characterData: true });
        });
        const page = await context.newPage();
        await page.goto(`${server.origin}/${SERIES}/report/`, { waitUntil: 'load' });
        await page.waitForTimeout(300);
        seen.add(sent.variant!);
        expect(await page.locator('[data-variant]').getAttribute('data-variant')).toBe(sent.variant);
        expect(await page.locator('p.claim').textContent()).toBe(
          sent.variant === 'short' ? SHORT_HEADLINE : report.headline,
        );
        expect((await page.locator('[data-submit]').textContent())?.trim()).toBe(
          sent.variant === 'short' ? SHORT_CTA : 'Get the report',
        );
        expect(await page.evaluate(() => (window as unknown as { changes: string[] }).changes)).toEqual([]);
        await context.close();
      }
      expect([...seen].sort()).toEqual(['full', 'short']);
    } finally {
      await browser.close();
    }
  });
});

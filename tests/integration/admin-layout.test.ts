import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../src/integrations/browser.ts';
import { dashboardPage } from '../../src/gate/admin/page.ts';
import { NO_SOURCE, variantKey, type CountRow } from '../../src/gate/analytics/events.ts';
import { summarise } from '../../src/gate/analytics/summary.ts';

/**
 * The dashboard's layout in Chromium, with the built site's own stylesheets: on a 390 px phone nothing is
 * wider than the screen (no sideways scrolling of the page, no cut-off columns), with long page titles,
 * large counts and an experiment whose results are ready, in the light theme and the dark one.
 */
const SERIES = 'ml-trends-2021';
const CLIENT = join(process.cwd(), 'dist/client');
let browser: Browser;
let html: string;
/** The dashboard of a series with eleven trends, each with readers to the report. */
let manyPages: string;

beforeAll(async () => {
  const home = readFileSync(join(CLIENT, 'index.html'), 'utf8');
  const stylesheets = [...home.matchAll(/<link rel="stylesheet" href="(\/_astro\/[^"]+\.css)">/g)].map((m) => m[1]!);
  const fontFaces = [...home.matchAll(/<style>([^<]*@font-face[^<]*)<\/style>/g)].map((m) => m[1]!).join('');
  const today = new Date().toISOString().slice(0, 10);
  // The experiment's sample was reached yesterday: its result is decided.
  const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const row = (page: string, event: CountRow['event'], count: number, source = NO_SOURCE, variant = ''): CountRow => ({
    day: variant === '' ? today : yesterday,
    page,
    event,
    variant,
    fromPage: '',
    // A view of a page other than the report page is a landing here; a report page's view is credited.
    landing: event === 'view' && page !== `/${SERIES}/report/`,
    ...source,
    count,
  });
  const report = `/${SERIES}/report/`;
  const counts: CountRow[] = [
    row(`/${SERIES}/`, 'view', 123_456),
    row(`/${SERIES}/`, 'cta_seen', 45_678),
    row(`/${SERIES}/a-very-long-trend-path-for-a-page/`, 'view', 98_765),
    row(`/${SERIES}/a-very-long-trend-path-for-a-page/`, 'cta_seen', 12_345),
    row(report, 'view', 23_456),
    row(report, 'form_start', 3_456),
    row(report, 'submit', 1_234),
    ...(['view', 'submit'] as const).map((event) =>
      row(report, event, event === 'view' ? 4_321 : 321, {
        referrer: 'a-rather-long-referring-site-name.news.ycombinator.com',
        utmSource: 'newsletter-of-the-quarter',
        utmMedium: 'email',
        utmCampaign: 'december-2026-series-launch',
      }),
    ),
    ...(['full', 'short'] as const).flatMap((v, i) => [
      row(report, 'view', 11_728, NO_SOURCE, variantKey('form-length', v)),
      row(report, 'submit', 600 + i * 34, NO_SOURCE, variantKey('form-length', v)),
    ]),
  ];
  // Each view a reader of its own (`page_reader`): the funnel's rates are of readers. Each reader of a page of the
  // series reads only that one (`series_reader`), and each who came from one to the report page reached it.
  const withReaders = (rows: typeof counts) => [
    ...rows,
    ...rows.filter((c) => c.event === 'view').map((c) => ({ ...c, event: 'page_reader' as const, landing: false })),
    ...rows
      .filter((c) => c.event === 'view' && c.page !== report && c.variant === '')
      .map((c) => ({ ...row(`/${SERIES}/`, 'series_reader', c.count), landing: false })),
    ...rows
      .filter((c) => c.event === 'report_reader')
      .map((c) => ({ ...row(report, 'reached_report', c.count), landing: false })),
  ];
  const summary = summarise({
    counts: withReaders(counts),
    // The experiment decides on readers: fewer than its views, as some reload.
    experimentReaders: counts
      .filter((c) => c.variant !== '' && (c.event === 'view' || c.event === 'submit'))
      .map((c) => ({
        day: c.day,
        page: c.page,
        event: c.event as 'view' | 'submit',
        variant: c.variant,
        readers: c.event === 'view' ? 10_500 : c.count,
      })),
    days: [{ day: today, visitors: 54_321, capped: false }],
    leads: [],
    confirmationEmails: true,
    seriesIds: [SERIES],
    experiments: [
      {
        series: SERIES,
        experiment: {
          id: 'form-length',
          variants: [{ id: 'full' }, { id: 'short', form: 'short' }],
          metric: 'submit/view',
          sampleSize: 1000,
        },
      },
    ],
    title: (page) =>
      // The longest trend title of the series: the one whose row wrapped at 1280 px before the pages' table.
      page.includes('long')
        ? 'Over half of respondents said infrastructure and operations leaders helped set ML priorities'
        : undefined,
    today,
  });
  expect(summary.experiments[0]!.result.status).toBe('decided');
  html = dashboardPage({
    summary,
    previous: summary.totals,
    period: { days: 30, from: yesterday, to: today, choices: [30, 7, 90], path: '/admin/' },
    site: { stylesheets, fontFaces },
    signOut: { action: '/admin/sign-out', formToken: 'token' },
  });
  const trends = Array.from({ length: 11 }, (_, i) => `/${SERIES}/trend-${i + 1}/`);
  manyPages = dashboardPage({
    summary: summarise({
      counts: withReaders(
        trends.flatMap((page, i) => [
          row(page, 'view', 100),
          { ...row(report, 'report_reader', 20 - i), fromPage: page },
        ]),
      ),
      days: [],
      leads: [],
      confirmationEmails: true,
      seriesIds: [SERIES],
      today,
    }),
    previous: null,
    period: { days: 30, from: yesterday, to: today, choices: [30, 7, 90], path: '/admin/' },
    site: { stylesheets, fontFaces },
    signOut: { action: '/admin/sign-out', formToken: 'token' },
  });
  browser = await chromium.launch({ executablePath: findChromium()!.path, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
});

const TYPES: Record<string, string> = { '.css': 'text/css', '.woff2': 'font/woff2', '.svg': 'image/svg+xml' };

describe('the dashboard on a phone', () => {
  it.each(['light', 'dark'])('is no wider than a 390 px screen, in the %s theme', async (theme) => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      // The site's own files, as the server serves them; the dashboard itself from memory.
      await page.route('http://dashboard.test/**', async (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/admin/')
          return route.fulfill({
            contentType: 'text/html',
            body: html.replace('<html lang="en">', `<html lang="en" data-theme="${theme}">`),
          });
        const file = join(CLIENT, path);
        return existsSync(file)
          ? route.fulfill({ contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) })
          : route.fulfill({ status: 404 });
      });
      await page.goto('http://dashboard.test/admin/');
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        // A block that scrolls sideways inside itself hides what is past its edge.
        cut: [...document.querySelectorAll('.scroll')]
          .filter((e) => e.scrollWidth > e.clientWidth + 1)
          .map((e) => e.querySelector('th')?.textContent),
        // No table is wider than the box it is in: every column, "Forms sent" included, is on the screen.
        wide: [...document.querySelectorAll('table')]
          .filter((t) => t.getBoundingClientRect().width > t.parentElement!.clientWidth + 0.5)
          .map((t) => t.querySelector('th')?.textContent),
      }));
      expect(widths.page).toBeLessThanOrEqual(390);
      expect(widths.cut).toEqual([]);
      expect(widths.wide).toEqual([]);
      // The experiment's numbers are all on the screen: rate and interval, and the difference.
      const text = await page.locator('.admin').innerText();
      expect(text).toMatch(/5\.7% 5\.\d to 6\.\d/);
      expect(text).toMatch(/\+0\.3\s+−?\d+\.\d to \+\d+\.\d/);
      // Each variant's interval as a bar, on the screen, at the width of the others: one axis for all.
      const bars = await page.evaluate(() =>
        [...document.querySelectorAll('.exp .ci')].map((svg) => {
          const box = svg.getBoundingClientRect();
          return { left: Math.round(box.left), width: Math.round(box.width), right: box.right };
        }),
      );
      expect(bars).toHaveLength(2);
      expect(bars[1]!.left).toBe(bars[0]!.left);
      expect(bars[1]!.width).toBe(bars[0]!.width);
      expect(bars[0]!.width).toBeGreaterThan(200);
      expect(bars[0]!.right).toBeLessThanOrEqual(390);
    } finally {
      await page.close();
    }
  });

  it('gives the decided experiment the page width at 1280 px: one-line heads, the verdict over the table', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.route('http://dashboard.test/**', async (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/admin/') return route.fulfill({ contentType: 'text/html', body: html });
        const file = join(CLIENT, path);
        return existsSync(file)
          ? route.fulfill({ contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) })
          : route.fulfill({ status: 404 });
      });
      await page.goto('http://dashboard.test/admin/');
      const layout = await page.evaluate(() => {
        const table = document.querySelector('table.exp')!;
        const main = document.querySelector('.admin')!;
        const verdict = document.querySelector('.verdict')!;
        return {
          // It was capped at 45rem (720 px) while half the page stood empty.
          table: table.getBoundingClientRect().width,
          main: main.getBoundingClientRect().width,
          heads: [...table.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect().height),
          verdictAbove: verdict.getBoundingClientRect().bottom <= table.getBoundingClientRect().top,
        };
      });
      expect(layout.table).toBeGreaterThan(layout.main * 0.9);
      // "Sent a form" wrapped to three lines: every head is one line now.
      expect(Math.max(...layout.heads)).toBeLessThan(Math.min(...layout.heads) * 1.3);
      expect(layout.verdictAbove).toBe(true);
    } finally {
      await page.close();
    }
  });

  it.each([390, 1280])('sets every text, notes and table keys included, at 15 px or more, at %i px', async (width) => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    try {
      await page.route('http://dashboard.test/**', async (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/admin/') return route.fulfill({ contentType: 'text/html', body: html });
        const file = join(CLIENT, path);
        return existsSync(file)
          ? route.fulfill({ contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) })
          : route.fulfill({ status: 404 });
      });
      await page.goto('http://dashboard.test/admin/');
      // Every element that holds text of its own, open or folded, with its rendered font size.
      const small = await page.evaluate(() =>
        [...document.querySelectorAll('.admin *')]
          .filter((e) => [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''))
          .map((e) => ({ text: e.textContent.trim().slice(0, 40), size: parseFloat(getComputedStyle(e).fontSize) }))
          .filter((e) => e.size < 15),
      );
      expect(small).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it.each([
    [390, [2, 2, 2]],
    [700, [3, 3]],
    [1280, [6]],
  ])('sets the six key numbers at %i px in rows of %j: none alone on a row', async (width, rows) => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    try {
      await page.route('http://dashboard.test/**', async (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/admin/') return route.fulfill({ contentType: 'text/html', body: html });
        const file = join(CLIENT, path);
        return existsSync(file)
          ? route.fulfill({ contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) })
          : route.fulfill({ status: 404 });
      });
      await page.goto('http://dashboard.test/admin/');
      const tops = await page.evaluate(() =>
        [...document.querySelectorAll('.kpis > div')].map((d) => Math.round(d.getBoundingClientRect().top)),
      );
      const perRow = [...new Set(tops)].map((top) => tops.filter((t) => t === top).length);
      expect(perRow).toEqual(rows);
    } finally {
      await page.close();
    }
  });

  it.each([390, 1280])(
    "sets the pages' table at %i px: one line a row at 1280, labelled blocks at 390",
    async (width) => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      try {
        await page.route('http://dashboard.test/**', async (route) => {
          const path = new URL(route.request().url()).pathname;
          if (path === '/admin/') return route.fulfill({ contentType: 'text/html', body: html });
          const file = join(CLIENT, path);
          return existsSync(file)
            ? route.fulfill({
                contentType: TYPES[extname(file)] ?? 'application/octet-stream',
                body: readFileSync(file),
              })
            : route.fulfill({ status: 404 });
        });
        await page.goto('http://dashboard.test/admin/');
        const rows = await page.evaluate(() =>
          [...document.querySelectorAll('.bypage tbody tr, .bypage tfoot tr')].map((tr) => ({
            height: tr.getBoundingClientRect().height,
            display: getComputedStyle(tr).display,
            right: Math.max(...[...tr.children].map((c) => c.getBoundingClientRect().right)),
          })),
        );
        expect(rows.length).toBe(3);
        if (width === 1280) {
          // Every row, the longest title's included, one line high as the Total row (bold, a little taller).
          for (const row of rows) expect(row.height).toBeLessThan(rows.at(-1)!.height * 1.3);
        } else {
          // A block per page, its numbers labelled, nothing past the screen's edge.
          for (const row of rows) {
            expect(row.display).toBe('block');
            expect(row.right).toBeLessThanOrEqual(width);
          }
          const label = await page
            .locator('.bypage tbody td[data-label="To report"]')
            .first()
            .evaluate((td) => getComputedStyle(td, '::before').content);
          expect(label).toBe('"To report: "');
        }
      } finally {
        await page.close();
      }
    },
  );
  it.each([390, 1280])(
    'sets 11 pages at %i px: the top 5 on a phone, the rest folded; every row when wide',
    async (width) => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      try {
        await page.route('http://dashboard.test/**', async (route) => {
          const path = new URL(route.request().url()).pathname;
          if (path === '/admin/') return route.fulfill({ contentType: 'text/html', body: manyPages });
          const file = join(CLIENT, path);
          return existsSync(file)
            ? route.fulfill({
                contentType: TYPES[extname(file)] ?? 'application/octet-stream',
                body: readFileSync(file),
              })
            : route.fulfill({ status: 404 });
        });
        await page.goto('http://dashboard.test/admin/');
        // The page names in the series' table shown to the reader, Total included.
        const shown = () =>
          page.evaluate(() =>
            [...document.querySelectorAll('.bypage th[scope="row"]')]
              .filter((th) => (th as HTMLElement).checkVisibility())
              .map((th) => th.textContent),
          );
        const more = page.getByText('6 more pages');
        if (width === 1280) {
          expect(await shown()).toHaveLength(12);
          await expect.poll(() => more.isVisible()).toBe(false);
          return;
        }
        const top = await shown();
        expect(top).toHaveLength(6);
        // Above the fold on a phone, the Total says it counts every page, folded ones included.
        expect(top.at(-1)).toBe('Sum of all 11 pages');
        expect(await more.isVisible()).toBe(true);
        await more.click();
        const all = await shown();
        expect(all).toHaveLength(12);
        expect(new Set(all).size).toBe(12);
      } finally {
        await page.close();
      }
    },
  );
});

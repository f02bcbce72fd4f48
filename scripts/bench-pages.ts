/**
 * `npm run bench:pages`: starts the production server (`scripts/start.ts`, which builds first when the
 * sources are newer than the build; `--build` forces it) on a free port, then runs Lighthouse with its
 * mobile defaults, 3 runs each, over every page type in the light and the dark theme, and prints the
 * median of each category score, LCP, TBT, CLS and the bytes transferred by the load (the reader has
 * not scrolled yet). Audits that cost a page points are listed under the table.
 *
 * The dark theme is the browser's own: Chromium runs with `--force-dark-mode`, so the page sees
 * `prefers-color-scheme: dark` as a reader's would (checked before each theme's runs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import lighthouse, { type Result } from 'lighthouse';
import puppeteer, { type Browser } from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium, INSTALL_HELP } from '../src/integrations/browser.ts';
import { readSummaries } from '../src/lib/content/summaries.ts';
import { startServer } from '../tests/integration/server.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const THEMES = { light: [], dark: ['--force-dark-mode'] } as const;
const root = process.cwd();
const client = join(root, 'dist/client');

/**
 * The page types of the newest series (or of `BENCH_SERIES`, e.g. the demonstration series with its segment
 * lens): the trends with the most and the fewest figures come from the build.
 */
function pageTypes(): { name: string; path: string }[] {
  const { summaries } = readSummaries(root, false);
  const wanted = process.env.BENCH_SERIES;
  const series = wanted ? summaries.find((s) => s.id === wanted) : summaries[0];
  if (wanted && !series) throw new Error(`BENCH_SERIES: no series "${wanted}" under content/series/.`);
  if (!series) throw new Error('No series under content/series/: nothing to measure.');
  const trends = readdirSync(join(client, series.id), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(client, series.id, d.name, 'index.html')))
    .map((d) => {
      const html = readFileSync(join(client, series.id, d.name, 'index.html'), 'utf8');
      return {
        path: `${series.href}${d.name}/`,
        figures: html.match(/<figure\b/g)?.length ?? 0,
        trend: /data-pagefind-body/.test(html),
      };
    })
    .filter((t) => t.trend)
    .sort((a, b) => b.figures - a.figures || a.path.localeCompare(b.path));
  const most = trends[0]!;
  const fewest = trends.at(-1)!;
  return [
    { name: 'home', path: '/' },
    { name: 'series index', path: series.href },
    { name: `trend, ${most.figures} figures`, path: most.path },
    {
      name: fewest.figures === 0 ? 'trend, no figure' : `trend, fewest (${fewest.figures}) figures`,
      path: fewest.path,
    },
    { name: 'report', path: `${series.href}report/` },
  ];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * One Lighthouse run in a fresh tab of `browser`. A run Lighthouse itself gives up on (a trace it failed
 * to record, such as NO_NAVSTART on a busy machine) is tried again, twice at most, and said so.
 */
async function run(browser: Browser, url: string, attempt = 1): Promise<Result> {
  try {
    return await runOnce(browser, url);
  } catch (error) {
    if (attempt >= 3 || !(error instanceof LighthouseRuntimeError)) throw error;
    console.log(`  ${error.message}: trying again`);
    return run(browser, url, attempt + 1);
  }
}

class LighthouseRuntimeError extends Error {}

async function runOnce(browser: Browser, url: string): Promise<Result> {
  const page = await browser.newPage();
  try {
    const result = await lighthouse(
      url,
      { output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] },
      undefined,
      page,
    );
    if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
    if (result.lhr.runtimeError)
      throw new LighthouseRuntimeError(`Lighthouse failed on ${url}: ${result.lhr.runtimeError.message}`);
    return result.lhr;
  } finally {
    await page.close();
  }
}

/** Bytes a mobile reader's browser transfers for `url` by the time it has scrolled to the end. */
async function scrolledBytes(browser: Browser, url: string): Promise<number> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
    await page.setCacheEnabled(false);
    const cdp = await page.createCDPSession();
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event) => (bytes += event.encodedDataLength));
    await cdp.send('Network.enable');
    await page.goto(url, { waitUntil: 'networkidle0' });
    await page.evaluate(async () => {
      for (let y = 0; y <= document.body.scrollHeight; y += 400) {
        window.scrollTo(0, y);
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
    });
    await page.waitForNetworkIdle({ idleTime: 300 });
    return bytes;
  } finally {
    await page.close();
  }
}

/** The audits that cost points, over all runs: "category: audit title" to the value of each run that lost. */
function losses(results: Result[]): Map<string, string[]> {
  const lost = new Map<string, string[]>();
  for (const lhr of results) {
    for (const id of CATEGORIES) {
      for (const ref of lhr.categories[id]!.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight === 0 || !audit || (audit.score ?? 1) >= 1) continue;
        const key = `${id}: ${audit.title}`;
        lost.set(key, [...(lost.get(key) ?? []), audit.displayValue ?? String(audit.score)]);
      }
    }
  }
  return lost;
}

const browserPath = findChromium();
if (!browserPath) {
  console.error(INSTALL_HELP);
  process.exit(1);
}
// Its own empty data directory: a benchmark touches no real leads.
const server = await startServer({}, process.cwd(), {
  ...(process.env.BENCH_PORT ? { port: Number(process.env.BENCH_PORT) } : {}),
  args: process.argv.includes('--build') ? ['--build'] : [],
});
const rows: string[][] = [];
const notes = new Map<string, Map<string, string[]>>();
const benchmarks: number[] = [];
try {
  const pages = pageTypes();
  for (const [theme, flags] of Object.entries(THEMES)) {
    const browser = await puppeteer.launch({
      executablePath: browserPath.path,
      args: [...CHROMIUM_ARGS, '--headless=new', ...flags],
    });
    try {
      const probe = await browser.newPage();
      const dark = await probe.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
      await probe.close();
      if (dark !== (theme === 'dark')) throw new Error(`Chromium did not switch to the ${theme} theme.`);
      for (const { name, path } of pages) {
        const results: Result[] = [];
        for (let i = 0; i < RUNS; i++) results.push(await run(browser, `${server.origin}${path}`));
        const m = (pick: (lhr: Result) => number) => median(results.map(pick));
        const audit = (id: string) => (lhr: Result) => lhr.audits[id]?.numericValue ?? NaN;
        rows.push([
          name,
          theme,
          ...CATEGORIES.map((id) => String(Math.round(m((lhr) => (lhr.categories[id]?.score ?? 0) * 100)))),
          `${Math.round(m(audit('largest-contentful-paint')))}`,
          `${Math.round(m(audit('total-blocking-time')))}`,
          m(audit('cumulative-layout-shift')).toFixed(3),
          (m(audit('total-byte-weight')) / 1024).toFixed(1),
          ((await scrolledBytes(browser, `${server.origin}${path}`)) / 1024).toFixed(1),
        ]);
        benchmarks.push(...results.map((lhr) => lhr.environment.benchmarkIndex));
        const lost = losses(results);
        if (lost.size > 0) notes.set(`${name} (${theme})`, lost);
        console.error(`measured ${name} (${theme})`);
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.stop();
}

const header = ['page', 'theme', 'perf', 'a11y', 'best pr.', 'SEO', 'LCP ms', 'TBT ms', 'CLS', 'KB load', 'KB read'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`\nLighthouse ${lighthouseVersion()}, mobile defaults, median of ${RUNS} runs`);
console.log(
  `(this machine's Lighthouse benchmark index: ${Math.round(median(benchmarks))}; a shared, busy CPU inflates TBT)`,
);
console.log('KB load: transferred before the reader scrolls; KB read: transferred, cold, once scrolled to the end.\n');
console.log(line(header));
rows.forEach((row) => console.log(line(row)));
for (const [page, lost] of notes) {
  console.log(
    `\n${page} lost points in ${lost.size === 1 ? 'one audit' : `${lost.size} audits`} (value in each run that lost):`,
  );
  for (const [audit, values] of lost) console.log(`  ${audit}: ${values.join(', ')}`);
}
if (notes.size === 0) console.log('\nNo audit cost any page a point.');

function lighthouseVersion(): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules/lighthouse/package.json'), 'utf8')) as { version: string })
    .version;
}

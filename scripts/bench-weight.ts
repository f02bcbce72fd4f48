/**
 * `npm run bench:weight`: builds the site, then prints for every page the bytes of HTML, CSS and JS (raw
 * and gzip), and the JavaScript a real Chromium loads before and after scrolling through the page.
 * Budget: all JS of a page at most 50 KB gzip, and no chart code before a figure nears the viewport.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, INSTALL_HELP } from '../src/integrations/browser.ts';
import { startServer } from '../tests/integration/server.ts';

const BUDGET_GZIP = 50 * 1024;
const port = Number(process.env.BENCH_PORT ?? 4395);
const client = join(process.cwd(), 'dist/client');

const gz = (bytes: Buffer | string) => gzipSync(bytes).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)}`;

function htmlPages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlPages(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

const browserPath = findChromium();
if (!browserPath) {
  console.error(INSTALL_HELP);
  process.exit(1);
}
// Forcing a build, with its own empty data directory: a benchmark touches no real leads.
const server = await startServer({}, process.cwd(), { port, args: ['--build'] });
const browser = await chromium.launch({ executablePath: browserPath.path, args: CHROMIUM_ARGS });

const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 720 } } as const;

interface Loaded {
  /** gzip bytes of every script, by URL, once the page was scrolled to the end. */
  scripts: Map<string, number>;
  before: number;
  after: number;
  chartBefore: number;
  /** A figure within 300 px of the first screen: its chart may load at once, by design. */
  figureNear: boolean;
  status: number;
}

/** Loads a page in Chromium, then scrolls to the end, recording the scripts it fetches. */
async function measure(url: string, viewport: { width: number; height: number }): Promise<Loaded> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const scripts = new Map<string, number>();
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    void response.body().then((body) => scripts.set(response.url(), gz(body)));
  });
  const response = await page.goto(url);
  await page.waitForLoadState('networkidle');
  const sum = (filter: (url: string) => boolean) =>
    [...scripts].filter(([u]) => filter(u)).reduce((s, [, n]) => s + n, 0);
  const before = sum(() => true);
  const chartBefore = sum((u) => u.includes('chart-draw'));
  const figureNear = await page.evaluate(() =>
    [...document.querySelectorAll('[data-chart-box]')].some(
      (box) => box.getBoundingClientRect().top < innerHeight + 300,
    ),
  );
  await page.evaluate(async () => {
    for (let y = 0; y <= document.body.scrollHeight; y += 400) {
      window.scrollTo(0, y);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
  });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await context.close();
  return { scripts, before, after: sum(() => true), chartBefore, figureNear, status: response?.status() ?? 0 };
}

interface Row {
  page: string;
  html: [number, number];
  css: [number, number];
  js: [number, number];
  phone: Loaded;
  desktop: Loaded;
}
const rows: Row[] = [];
try {
  // Every prerendered page, plus the on-demand report pages, whose HTML comes from the server.
  const pages = htmlPages(client)
    .sort()
    .map((file) => ({
      path: `/${relative(client, file)
        .replace(/index\.html$/, '')
        .replace(/\.html$/, '/')}`.replace(/\/+/g, '/'),
      html: () => Promise.resolve(readFileSync(file)),
    }));
  for (const series of readdirSync(client).filter(
    (name) => statSync(join(client, name)).isDirectory() && name !== '_astro',
  )) {
    const path = `/${series}/report/`;
    pages.push({
      path,
      html: async () => Buffer.from(await (await fetch(`${server.origin}${path}`)).arrayBuffer()),
    });
  }
  for (const { path, html: load } of pages) {
    const html = await load();
    const text = html.toString();
    const inlineCss = [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!).join('');
    const cssFiles = [...text.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) =>
      readFileSync(join(client, m[1]!)),
    );
    const css = Buffer.concat([Buffer.from(inlineCss), ...cssFiles]);
    const url = `${server.origin}${path === '/404/' ? '/no-such-page/' : path}`;
    const phone = await measure(url, VIEWPORTS.phone);
    const desktop = await measure(url, VIEWPORTS.desktop);
    const jsRaw = await Promise.all(
      [...phone.scripts.keys()].map(async (u) => (await (await fetch(u)).arrayBuffer()).byteLength),
    );
    rows.push({
      page: `${path}${phone.status !== 200 ? ` (${phone.status})` : ''}`,
      html: [html.length, gz(html)],
      css: [css.length, gz(css)],
      js: [jsRaw.reduce((s, n) => s + n, 0), [...phone.scripts.values()].reduce((s, n) => s + n, 0)],
      phone,
      desktop,
    });
  }
} finally {
  await browser.close();
  await server.stop();
}

const near = (l: Loaded) => (l.chartBefore > 0 && l.figureNear ? '*' : '');
const header = [
  'page',
  'HTML raw/gz',
  'CSS raw/gz',
  'JS raw/gz',
  'phone JS gz before/after scroll',
  'desktop JS gz before/after scroll',
];
const table = rows.map((r) => [
  r.page,
  `${kb(r.html[0])} / ${kb(r.html[1])}`,
  `${kb(r.css[0])} / ${kb(r.css[1])}`,
  `${kb(r.js[0])} / ${kb(r.js[1])}`,
  `${kb(r.phone.before)}${near(r.phone)} / ${kb(r.phone.after)}`,
  `${kb(r.desktop.before)}${near(r.desktop)} / ${kb(r.desktop.after)}`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(
  `\nAll sizes in KB (1024 bytes); phone ${VIEWPORTS.phone.width}x${VIEWPORTS.phone.height}, desktop ${VIEWPORTS.desktop.width}x${VIEWPORTS.desktop.height}.`,
);
console.log(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
for (const row of table) console.log(line(row));
console.log('* a figure lies within 300 px of the first screen, so its chart loads at once, as designed.');

const loads = rows.flatMap((r) => [
  { page: r.page, viewport: 'phone', ...r.phone },
  { page: r.page, viewport: 'desktop', ...r.desktop },
]);
const heaviest = loads.reduce((a, b) => (b.after > a.after ? b : a));
const chartEarly = loads.filter((l) => l.chartBefore > 0 && !l.figureNear);
console.log(
  `\nHeaviest JS after scrolling: ${kb(heaviest.after)} KB gzip on ${heaviest.page} (${heaviest.viewport}); budget ${kb(BUDGET_GZIP)} KB.`,
);
console.log(
  `Chart code loaded while no figure was near: ${chartEarly.length === 0 ? 'never' : chartEarly.map((l) => `${l.page} (${l.viewport})`).join(', ')}.`,
);
if (heaviest.after > BUDGET_GZIP || chartEarly.length > 0) {
  console.log('Over budget.');
  process.exitCode = 1;
} else console.log('Within budget.');

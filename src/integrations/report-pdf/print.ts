/**
 * Prints one series' report: loads the prerendered print page in headless Chromium, prints it (tagged,
 * with bookmarks), fills the contents' page numbers from the bookmarks and prints again, and sets the
 * document metadata. Loaded by `reports.ts` only when a report has to be printed: Playwright and pdf-lib
 * take about 0.4 s to load, which a build that copies its reports from the cache does not spend.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ReportManifestEntry } from '../../lib/report-manifest.ts';
import { PRINT_FONT_PATH, PRINT_FONTS } from '../../styles/print-fonts.ts';
import { CHROMIUM_ARGS, playwrightChromium } from '../browser.ts';
import { loadPdf, outlineOf, setMetadata, squash, type OutlineEntry } from './pdf-outline.ts';
import type { ReportMeta } from './reports.ts';

const ORIGIN = 'http://report.invalid';
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves the built client files to the page without a server, and the print fonts (`PRINT_FONT_PATH`) from
 * the project's node_modules; scripts are not needed to print.
 */
async function serveFrom(page: Page, clientDir: string, root: string): Promise<void> {
  const require = createRequire(join(root, 'package.json'));
  const fonts = new Set<string>(PRINT_FONTS.map((font) => font.file));
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname);
    if (path.startsWith(PRINT_FONT_PATH)) {
      const font = path.slice(PRINT_FONT_PATH.length);
      if (!fonts.has(font)) return route.abort();
      return route.fulfill({ body: readFileSync(require.resolve(font)), contentType: 'font/woff2' });
    }
    const file = join(clientDir, path.endsWith('/') ? `${path}index.html` : path);
    if (extname(file) === '.js' || !file.startsWith(clientDir) || !existsSync(file)) return route.abort();
    await route.fulfill({ body: readFileSync(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
  });
}

/** Page of each bookmark, by its title without spaces; the first bookmark of a title wins. */
function pagesByTitle(outline: OutlineEntry[]): Record<string, number> {
  const pages: Record<string, number> = {};
  for (const entry of outline) pages[squash(entry.title)] ??= entry.page;
  return pages;
}

/** Prints the page as it is: running heads and page numbers are the page's own (CSS page-margin boxes). */
async function print(page: Page): Promise<Buffer> {
  return page.pdf({
    format: 'A4',
    preferCSSPageSize: true,
    printBackground: true,
    tagged: true,
    outline: true,
  });
}

/** Writes each contents entry's page, found by its chapter heading among the PDF's bookmarks. */
async function fillContents(page: Page, outline: OutlineEntry[]): Promise<{ title: string; page: number }[]> {
  const pages = pagesByTitle(outline);
  const filled = await page.evaluate((byTitle) => {
    const rows: { title: string; page: number | null }[] = [];
    for (const slot of document.querySelectorAll<HTMLElement>('[data-toc-for]')) {
      const heading = document.getElementById(slot.dataset.tocFor ?? '')?.querySelector('h2');
      const title = heading?.textContent?.trim() ?? '';
      const number = byTitle[title.replace(/\s+/g, '')] ?? null;
      slot.textContent = number === null ? '' : String(number);
      rows.push({ title, page: number });
    }
    return rows;
  }, pages);
  const missing = filled.filter((row) => row.page === null);
  if (missing.length > 0)
    throw new Error(`Report contents: no bookmark for ${missing.map((m) => `"${m.title}"`).join(', ')}`);
  return filled as { title: string; page: number }[];
}

/** Runs one printing pass, logging its seconds and, every 15 s while it runs, that it is still going. */
async function timed<T>(log: (line: string) => void, label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  log(`${label}...`);
  const ticker = setInterval(() => log(`${label}: still printing (${seconds()} s)`), 15_000);
  try {
    return await work();
  } finally {
    clearInterval(ticker);
  }
}

interface ReportMetaWithId extends ReportMeta {
  id: string;
}

/** Starts the Chromium at `executablePath` to print with. */
export function launchPrinter(executablePath: string): Promise<Browser> {
  return playwrightChromium().launch({ executablePath, args: CHROMIUM_ARGS });
}

/** Prints one series' report in two passes, numbering its contents, and sets its metadata: the bytes and entry. */
export async function printReport(
  browser: Browser,
  clientDir: string,
  meta: ReportMetaWithId,
  log: (line: string) => void,
  root: string,
): Promise<{ bytes: Uint8Array; entry: ReportManifestEntry }> {
  const { id } = meta;
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  const page = await browser.newPage();
  await serveFrom(page, clientDir, root);
  await page.goto(`${ORIGIN}/${id}/report/print/`, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // The headings as the page writes them: the bookmarks' titles are repaired against them.
  const headings = await page.evaluate(() =>
    [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) =>
      (h.textContent ?? '').replace(/\s+/g, ' ').trim(),
    ),
  );
  const draft = outlineOf(await loadPdf(await timed(log, `${id}: pass 1 of 2 (layout)`, () => print(page)), headings));
  const contents = await fillContents(page, draft.entries);
  log(`${id}: pass 1 of 2 done: ${draft.pageCount} pages, contents numbered (${seconds()} s)`);
  const doc = await loadPdf(await timed(log, `${id}: pass 2 of 2 (final)`, () => print(page)), headings);
  const final = outlineOf(doc);
  const finalPages = pagesByTitle(final.entries);
  const moved = contents.find((row) => finalPages[squash(row.title)] !== row.page);
  if (final.pageCount !== draft.pageCount || moved) {
    throw new Error(`Report ${id}: the page numbers changed between passes (${moved?.title ?? 'page count'})`);
  }
  await page.close();
  log(`${id}: pass 2 of 2 done: ${final.pageCount} pages (${seconds()} s)`);
  const generatedAt = new Date();
  const bytes = await setMetadata(
    doc,
    {
      title: meta.title,
      author: meta.author,
      subject: meta.subtitle,
      language: meta.language,
      keywords: meta.keywords,
      creator: meta.creator,
    },
    generatedAt,
  );
  const entry: ReportManifestEntry = {
    series: id,
    file: `${id}.pdf`,
    fileName: meta.fileName,
    title: meta.title,
    pages: final.pageCount,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    generatedAt: generatedAt.toISOString(),
    contents,
  };
  return { bytes, entry };
}

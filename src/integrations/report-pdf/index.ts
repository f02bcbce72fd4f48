/**
 * Prints each series' report to PDF at the end of `astro build`: loads the prerendered print page in
 * headless Chromium, prints it (tagged, with bookmarks), fills the contents' page numbers from the
 * bookmarks and prints again, sets the document metadata, then moves the PDF and its print page to
 * `dist/report/`, outside everything a static host serves.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { readSeries, readSite } from '../../lib/content/files.ts';
import { MANIFEST_FILE, type ReportManifestEntry } from '../../lib/report-manifest.ts';
import { CHROMIUM_ARGS, findChromium, INSTALL_HELP } from '../browser.ts';
import { readOutline, setMetadata, type OutlineEntry } from './pdf-outline.ts';

export interface ReportMeta {
  title: string;
  subtitle: string;
  author: string;
  language: string;
  fileName: string;
  /** PDF keywords and creator, from the site configuration. */
  keywords: string[];
  creator: string;
}

const ORIGIN = 'http://report.invalid';
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves the built client files to the page without a server; scripts are not needed to print. */
async function serveFrom(page: Page, clientDir: string): Promise<void> {
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname);
    const file = join(clientDir, path.endsWith('/') ? `${path}index.html` : path);
    if (extname(file) === '.js' || !file.startsWith(clientDir) || !existsSync(file)) return route.abort();
    await route.fulfill({ body: readFileSync(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
  });
}

/** Writes under a temporary name, then renames: a server reading the file sees the old or the new one, whole. */
function writeAtomically(path: string, data: string | Uint8Array): void {
  const draft = `${path}.${process.pid}.tmp`;
  writeFileSync(draft, data);
  renameSync(draft, path);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Bookmark titles lose the spaces where a heading wrapped, so titles are compared without spaces. */
const squash = (text: string) => text.replace(/\s+/g, '');

/** Page of each bookmark, by its title without spaces; the first bookmark of a title wins. */
function pagesByTitle(outline: OutlineEntry[]): Record<string, number> {
  const pages: Record<string, number> = {};
  for (const entry of outline) pages[squash(entry.title)] ??= entry.page;
  return pages;
}

async function print(page: Page, footer: string): Promise<Buffer> {
  return page.pdf({
    format: 'A4',
    preferCSSPageSize: true,
    printBackground: true,
    tagged: true,
    outline: true,
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: `<div style="width:100%;padding:0 18mm;font:8px system-ui,sans-serif;color:#4f5b66;display:flex;justify-content:space-between"><span>${escapeHtml(footer)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
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

export async function buildReports(options: {
  clientDir: string;
  outDir: string;
  meta: (series: string) => Promise<ReportMeta> | ReportMeta;
  log: (line: string) => void;
}): Promise<ReportManifestEntry[]> {
  const { clientDir, outDir, log } = options;
  const series = readdirSync(clientDir).filter((name) => existsSync(join(clientDir, name, 'report/print/index.html')));
  if (series.length === 0) return [];
  const found = findChromium();
  if (!found) throw new Error(`The report PDF is printed with Chromium at build time.\n${INSTALL_HELP}`);
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
  const manifest: ReportManifestEntry[] = [];
  try {
    for (const id of series) {
      const meta = await options.meta(id);
      const started = Date.now();
      log(`${id}: printing the report with ${found.path} (pass 1 of 2: layout)`);
      const page = await browser.newPage();
      await serveFrom(page, clientDir);
      await page.goto(`${ORIGIN}/${id}/report/print/`, { waitUntil: 'load' });
      const draft = await readOutline(await print(page, meta.title));
      const contents = await fillContents(page, draft.entries);
      log(`${id}: pass 2 of 2: ${draft.pageCount} pages, contents numbered`);
      const printed = await print(page, meta.title);
      const final = await readOutline(printed);
      const finalPages = pagesByTitle(final.entries);
      const moved = contents.find((row) => finalPages[squash(row.title)] !== row.page);
      if (final.pageCount !== draft.pageCount || moved) {
        throw new Error(`Report ${id}: the page numbers changed between passes (${moved?.title ?? 'page count'})`);
      }
      await page.close();
      const generatedAt = new Date();
      const bytes = await setMetadata(
        printed,
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
      const file = `${id}.pdf`;
      writeAtomically(join(outDir, file), bytes);
      renameSync(join(clientDir, id, 'report/print/index.html'), join(outDir, `${id}.print.html`));
      rmSync(join(clientDir, id, 'report/print'), { recursive: true, force: true });
      manifest.push({
        series: id,
        file,
        fileName: meta.fileName,
        title: meta.title,
        pages: final.pageCount,
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        generatedAt: generatedAt.toISOString(),
        contents,
      });
      log(
        `${id}: ${final.pageCount} pages, ${(bytes.length / 1024).toFixed(0)} KB -> dist/report/${file} (${Date.now() - started} ms)`,
      );
    }
  } finally {
    await browser.close();
  }
  writeAtomically(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The Astro integration: prints every series' report when the build is done. */
export function reportPdf(): AstroIntegration {
  return {
    name: 'report-pdf',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = process.cwd();
        await buildReports({
          clientDir: fileURLToPath(dir),
          outDir: fileURLToPath(new URL('../report/', dir)),
          log: (line) => logger.info(line),
          meta: (id) => {
            const series = readSeries(root, id);
            const site = readSite(root);
            return {
              keywords: [id, ...site.keywords],
              creator: `${site.name} series generator`,
              title: series.report.title,
              subtitle: series.report.subtitle,
              author: series.author,
              language: series.language,
              fileName: series.report.fileName,
            };
          },
        });
      },
    },
  };
}

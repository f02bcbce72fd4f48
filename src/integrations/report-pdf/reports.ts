/**
 * The report PDFs at the end of `astro build`: for each series with a print page, copies its report from
 * `.astro/report-cache/` when nothing it depends on changed, else typesets it with Typst (`typst/`), then
 * moves the PDF and its print page to `dist/report/`, outside everything a static host serves.
 * `REPORT_PDF=off` makes none.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, type ReportManifestEntry } from '../../lib/report-manifest.ts';
import { writeWhole } from '../built-files.ts';
import { reportCache, reportKey } from './cache.ts';
import { loadPdf, outlineOf, relativeLinks } from './pdf-outline.ts';
import {
  clearPreviews,
  MAX_PREVIEW_PAGES,
  documentInk,
  planPreviews,
  previewDir,
  previewsEntry,
  renderPreviews,
} from './typst/previews.ts';

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

/** Moves a series' print page out of the public output, next to its PDF. */
function movePrintPage(clientDir: string, outDir: string, id: string): void {
  renameSync(join(clientDir, id, 'report/print/index.html'), join(outDir, `${id}.print.html`));
  rmSync(join(clientDir, id, 'report/print'), { recursive: true, force: true });
}

/** Typesets one report: its bytes and manifest entry, with the contents (parts and chapters) from its bookmarks. */
async function typeset(
  clientDir: string,
  root: string,
  id: string,
  meta: ReportMeta,
  log: (line: string) => void,
): Promise<{ bytes: Uint8Array; entry: ReportManifestEntry; svg: () => string }> {
  const started = Date.now();
  const { typesetReport } = await import('./typst/compile.ts');
  const html = readFileSync(join(clientDir, id, 'report/print/index.html'), 'utf8');
  const ticker = setInterval(
    () => log(`${id}: still typesetting (${((Date.now() - started) / 1000).toFixed(0)} s)`),
    15_000,
  );
  let pdf: Buffer;
  let svg: () => string;
  try {
    ({ pdf, svg } = await typesetReport({
      root,
      series: id,
      html,
      keywords: meta.keywords,
      language: meta.language,
      clientDir,
      log,
    }));
  } finally {
    clearInterval(ticker);
  }
  const doc = await loadPdf(pdf);
  const outline = outlineOf(doc);
  // Round 15: two links to /ml-trends-2021/sources/#survey reached the PDF, where they lead nowhere.
  const relative = relativeLinks(doc);
  if (relative.length > 0)
    throw new Error(
      `Report ${id}: the PDF links to addresses on the site, which a reader of the file cannot follow: ${relative.map((l) => `page ${l.page}: ${l.uri}`).join('; ')}. Link a full URL instead.`,
    );
  const entry: ReportManifestEntry = {
    series: id,
    file: `${id}.pdf`,
    fileName: meta.fileName,
    title: meta.title,
    pages: outline.pageCount,
    bytes: pdf.length,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    generatedAt: new Date().toISOString(),
    // As the printed contents list them: the top-level entries (parts, front and back matter) and the chapters.
    contents: outline.entries
      .filter((e) => e.depth === 0 || /^\d+\. /.test(e.title))
      .map(({ title, page }) => ({ title, page })),
  };
  return { bytes: pdf, entry, svg };
}

export async function buildReports(options: {
  clientDir: string;
  outDir: string;
  /** The project: its node_modules (fonts, compiler) and `.astro/report-cache/`. */
  root: string;
  meta: (series: string) => Promise<ReportMeta> | ReportMeta;
  log: (line: string) => void;
  /** False typesets nothing (REPORT_PDF=off); the print pages still leave the public output. */
  enabled?: boolean;
}): Promise<ReportManifestEntry[]> {
  const { clientDir, outDir, root, log, enabled = true } = options;
  const series = readdirSync(clientDir).filter((name) => existsSync(join(clientDir, name, 'report/print/index.html')));
  if (series.length === 0) return [];
  mkdirSync(outDir, { recursive: true });
  if (!enabled) {
    for (const id of series) movePrintPage(clientDir, outDir, id);
    log(`REPORT_PDF=off: no report PDF printed for ${series.join(', ')} (npm run build:report prints it)`);
    return [];
  }
  const cache = reportCache(root);
  const manifest: ReportManifestEntry[] = [];
  for (const id of series) {
    const started = Date.now();
    const meta = await options.meta(id);
    const target = join(outDir, `${id}.pdf`);
    const draft = `${target}.${process.pid}.tmp`;
    const key = reportKey({ root, clientDir, series: id, meta });
    const pictureDir = previewDir(outDir);
    clearPreviews(pictureDir, id);
    let entry = cache.restore(id, key, draft, pictureDir);
    if (entry) {
      renameSync(draft, target);
      log(
        `${id}: cached report, unchanged inputs (key ${key.slice(0, 12)}): ${entry.pages} pages -> dist/report/${entry.file}`,
      );
    } else {
      log(`${id}: typesetting the report with Typst (inputs changed, key ${key.slice(0, 12)})`);
      const made = await typeset(clientDir, root, id, meta, log);
      entry = made.entry;
      writeWhole(target, made.bytes);
      // The cover and two spreads for the report page, from the same compiled document: the spreads are
      // chosen by how full their pages are (documentInk), so no half-empty page is shown. A report too long to
      // draw as one SVG (the whole document is one string; the 1,000-trend benchmark's 2,000 pages exceed what
      // a JavaScript string holds) gets no pictures, and its page shows the report without them.
      let pictures: Awaited<ReturnType<typeof renderPreviews>> = [];
      if (entry.pages <= MAX_PREVIEW_PAGES) {
        const svg = made.svg();
        pictures = await renderPreviews(
          id,
          svg,
          entry.pages,
          planPreviews(entry.title, entry.pages, entry.contents, await documentInk(svg)),
        );
      } else {
        log(`${id}: ${entry.pages} pages, over ${MAX_PREVIEW_PAGES}: no page pictures for the report page`);
      }
      for (const picture of pictures) writeWhole(join(pictureDir, picture.file), picture.bytes);
      // A report drawn without pictures (too long) records none: its cache entry is complete without them.
      entry.previews = pictures.length > 0 ? previewsEntry(pictures) : undefined;
      cache.store(id, key, made.bytes, entry, pictures);
      log(
        `${id}: ${entry.pages} pages, ${(entry.bytes / 1024).toFixed(0)} KB -> dist/report/${entry.file} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
    }
    movePrintPage(clientDir, outDir, id);
    manifest.push(entry);
  }
  writeWhole(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

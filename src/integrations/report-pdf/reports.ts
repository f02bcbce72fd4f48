/**
 * The report PDFs at the end of `astro build`: for each series with a print page, copies its report from
 * `.astro/report-cache/` when nothing it depends on changed, else prints it (`print.ts`), then moves the
 * PDF and its print page to `dist/report/`, outside everything a static host serves. `REPORT_PDF=off`
 * prints none.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { MANIFEST_FILE, type ReportManifestEntry } from '../../lib/report-manifest.ts';
import { findChromium, INSTALL_HELP, type FoundBrowser } from '../browser.ts';
import { writeWhole } from '../built-files.ts';
import { chromiumIdentity, forgetChromiumIdentities, reportCache, reportKey } from './cache.ts';

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

/**
 * The Chromium that will key the cache, asked as early as the build knows it (Astro's `config:done`): a
 * launcher script is asked its version while the site builds. CHROMIUM_PATH, else the last printer.
 */
export function expectPrinter(root: string): void {
  forgetChromiumIdentities();
  const path = process.env.CHROMIUM_PATH?.trim() || reportCache(root).lastPrinter();
  // A problem here shows again, with its message, when the report is keyed.
  if (path && existsSync(path)) chromiumIdentity(path).catch(() => undefined);
}

/** The Chromium to print with, or the error that says how to install one. */
function requireChromium(): FoundBrowser {
  const found = findChromium();
  if (!found) throw new Error(`The report PDF is printed with Chromium at build time.\n${INSTALL_HELP}`);
  return found;
}

export async function buildReports(options: {
  clientDir: string;
  outDir: string;
  /** The project: its content folder and `.astro/report-cache/`. */
  root: string;
  meta: (series: string) => Promise<ReportMeta> | ReportMeta;
  log: (line: string) => void;
  /** False prints nothing (REPORT_PDF=off); the print pages still leave the public output. */
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
  // The Chromium that printed the cached reports keys the cache while it is still installed, unchanged:
  // looking for one loads Playwright, which only a print needs. CHROMIUM_PATH is always the one to use.
  const lastPrinter = process.env.CHROMIUM_PATH?.trim() ? undefined : cache.lastPrinter();
  let found = lastPrinter ? undefined : requireChromium();
  const manifest: ReportManifestEntry[] = [];
  let printer: typeof import('./print.ts') | undefined;
  let browser: Browser | undefined;
  try {
    for (const id of series) {
      const started = Date.now();
      const meta = await options.meta(id);
      const target = join(outDir, `${id}.pdf`);
      const draft = `${target}.${process.pid}.tmp`;
      let chromium = found?.path ?? lastPrinter!;
      const keyFor = async (path: string) =>
        reportKey({ root, clientDir, series: id, meta, chromium: await chromiumIdentity(path) });
      let key = await keyFor(chromium);
      let entry = cache.restore(id, key, draft);
      if (!entry && !found) {
        // A print uses the Chromium the finder picks, which may not be the last one: key by it.
        found = requireChromium();
        if (found.path !== chromium) {
          chromium = found.path;
          key = await keyFor(chromium);
          entry = cache.restore(id, key, draft);
        }
      }
      if (entry) {
        renameSync(draft, target);
        log(
          `${id}: cached report, unchanged inputs (key ${key.slice(0, 12)}): ${entry.pages} pages -> dist/report/${entry.file}`,
        );
      } else {
        log(`${id}: printing the report with ${chromium} (inputs changed, key ${key.slice(0, 12)})`);
        printer ??= await import('./print.ts');
        browser ??= await printer.launchPrinter(chromium);
        const printed = await printer.printReport(browser, clientDir, { id, ...meta }, log, root);
        entry = printed.entry;
        writeWhole(target, printed.bytes);
        cache.store(id, key, printed.bytes, entry, found ?? requireChromium());
        log(
          `${id}: ${entry.pages} pages, ${(entry.bytes / 1024).toFixed(0)} KB -> dist/report/${entry.file} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
        );
      }
      movePrintPage(clientDir, outDir, id);
      manifest.push(entry);
    }
  } finally {
    await browser?.close();
  }
  writeWhole(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

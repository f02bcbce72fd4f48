/**
 * Each built page tokenized once for the steps that read its structure (the CSP's script hashes, the
 * link check), and not at all when a page with the same bytes was scanned by an earlier build: scans are
 * kept by the page's content hash in `.astro/page-scan.json`, so a rebuild whose pages Astro copied from
 * its cache scans none of them.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { builtHash, builtText, writeWhole } from './built-files.ts';
import { scanPage, type PageScan } from '../lib/inline-scripts.ts';

/** Bump when `scanPage` changes what it finds: scans kept by another version are ignored. */
const VERSION = 2;

let open: { file: string; kept: Map<string, PageScan>; used: Map<string, PageScan> } | undefined;

function load(file: string): Map<string, PageScan> {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { version: number; scans: Record<string, PageScan> };
    return saved.version === VERSION ? new Map(Object.entries(saved.scans)) : new Map<string, PageScan>();
  } catch {
    return new Map<string, PageScan>();
  }
}

/** The scan of the built page at `path`, for the project at `root`. */
export function scanBuiltPage(root: string, path: string): PageScan {
  const file = join(root, '.astro', 'page-scan.json');
  if (open?.file !== file) {
    open = {
      file,
      kept: existsSync(file) ? load(file) : new Map<string, PageScan>(),
      used: new Map<string, PageScan>(),
    };
  }
  const key = builtHash(path);
  const scan = open.used.get(key) ?? open.kept.get(key) ?? scanPage(builtText(path));
  open.used.set(key, scan);
  return scan;
}

/** Keeps the scans of this build's pages for the next build (and only those), and closes the store. */
export function savePageScans(): void {
  if (!open) return;
  mkdirSync(dirname(open.file), { recursive: true });
  writeWhole(open.file, JSON.stringify({ version: VERSION, scans: Object.fromEntries(open.used) }));
  open = undefined;
}

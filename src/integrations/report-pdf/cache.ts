/**
 * The report PDF's cache: a key from everything the printed PDF depends on, and the PDF with its
 * manifest entry stored under `.astro/report-cache/` by that key, so an unchanged report is copied, not printed.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  closeSync,
  openSync,
  readFileSync,
  readSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportManifestEntry } from '../../lib/report-manifest.ts';
import type { FoundBrowser } from '../browser.ts';
import { place } from '../built-files.ts';

/** Bump when the way the cache is keyed or stored changes. */
const CACHE_VERSION = '2';

/** Every file under `dir`, sorted, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .sort();
}

/** Local files a page loads (stylesheets, images), by the root-relative URLs in its HTML. */
function assetsOf(html: string): string[] {
  const urls = [...html.matchAll(/(?:href|src)="(\/[^"#?]*)"/g)].map((m) => decodeURIComponent(m[1]!));
  return [...new Set(urls)].filter((url) => !url.endsWith('/')).sort();
}

const identities = new Map<string, Promise<string>>();

/** Forgets the answers of `chromiumIdentity`: each build asks afresh (a browser may change between builds). */
export function forgetChromiumIdentities(): void {
  identities.clear();
}

/** Whether a file is a script (`#!`) rather than a program. */
function isScript(file: string): boolean {
  const head = Buffer.alloc(2);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 2, 0);
  } finally {
    closeSync(fd);
  }
  return head.toString('latin1') === '#!';
}

/**
 * Which Chromium prints, for the cache key: the file the path resolves to, its size and modification time,
 * so an upgrade, which replaces the file, prints again. Two launchers say nothing of the browser behind them:
 * snapd (`/snap/bin/chromium`), where the snap's installed revision counts instead, and a launcher script
 * (Debian's `/usr/bin/chromium`, Ubuntu's `chromium-browser`), where the browser is asked its version, in
 * the background (`expectPrinter`) so that the build does not wait for it. Asked once per build, file and
 * state.
 */
export function chromiumIdentity(chromium: string): Promise<string> {
  const file = realpathSync(chromium);
  const { size, mtimeMs } = statSync(file);
  const known = `${chromium} -> ${file} ${size} ${mtimeMs}`;
  let identity = identities.get(known);
  if (!identity) {
    if (basename(file) === 'snap') {
      const current = join('/snap', basename(chromium), 'current');
      identity = Promise.resolve(`${known} revision ${existsSync(current) ? realpathSync(current) : 'unknown'}`);
    } else if (isScript(file)) {
      identity = new Promise((resolve) =>
        execFile(chromium, ['--version'], { timeout: 30_000 }, (error, stdout) =>
          resolve(`${known} version ${`${stdout}`.trim() || `unknown (${error?.message ?? 'no answer'})`}`),
        ),
      );
    } else identity = Promise.resolve(known);
    identities.set(known, identity);
  }
  return identity;
}

/**
 * The cache key of a series' report: its content folder, its metadata (title, keywords, creator...), the
 * built print page with the files it loads, the printer's own source files and library versions, and the Chromium that prints it.
 */
export function reportKey(options: {
  root: string;
  clientDir: string;
  series: string;
  meta: object;
  /** The printing Chromium's `chromiumIdentity`. */
  chromium: string;
}): string {
  const { root, clientDir, series, meta, chromium } = options;
  const hash = createHash('sha256').update(`report-cache ${CACHE_VERSION}\n`);
  const add = (label: string, data: string | Buffer) => hash.update(`${label} ${data.length}\n`).update(data);
  const contentDir = join(root, 'content/series', series);
  for (const file of filesUnder(contentDir)) add(`content ${file}`, readFileSync(join(contentDir, file)));
  add('metadata', JSON.stringify(meta));
  const html = readFileSync(join(clientDir, series, 'report/print/index.html'));
  add('print page', html);
  for (const url of assetsOf(html.toString('utf8'))) {
    const file = join(clientDir, url);
    if (file.startsWith(clientDir) && existsSync(file) && statSync(file).isFile())
      add(`asset ${url}`, readFileSync(file));
  }
  // The printer is this folder's code (and the browser finder beside it), wherever the project is.
  const printer = dirname(fileURLToPath(import.meta.url));
  for (const file of filesUnder(printer)) add(`printer ${file}`, readFileSync(join(printer, file)));
  add('browser finder', readFileSync(join(printer, '../browser.ts')));
  for (const pkg of ['pdf-lib', 'playwright-core', '@fontsource/source-sans-3', '@fontsource/source-serif-4']) {
    const manifest = join(root, 'node_modules', pkg, 'package.json');
    if (existsSync(manifest))
      add(`package ${pkg}`, (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version);
  }
  add('chromium', chromium);
  return hash.digest('hex').slice(0, 32);
}

/** Where a series' cached reports live; one PDF and one manifest entry per key. */
export function reportCache(root: string) {
  const dir = join(root, '.astro/report-cache');
  const pdf = (series: string, key: string) => join(dir, `${series}-${key}.pdf`);
  const entry = (series: string, key: string) => join(dir, `${series}-${key}.json`);
  const printer = join(dir, 'chromium.txt');
  return {
    dir,
    /**
     * The Chromium that printed the last report, while it is still there; not one that CHROMIUM_PATH named,
     * which counts only while the variable does.
     */
    lastPrinter(): string | undefined {
      const [path = '', origin] = (existsSync(printer) ? readFileSync(printer, 'utf8') : '').trim().split('\t');
      return path && origin !== 'CHROMIUM_PATH' && existsSync(path) ? path : undefined;
    },
    /** Puts the cached PDF at `target` (a hard link) and returns its manifest entry, or undefined on a miss. */
    restore(series: string, key: string, target: string): ReportManifestEntry | undefined {
      if (!existsSync(pdf(series, key)) || !existsSync(entry(series, key))) return undefined;
      const recorded = JSON.parse(readFileSync(entry(series, key), 'utf8')) as ReportManifestEntry;
      if (statSync(pdf(series, key)).size !== recorded.bytes) return undefined;
      place(pdf(series, key), target);
      return recorded;
    },
    /** Keeps this PDF, printed by `chromium` (found where `origin` says), as the series' only cached one. */
    store(series: string, key: string, bytes: Uint8Array, recorded: ReportManifestEntry, chromium: FoundBrowser): void {
      mkdirSync(dir, { recursive: true });
      for (const name of readdirSync(dir)) {
        if (/^(.*)-[0-9a-f]{32}\.(pdf|json)$/.exec(name)?.[1] === series) rmSync(join(dir, name));
      }
      writeFileSync(pdf(series, key), bytes);
      writeFileSync(entry(series, key), `${JSON.stringify(recorded, null, 2)}\n`);
      writeFileSync(printer, `${chromium.path}\t${chromium.origin}\n`);
    },
  };
}

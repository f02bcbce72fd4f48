/**
 * The report PDF's cache: a key from everything the typeset PDF depends on, and the PDF with its manifest
 * entry stored under `.astro/report-cache/` by that key, so an unchanged report is copied, not typeset again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportManifestEntry } from '../../lib/report-manifest.ts';
import { place } from '../built-files.ts';
import { compilerVersion, fontFiles, imageFiles, templateFiles } from './typst/compile.ts';
import { MAX_PREVIEW_PAGES } from './typst/previews.ts';

/** A picture of report pages kept with the PDF (see typst/previews.ts). */
export interface CachedPicture {
  file: string;
  bytes: Uint8Array;
}

/** Bump when the way the cache is keyed or stored changes. */
const CACHE_VERSION = '4';

/** Every file under `dir`, sorted, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .sort();
}

/**
 * The cache key of a series' report: its metadata (title, keywords...), the built print page (which holds
 * the text and the figure models), the typesetter's own code and template files, the font files and the
 * Typst compiler's version.
 */
export function reportKey(options: { root: string; clientDir: string; series: string; meta: object }): string {
  const { root, clientDir, series, meta } = options;
  const hash = createHash('sha256').update(`report-cache ${CACHE_VERSION}\n`);
  const add = (label: string, data: string | Buffer) => hash.update(`${label} ${data.length}\n`).update(data);
  add('metadata', JSON.stringify(meta));
  const html = readFileSync(join(clientDir, series, 'report/print/index.html'), 'utf8');
  add('print page', html);
  // The images it shows: a file under public/ keeps its name when its pixels change.
  for (const image of imageFiles(html, clientDir).files) add(`image ${image.src}`, image.bytes);
  // The typesetter is this folder's code and templates, wherever the project is.
  const typesetter = dirname(fileURLToPath(import.meta.url));
  for (const file of filesUnder(typesetter)) add(`typesetter ${file}`, readFileSync(join(typesetter, file)));
  for (const [name, file] of Object.entries(templateFiles())) add(`template ${name}`, readFileSync(file));
  for (const file of fontFiles(root)) add(`font ${file.slice(file.lastIndexOf('/') + 1)}`, readFileSync(file));
  add('typst compiler', compilerVersion(root));
  return hash.digest('hex').slice(0, 32);
}

/** Where a series' cached reports live; one PDF and one manifest entry per key. */
export function reportCache(root: string) {
  const dir = join(root, '.astro/report-cache');
  const pdf = (series: string, key: string) => join(dir, `${series}-${key}.pdf`);
  const entry = (series: string, key: string) => join(dir, `${series}-${key}.json`);
  const picture = (series: string, key: string, file: string) => join(dir, `${series}-${key}.preview.${file}`);
  return {
    dir,
    /**
     * Puts the cached PDF at `target` (a hard link) and its pictures in `pictureDir`, and returns its
     * manifest entry, or undefined on a miss (a picture missing is one: the report is typeset again).
     */
    restore(series: string, key: string, target: string, pictureDir: string): ReportManifestEntry | undefined {
      if (!existsSync(pdf(series, key)) || !existsSync(entry(series, key))) return undefined;
      const recorded = JSON.parse(readFileSync(entry(series, key), 'utf8')) as ReportManifestEntry;
      if (statSync(pdf(series, key)).size !== recorded.bytes) return undefined;
      const pictures = recorded.previews ? [recorded.previews.cover, ...recorded.previews.spreads] : [];
      // Pictures are part of the entry, except for a report too long to draw them (MAX_PREVIEW_PAGES).
      if (!recorded.previews && (recorded.pages ?? 0) <= MAX_PREVIEW_PAGES) return undefined;
      if (pictures.some((p) => !existsSync(picture(series, key, p.file)))) return undefined;
      place(pdf(series, key), target);
      for (const p of pictures) place(picture(series, key, p.file), join(pictureDir, p.file));
      return recorded;
    },
    /** Keeps this PDF and its pictures as the series' only cached ones. */
    store(
      series: string,
      key: string,
      bytes: Uint8Array,
      recorded: ReportManifestEntry,
      pictures: readonly CachedPicture[],
    ): void {
      mkdirSync(dir, { recursive: true });
      for (const name of readdirSync(dir)) {
        if (/^(.*)-[0-9a-f]{32}\.(pdf|json|preview\..+\.webp)$/.exec(name)?.[1] === series) rmSync(join(dir, name));
      }
      writeFileSync(pdf(series, key), bytes);
      for (const p of pictures) writeFileSync(picture(series, key, p.file), p.bytes);
      writeFileSync(entry(series, key), `${JSON.stringify(recorded, null, 2)}\n`);
    },
  };
}

/**
 * Every published figure an article draws as a chart (`<Figure id>`) as an image download, /<series>/figures/<id>.svg and .png, written when the
 * build is done (beside the CSV and JSON of figure-files.ts): the standalone SVG of `figureImageSvg`
 * (chart, title, source line, site name and article address), and that SVG rasterised by resvg to a PNG
 * 1200 px wide (<id>.png: the social image and oEmbed thumbnail) and one 2400 px wide (<id>@2x.png: the
 * PNG readers download, as sharp as Datawrapper's 2× export). The PNGs are cached by a hash of everything they depend on (the SVG text, the fonts,
 * resvg's version) under .astro/figure-images/, so an unchanged figure costs a hard link; a changed one
 * is drawn and encoded on libuv's thread pool (resvg's `renderAsync`, sharp), one per core and one more. Not in `astro dev`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { filesIn, place, writeWhole } from './built-files.ts';
import { encodePng } from './png.ts';
import { readFigures, readSite } from '../lib/content/files.ts';
import { readSeriesFromDisk } from '../lib/content/series-files.ts';
import { readSummaries } from '../lib/content/summaries.ts';
import { isLocalHost } from '../lib/site-url.ts';
import { buildNow } from '../lib/content/build-now.ts';
import { publishedFigures, visibleTrends } from '../lib/publication.ts';
import { articleSlug } from '../lib/content/article-slug.ts';
import { typesetFigure } from '../lib/typography.ts';
import { chartStyles, figureImageSvg, PNG_WIDTH } from '../lib/figure-image.ts';
import { surveyCredit } from '../lib/chart/summary.ts';
import { figureImageHref } from '../lib/reuse.ts';
import { drawnFigureIds } from '../lib/mdx-refs.ts';

/** Bump when the way images are keyed or drawn changes outside the SVG text. */
const CACHE_VERSION = '2';
/** Images in flight: resvg and sharp work on libuv's threads, one per core, while this thread builds the next SVG. */
const PARALLEL = availableParallelism() + 1;

const require = createRequire(import.meta.url);
type Resvg = typeof import('@resvg/resvg-js');
let resvg: Resvg | undefined;
/** resvg, loaded with the first image drawn: a build whose images all come from the cache never loads it. */
const loadResvg = () => (resvg ??= require('@resvg/resvg-js') as Resvg);

/**
 * The site's fonts as TrueType files resvg can read (Fontsource ships WOFF), cut by subset-font (HarfBuzz)
 * to the characters below. The converted files are kept in the repository, in figure-fonts/ (the fonts are
 * under the SIL Open Font License 1.1, which allows redistributing them, modified, with the licence:
 * figure-fonts/LICENSE), named by the digest of the WOFF each came from: a build from a fresh clone does not
 * load HarfBuzz for them (about 0.4 s). A WOFF without a kept copy (after a Fontsource upgrade) is converted
 * once into the cache; tests/unit/figure-fonts.test.ts says which copy to add.
 */
const FONTS = [
  '@fontsource/source-sans-3/files/source-sans-3-latin-400-normal.woff',
  '@fontsource/source-sans-3/files/source-sans-3-latin-700-normal.woff',
  '@fontsource/source-serif-4/files/source-serif-4-latin-700-normal.woff',
];

/** Every character the images may set: Latin-1, Latin Extended-A and the typographer's punctuation. */
const FONT_TEXT = [
  [0x20, 0x7e],
  [0xa0, 0x17f],
  [0x2010, 0x2027],
  [0x2030, 0x203a],
  [0x2212, 0x2212],
]
  .flatMap(([from, to]) => Array.from({ length: to! - from! + 1 }, (_, i) => String.fromCodePoint(from! + i)))
  .join('');

const VENDORED = fileURLToPath(new URL('./figure-fonts/', import.meta.url));

/** The fonts' WOFF files as the project installs them, each with the digest that names its TrueType copy. */
export function figureFontSources(root: string): { name: string; woff: Buffer; digest: string }[] {
  const local = createRequire(join(root, 'package.json'));
  return FONTS.map((name) => {
    const woff = readFileSync(local.resolve(name));
    return { name, woff, digest: createHash('sha256').update(woff).digest('hex').slice(0, 16) };
  });
}

/** The TrueType copy kept in the repository for the WOFF of `digest`, if there is one. */
export function vendoredFont(digest: string): string | undefined {
  const file = join(VENDORED, `${digest}.ttf`);
  return existsSync(file) ? file : undefined;
}

/** A WOFF converted to TrueType, cut to the characters the images may set. */
export async function toTrueType(woff: Buffer): Promise<Buffer> {
  const { default: subsetFont } = await import('subset-font');
  return subsetFont(woff, FONT_TEXT, { targetFormat: 'sfnt' });
}

async function fontFiles(root: string, dir: string): Promise<{ files: string[]; digest: string }> {
  const hash = createHash('sha256');
  const files: string[] = [];
  for (const { woff, digest } of figureFontSources(root)) {
    hash.update(digest);
    const kept = vendoredFont(digest);
    const file = kept ?? join(dir, 'fonts', `${digest}.ttf`);
    if (!kept && !existsSync(file)) {
      mkdirSync(join(dir, 'fonts'), { recursive: true });
      writeWhole(file, await toTrueType(woff));
    }
    files.push(file);
  }
  return { files, digest: hash.digest('hex') };
}

const packageVersion = (root: string, name: string) => {
  const manifest = join(root, 'node_modules', name, 'package.json');
  return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : 'missing';
};

/**
 * The chart's CSS (see `chartStyles`) from the styles a built embed page uses: its linked stylesheets and
 * its `<style>` elements (Astro inlines small stylesheets, the chart's among them).
 */
function builtChartStyles(clientDir: string): string {
  const page = filesIn(clientDir)
    .filter((file) => /(^|\/)embed\/[^/]+\/index\.html$/.test(file.split('\\').join('/')))
    .sort()[0];
  if (!page) return '';
  const html = readFileSync(join(clientDir, page), 'utf8');
  const linked = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)]
    .map((tag) => /href="([^"]+)"/.exec(tag[0])?.[1])
    .filter((href): href is string => Boolean(href?.startsWith('/')))
    .map((href) => join(clientDir, href))
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file, 'utf8'));
  const inline = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((match) => match[1]!);
  return chartStyles([...linked, ...inline]);
}

export function figureImages(): AstroIntegration {
  let root = process.cwd();
  let site = 'http://localhost/';
  let started = new Date();
  return {
    name: 'figure-images',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        site = config.site ?? site;
      },
      'astro:build:start': () => {
        // File times have a coarse resolution on some file systems: allow a second.
        started = new Date(Date.now() - 1000);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const begun = performance.now();
        const clientDir = fileURLToPath(dir);
        const cacheDir = join(root, '.astro/figure-images');
        mkdirSync(cacheDir, { recursive: true });
        const style = builtChartStyles(clientDir);
        const fonts = await fontFiles(root, cacheDir);
        const shared = `${CACHE_VERSION} ${fonts.digest} ${packageVersion(root, '@resvg/resvg-js')}`;
        const siteName = readSite(root).name;
        const host = new URL(site).host;
        const now = buildNow();
        const missing: { svg: string; key: string; target: string; width: number }[] = [];
        let count = 0;
        for (const { id } of readSummaries(root, false, now).summaries) {
          const disk = readSeriesFromDisk(root, id);
          const trends = visibleTrends(disk.trends, now);
          const { figures } = publishedFigures({ figures: readFigures(root, id), trends: disk.trends }, now);
          // The first published article that draws each figure, each article read once (not once a figure:
          // at 1,000 trends that was a million readings, 15 to 30 s of every build).
          const drawnBy = new Map<string, (typeof trends)[number]>();
          for (const trend of trends)
            for (const figureId of drawnFigureIds(trend.source))
              if (!drawnBy.has(figureId)) drawnBy.set(figureId, trend);
          for (const raw of figures) {
            // Only a chart some published article draws (<Figure id>) gets images; a number quoted with
            // <Stat> alone keeps its CSV and JSON (figure-files.ts) but is not a chart to download.
            const trend = drawnBy.get(raw.id);
            if (!trend) continue;
            const { svg } = figureImageSvg({
              figure: typesetFigure(raw),
              survey: disk.data ? surveyCredit(disk.data) : { title: id },
              siteName: disk.data?.brand ?? siteName,
              // A local build (no SITE_URL) credits the site by name only: a localhost address means nothing elsewhere.
              articleAddress: isLocalHost(host) ? '' : `${host}/${id}/${articleSlug(trend.file)}/`,
              style,
            });
            const svgTarget = join(clientDir, figureImageHref(id, raw.id, 'svg'));
            mkdirSync(join(clientDir, id, 'figures'), { recursive: true });
            writeWhole(svgTarget, svg);
            // The 1200 px PNG (social image, oEmbed thumbnail) and the 2× one readers download.
            for (const scale of ['', '@2x'] as const) {
              const key = createHash('sha256').update(shared).update(scale).update(svg).digest('hex').slice(0, 32);
              const cached = join(cacheDir, `${key}.png`);
              const target = join(clientDir, figureImageHref(id, raw.id, 'png', scale));
              const width = scale ? 2 * PNG_WIDTH : PNG_WIDTH;
              if (existsSync(cached)) {
                const at = new Date();
                utimesSync(cached, at, at);
                place(cached, target);
              } else missing.push({ svg, key, target, width });
            }
            count++;
          }
        }
        const drawStarted = performance.now();
        const queue = [...missing];
        const worker = async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            const image = await loadResvg().renderAsync(next.svg, {
              fitTo: { mode: 'width', value: next.width },
              font: { loadSystemFonts: false, fontFiles: fonts.files, defaultFontFamily: 'Source Sans 3' },
            });
            const file = join(cacheDir, `${next.key}.png`);
            writeWhole(file, await encodePng(image));
            place(file, next.target);
          }
        };
        await Promise.all(Array.from({ length: PARALLEL }, worker));
        const drawMs = performance.now() - drawStarted;
        let removed = 0;
        for (const name of readdirSync(cacheDir).filter((n) => n.endsWith('.png'))) {
          if (statSync(join(cacheDir, name)).mtime < started) {
            rmSync(join(cacheDir, name));
            removed++;
          }
        }
        const ms = Math.round(performance.now() - begun);
        logger.info(
          `${count} figure images (SVG and PNG): ${missing.length} PNGs drawn` +
            (missing.length > 0 ? ` (${Math.round(drawMs / missing.length)} ms each)` : '') +
            `, ${2 * count - missing.length} from the cache (${ms} ms)` +
            (removed > 0 ? `; removed ${removed} no figure uses any more` : ''),
        );
      },
    },
  };
}

/**
 * The font subset integration: when `astro build` is done, cuts each web font in `_astro/` down to the
 * characters the site uses (the built pages, the server's on-demand pages and a base set for user input)
 * and to the weights it uses, with subset-font (HarfBuzz). A subset gets a new content-hashed name, and every
 * reference in the output (CSS, preload links, the server's pages) follows it, so an immutable cache
 * never holds a font that lacks a character.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { afterBuild } from './after-build.ts';
import { buildCache, cacheKey, packageVersion } from './build-cache.ts';
import { builtText, filesIn, writeBuilt } from './built-files.ts';

/** Always kept: printable ASCII, Latin-1 and the typographic marks a form answer or a future page may bring. */
const BASE_TEXT = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCodePoint(0x20 + i)),
  ...Array.from({ length: 0x100 - 0xa0 }, (_, i) => String.fromCodePoint(0xa0 + i)),
  '‘’“”–—…•·€−×→←↑↓',
].join('');

/** The weights the styles use (400 text, 700 bold and headings): the variable axis is cut to this range. */
const WEIGHTS = { min: 400, max: 700 };

const TEXT_FILES = /\.(html|css|js|mjs|json|xml|txt)$/;

/** The characters in a page or module, with HTML character references decoded. */
export function charactersIn(text: string): Set<string> {
  const decoded = text.replace(/&#(x[0-9a-f]+|\d+);/gi, (_, code: string) =>
    String.fromCodePoint(code[0]!.toLowerCase() === 'x' ? parseInt(code.slice(1), 16) : Number(code)),
  );
  return new Set(decoded);
}

/** Subsets every `.woff2` under `clientDir/_astro/` and rewrites the references in `outDirs`; returns the new names. */
export async function subsetSiteFonts(
  clientDir: string,
  outDirs: string[],
  cache?: { store: ReturnType<typeof buildCache>; version: string },
): Promise<Map<string, string>> {
  const assets = join(clientDir, '_astro');
  const fonts = readdirSync(assets).filter((name) => name.endsWith('.woff2'));
  const renamed = new Map<string, string>();
  if (fonts.length === 0) return renamed;
  const textFiles = outDirs
    .flatMap((dir) => filesIn(dir).map((file) => join(dir, file)))
    .filter((path) => TEXT_FILES.test(path));
  const used = new Set(BASE_TEXT);
  // Printable ASCII is in the base text already: only the rest is worth a look (most of a page is ASCII).
  const beyondAscii = /[^\x20-\x7e\s]|&#(?:x[0-9a-f]+|\d+);/gi;
  for (const path of textFiles)
    for (const char of charactersIn((builtText(path).match(beyondAscii) ?? []).join(''))) used.add(char);
  const text = [...used].sort().join('');
  for (const name of fonts) {
    const font = readFileSync(join(assets, name));
    // subset-font (HarfBuzz, with its WOFF2 codecs) loads only for a subset the cache does not hold.
    const make = async () => {
      const { default: subsetFont } = await import('subset-font');
      return subsetFont(font, text, { targetFormat: 'woff2', variationAxes: { wght: WEIGHTS } });
    };
    // The same font cut to the same characters gives the same file: cached by both (and the cutter's version).
    const key = cacheKey([font, text, JSON.stringify(WEIGHTS), cache?.version ?? '']);
    const subset = cache ? (await cache.store.bytes(key, make)).bytes : await make();
    renamed.set(name, writeHashed(assets, name, subset));
  }
  // A stylesheet that names a font changes too: it gets a new hashed name as well. Then every file that
  // names a font or a stylesheet is rewritten, in one pass.
  const styles = textFiles.filter((path) => dirname(path) === assets && path.endsWith('.css'));
  const fontNames = replacer(renamed);
  for (const path of styles) {
    const after = fontNames(builtText(path));
    if (after === builtText(path)) continue;
    renamed.set(basename(path), writeHashed(assets, basename(path), after));
  }
  const allNames = replacer(renamed);
  for (const path of textFiles) {
    if (!existsSync(path)) continue;
    const before = builtText(path);
    const after = allNames(before);
    if (after !== before) writeBuilt(path, after);
  }
  return renamed;
}

/** Writes `content` under `name` with its content hash in place of Vite's; returns the new name. */
function writeHashed(dir: string, name: string, content: Uint8Array | string): string {
  const hash = createHash('sha256').update(content).digest('base64url').slice(0, 8);
  const next = name.replace(/\.[\w-]+(\.\w+)$/, `.${hash}$1`);
  if (typeof content === 'string') writeBuilt(join(dir, next), content);
  else writeFileSync(join(dir, next), content);
  if (next !== name) rmSync(join(dir, name));
  return next;
}

/** A function that replaces each old name in a text by its new one, in one pass. */
function replacer(renamed: Map<string, string>): (text: string) => string {
  const names = new RegExp(
    [...renamed.keys()].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
    'g',
  );
  return (text) => text.replace(names, (name) => renamed.get(name)!);
}

/** The Astro integration: subsets the fonts once the pages are built. */
export const fontSubset = (): AstroIntegration =>
  afterBuild('font-subset', async (clientDir, logger, root) => {
    const serverDir = join(dirname(clientDir), 'server');
    const dirs = [clientDir, ...(statSync(serverDir, { throwIfNoEntry: false })?.isDirectory() ? [serverDir] : [])];
    const started = Date.now();
    const renamed = await subsetSiteFonts(clientDir, dirs, {
      store: buildCache(root, 'font-subset-cache'),
      version: packageVersion(root, 'subset-font'),
    });
    for (const [from, to] of renamed) {
      const size = statSync(join(clientDir, '_astro', to)).size;
      logger.info(`${basename(from)} → ${to} (${(size / 1024).toFixed(1)} KB)`);
    }
    logger.info(`fonts subset in ${Date.now() - started} ms`);
  });

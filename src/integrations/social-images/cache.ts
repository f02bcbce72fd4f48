/**
 * The social images' cache: a key from everything an image depends on (the card's data, the source of
 * the code that lays it out, the font bytes, the library versions), and the PNG stored under
 * `.astro/social-images/<key>.png`, so an unchanged card is read back, not drawn again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import type { Card } from '../../lib/social-image/card.ts';
import { writeWhole } from '../built-files.ts';
import { cardFonts } from './fonts.ts';

/** Bump when the way the cache is keyed or stored changes. */
const CACHE_VERSION = '2';

/** The code an image's pixels depend on: its layouts, the chart kinds' data, and this renderer. */
const SOURCES = ['src/lib/social-image', 'src/lib/chart', 'src/integrations/social-images'];
const PACKAGES = ['satori', '@resvg/resvg-js', '@fontsource/source-sans-3', '@fontsource/source-serif-4'];

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .sort();
}

let shared: { root: string; digest: string } | undefined;

/** The part of every key that is the same for the whole build: sources, fonts and versions, read once. */
function sharedInputs(root: string): string {
  if (shared?.root !== root) {
    const hash = createHash('sha256').update(`social-images ${CACHE_VERSION}\n`);
    const add = (label: string, data: string | Buffer) => hash.update(`${label} ${data.length}\n`).update(data);
    for (const dir of SOURCES) {
      for (const file of filesUnder(join(root, dir))) add(`source ${dir}/${file}`, readFileSync(join(root, dir, file)));
    }
    for (const font of cardFonts(root)) add(`font ${font.weight}`, font.data);
    for (const pkg of PACKAGES) {
      const manifest = join(root, 'node_modules', pkg, 'package.json');
      add(
        `package ${pkg}`,
        existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : 'missing',
      );
    }
    shared = { root, digest: hash.digest('hex') };
  }
  return shared.digest;
}

/** The cache key of a card. */
export function cardKey(card: Card, root: string = process.cwd()): string {
  return createHash('sha256').update(sharedInputs(root)).update(JSON.stringify(card)).digest('hex').slice(0, 32);
}

/** The cached PNGs of a project. */
export function imageCache(root: string = process.cwd()) {
  const dir = join(root, '.astro/social-images');
  const pathOf = (key: string) => join(dir, `${key}.png`);
  return {
    dir,
    /** Whether the cache holds the image of `key` (without marking it used). */
    has: (key: string): boolean => existsSync(pathOf(key)),
    /** The cached file of `key`, or undefined; marks it used by this build (its mtime) so `prune` keeps it. */
    file(key: string): string | undefined {
      if (!existsSync(pathOf(key))) return undefined;
      const now = new Date();
      utimesSync(pathOf(key), now, now);
      return pathOf(key);
    },
    /** Stores a PNG and returns its file; written aside and renamed, so a build stopped half-way leaves no truncated image. */
    put(key: string, png: Buffer): string {
      mkdirSync(dir, { recursive: true });
      writeWhole(pathOf(key), png);
      return pathOf(key);
    },
    /** Removes the images no card used since `since` (the build's start): those of old titles or values. */
    prune(since: Date): number {
      if (!existsSync(dir)) return 0;
      const stale = readdirSync(dir).filter((name) => statSync(join(dir, name)).mtime < since);
      for (const name of stale) rmSync(join(dir, name));
      return stale.length;
    },
  };
}

/**
 * The social images integration: writes every page's `og.png` into the output, copied from the cache when
 * nothing it depends on changed, drawn otherwise (each drawn image is logged); then removes from the cache
 * the images no page uses any more. No route renders them, so an unchanged image costs a hard link, not a
 * page render. (Not in `astro dev`: the meta tags then point to images that exist only in a build.)
 *
 * A card depends only on the content files, the fonts and the code that lays it out, not on anything the
 * build makes. Up to `ONE_THREAD` missing cards are drawn into the cache on a worker thread from the moment
 * the build starts, beside Vite's bundling, and the build waits for them when it is done: at 10 trends the
 * 14 cards then cost the end of the build nothing, where they took 0.7 s. More cards are drawn when the
 * build is done, on a worker per core: at 1,000 trends, drawn beside the prerendering they slowed it
 * threefold (6 s to 19 to 24 s) and the build's CPU time did not fall; the cores are not idle then.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { place } from '../built-files.ts';
import { cardKey, imageCache } from './cache.ts';
import { cardDrawer, ONE_THREAD, type CardDrawer } from './draw-pool.ts';
import type { Card } from '../../lib/social-image/card.ts';
import { siteCards } from './site-cards.ts';

/**
 * A card drawn by `drawer`; a card that cannot be (its text does not fit) stops the build with an error that
 * names its image and headline: "Social image /s/t/og.png (“Headline”): text does not fit: …".
 */
export async function drawNamed(drawer: CardDrawer, { path, card }: { path: string; card: Card }): Promise<Buffer> {
  try {
    return await drawer.draw(card);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`Social image ${path} (“${card.title}”): ${why}`, { cause: error });
  }
}

interface Drawing {
  /** Every image the site links to, with its file in the cache once drawn. */
  images: { path: string; key: string }[];
  /** The images drawn, not taken from the cache. */
  drawnPaths: string[];
  threads: number;
  /** Settles when every missing card is in the cache (rejects with the first that cannot be drawn). */
  done: Promise<void>;
  /** Milliseconds from the start to the last card drawn. */
  ms: () => number;
}

/**
 * Reads the cards and starts drawing, on worker threads, those the cache does not hold; `early` (at the
 * build's start) only when they are few enough for one worker (undefined otherwise).
 */
function startDrawing(root: string, early: boolean): Drawing | undefined {
  const begun = performance.now();
  let ended: number | undefined;
  const cache = imageCache(root);
  const images = siteCards(root).map(({ path, card }) => ({ path, card, key: cardKey(card, root) }));
  const missing = images.filter(({ key }) => !cache.has(key));
  if (early && missing.length > ONE_THREAD) return undefined;
  const drawer = cardDrawer(missing.length);
  const threads = drawer.threads();
  const done = Promise.all(
    missing.map(async (next) => {
      cache.put(next.key, await drawNamed(drawer, next));
    }),
  )
    .then(() => void (ended = performance.now()))
    .finally(() => drawer.close());
  // Awaited when the build is done; until then a card that does not fit must not stop the process unheard.
  done.catch(() => {});
  return {
    images: images.map(({ path, key }) => ({ path, key })),
    drawnPaths: missing.map(({ path }) => path),
    threads,
    done,
    ms: () => (ended ?? performance.now()) - begun,
  };
}

export function socialImages(): AstroIntegration {
  let root = process.cwd();
  let started = new Date();
  let drawing: Drawing | undefined;
  return {
    name: 'social-images',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:start': () => {
        // File times have a coarse resolution on some file systems: allow a second.
        started = new Date(Date.now() - 1000);
        // Content the cards cannot be read from stops the build where it did before, when the pages are
        // built (the second try, at astro:build:done), not here, ahead of the pages' own errors.
        try {
          drawing = startDrawing(root, true);
        } catch {
          drawing = undefined;
        }
      },
      'astro:build:done': async ({ dir, logger }) => {
        const begun = performance.now();
        const clientDir = fileURLToPath(dir);
        const cache = imageCache(root);
        const early = drawing !== undefined;
        const { images, drawnPaths, threads, done, ms } = (drawing ?? startDrawing(root, false))!;
        const drawn = drawnPaths.length;
        drawing = undefined;
        await done;
        for (const { path, key } of images) {
          const target = join(clientDir, path);
          mkdirSync(dirname(target), { recursive: true });
          const file = cache.file(key);
          if (!file) throw new Error(`Social image ${path}: ${cache.dir}/${key}.png went missing during the build`);
          place(file, target);
        }
        const removed = cache.prune(started);
        // Named here rather than as each is drawn: during the build they would break up Astro's own lines.
        for (const path of drawnPaths) logger.info(`drew ${path}`);
        if (drawn > 0) {
          const on = threads === 1 ? 'one worker thread' : `${threads} worker threads`;
          const when = early ? "from the build's start" : 'when the build was done';
          logger.info(`${drawn} drawn on ${on} ${when}: ${(ms() / 1000).toFixed(1)} s`);
        }
        const seconds = ((performance.now() - begun) / 1000).toFixed(1);
        logger.info(
          `${images.length} images: ${drawn} drawn, ${images.length - drawn} from the cache (${seconds} s)` +
            (removed > 0 ? `; removed ${removed} no page uses any more` : ''),
        );
      },
    },
  };
}

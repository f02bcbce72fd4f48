/**
 * The social images integration: when `astro build` is done, writes every page's `og.png` into the
 * output, copied from the cache when nothing it depends on changed, drawn otherwise (each drawn image
 * is logged); then removes from the cache the images no page uses any more. No route renders them, so
 * an unchanged image costs a hard link, not a page render. (Not in `astro dev`: the meta tags then
 * point to images that exist only in a build.)
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { place } from '../built-files.ts';
import { cardKey, imageCache } from './cache.ts';
import { cardDrawer, type CardDrawer } from './draw-pool.ts';
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

export function socialImages(): AstroIntegration {
  let root = process.cwd();
  let started = new Date();
  return {
    name: 'social-images',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:start': () => {
        // File times have a coarse resolution on some file systems: allow a second.
        started = new Date(Date.now() - 1000);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const begun = performance.now();
        const clientDir = fileURLToPath(dir);
        const cache = imageCache(root);
        const missing: { path: string; key: string; card: Card }[] = [];
        const cards = siteCards(root);
        for (const { path, card } of cards) {
          const key = cardKey(card, root);
          const target = join(clientDir, path);
          mkdirSync(dirname(target), { recursive: true });
          const cached = cache.file(key);
          if (cached) place(cached, target);
          else missing.push({ path, key, card });
        }
        const drawer = cardDrawer(missing.length);
        try {
          await Promise.all(
            missing.map(async (next) => {
              const png = await drawNamed(drawer, next);
              place(cache.put(next.key, png), join(clientDir, next.path));
              logger.info(`drew ${next.path}`);
            }),
          );
        } finally {
          await drawer.close();
        }
        const removed = cache.prune(started);
        const seconds = ((performance.now() - begun) / 1000).toFixed(1);
        logger.info(
          `${cards.length} images: ${missing.length} drawn, ${cards.length - missing.length} from the cache (${seconds} s)` +
            (removed > 0 ? `; removed ${removed} no page uses any more` : ''),
        );
      },
    },
  };
}

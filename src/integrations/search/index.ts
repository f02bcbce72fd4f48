/**
 * The search integration: when `astro build` is done, Pagefind indexes the built pages in `dist/client`
 * and writes its index and browser bundle to `dist/client/pagefind/`. Only what a page marks with
 * `data-pagefind-body` (the trend articles) is indexed; nothing is fetched from the network.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { SEARCH_BUNDLE } from '../../lib/search-results.ts';
import { buildSearchIndex } from './pagefind.ts';

/** The Astro integration: indexes the built site with Pagefind. */
export function search(): AstroIntegration {
  return {
    name: 'search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const pages = await buildSearchIndex(site, join(site, SEARCH_BUNDLE));
        logger.info(`Pagefind indexed ${pages} pages into ${SEARCH_BUNDLE}`);
      },
    },
  };
}

/**
 * The search integration: when `astro build` is done, Pagefind indexes the built pages in `dist/client`
 * and writes its index and browser bundle to `dist/client/pagefind/`. Only what a page marks with
 * `data-pagefind-body` (the trend articles) is indexed; nothing is fetched from the network.
 */
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { afterBuild } from '../after-build.ts';
import { builtHash, filesIn } from '../built-files.ts';
import { buildCache, cacheKey, packageVersion } from '../build-cache.ts';
import { SEARCH_BUNDLE } from '../../lib/search-results.ts';
import { buildSearchIndex } from './pagefind.ts';

/** The Astro integration: indexes the built site with Pagefind. */
export const search = (): AstroIntegration =>
  afterBuild('search', async (site, logger, root) => {
    const started = performance.now();
    // The index depends on the pages alone (and Pagefind): unchanged pages get the index built last time.
    const pages = htmlFiles(site);
    const key = cacheKey([
      packageVersion(root, 'pagefind'),
      ...pages.flatMap((page) => [page, builtHash(join(site, page))]),
    ]);
    const cached = await buildCache(root, 'search-cache').folder(key, join(site, SEARCH_BUNDLE), async () => {
      await buildSearchIndex(site, join(site, SEARCH_BUNDLE));
    });
    const ms = Math.round(performance.now() - started);
    logger.info(
      `Pagefind index of ${pages.length} pages in ${SEARCH_BUNDLE}${cached ? ', from the cache' : ''} (${ms} ms)`,
    );
  });

/** The HTML files under `dir`, as sorted relative paths. */
const htmlFiles = (dir: string) => filesIn(dir).filter((path) => path.endsWith('.html'));

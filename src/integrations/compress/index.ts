/**
 * Precompresses the built site when `astro build` is done (`compress.ts`), so the server sends Brotli or
 * gzip without compressing per request. List it last in astro.config.mjs: it must see every file the other
 * integrations write when the build is done (sitemap, search index).
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { precompress } from './compress.ts';

export function compress(): AstroIntegration {
  let cacheDir = '';
  return {
    name: 'compress',
    hooks: {
      'astro:config:done': ({ config }) => {
        // Beside the report's cache, not in Astro's cacheDir: like the PDF, compressed bytes depend on the
        // file's content alone, so they stay valid when the content cache is cleared.
        cacheDir = fileURLToPath(new URL('.astro/compress-cache/', config.root));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const { files, fromCache, bytes, brotliBytes } = await precompress(fileURLToPath(dir), cacheDir);
        const kb = (n: number) => `${Math.round(n / 1024)} KB`;
        logger.info(
          `${files} files, ${kb(bytes)} -> ${kb(brotliBytes)} with Brotli, ${fromCache} from the cache ` +
            `(${Math.round(performance.now() - started)} ms)`,
        );
      },
    },
  };
}

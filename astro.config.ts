import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import { reportPdf } from './src/integrations/report-pdf/index.ts';
import { seriesManifest } from './src/integrations/series-manifest.ts';
import { search } from './src/integrations/search/index.ts';

/** Public origin of the site, used for canonical URLs, the feed and the sitemap. */
const site = process.env.SITE_URL ?? 'http://localhost:4321';
const origin = new URL(site);

export default defineConfig({
  site,
  // Inside the project rather than node_modules/.astro, so copies of the project that share
  // node_modules (the build tests) never share a content store.
  cacheDir: './.astro/cache',
  output: 'static',
  trailingSlash: 'always',
  // Form posts are a few hundred bytes: refuse large bodies before anything reads them.
  adapter: node({ mode: 'standalone', bodySizeLimit: 64 * 1024 }),
  security: {
    // Behind a TLS proxy, trust X-Forwarded-Host/-Proto/-For for the public origin only, so the form's
    // same-origin check and the client address see what the reader's browser sees.
    allowedDomains: [{ hostname: origin.hostname, protocol: origin.protocol.replace(':', '') }],
  },
  // The report's print page leaves the public output once the PDF is printed: keep it out of the sitemap.
  integrations: [
    mdx(),
    seriesManifest(),
    reportPdf(),
    search(),
    sitemap({ filter: (page) => !page.includes('/report/print/') }),
  ],
  markdown: {
    processor: unified({ gfm: false, remarkPlugins: [remarkGfm] }),
  },
  devToolbar: { enabled: false },
});

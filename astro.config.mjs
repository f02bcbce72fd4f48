// @ts-check
// A .mjs config is imported by Node directly (which runs the TypeScript it imports), where a .ts config
// would be loaded through a Vite dev server of its own: about 0.4 s of every build and every test build.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import remarkTypography from './src/lib/remark-typography.ts';
import remarkStatPunctuation from './src/lib/remark-stat-punctuation.ts';
import { SMARTYPANTS } from './src/lib/typography-options.ts';
import { reportPdf } from './src/integrations/report-pdf/index.ts';
import { seriesManifest } from './src/integrations/series-manifest.ts';
import { figureFiles } from './src/integrations/figure-files.ts';
import { figureImages } from './src/integrations/figure-images.ts';
import { socialImages } from './src/integrations/social-images/index.ts';
import { readSeriesFromDisk, seriesIdsOnDisk } from './src/lib/content/series-files.ts';
import { readSummaries } from './src/lib/content/summaries.ts';
import { lastModified } from './src/lib/seo/lastmod.ts';
import { buildNow } from './src/lib/content/build-now.ts';
import { scriptHashes } from './src/integrations/script-hashes/index.ts';
import { compress } from './src/integrations/compress/index.ts';
import { fontSubset } from './src/integrations/font-subset.ts';
import { search } from './src/integrations/search/index.ts';
import { knownWarnings } from './src/integrations/known-warnings.ts';
import { linkCheck } from './src/integrations/link-check.ts';
import { buildStamp } from './src/integrations/build-stamp.ts';
import { siteUrl } from './src/lib/site-url.ts';

/** Public origin of the site, used for canonical URLs, the feed and the sitemap: SITE_URL, else http://localhost:PORT. */
const site = siteUrl();
const origin = new URL(site);
/** The moment this build decides what is published by (BUILD_NOW, else now): read once, shared by every part. */
const now = buildNow();

/**
 * The report page of each series this build publishes, for the sitemap. Content the build will refuse (a figure
 * out of range, a field missing) lists none here: the build itself then stops with the file and field named.
 */
function publishedReportPages() {
  try {
    return readSummaries(process.cwd(), false, now).summaries.map(({ id }) => new URL(`/${id}/report/`, site).href);
  } catch {
    return [];
  }
}

/** Ids of the series whose series.yaml says `listed: false` or `demonstration`, read once from disk. */
/** @type {string[] | undefined} */
let unlisted;
const unlistedSeries = () =>
  (unlisted ??= seriesIdsOnDisk(process.cwd())
    .map((id) => readSeriesFromDisk(process.cwd(), id))
    .filter((series) => series.data !== undefined && series.data.listed !== true)
    .map((series) => series.id));

/** Pathname -> the date its content last changed, for the sitemap. */
/** @type {Map<string, string> | undefined} */
let lastmods;

export default defineConfig({
  site,
  // Inside the project rather than node_modules/.astro, so copies of the project that share
  // node_modules (the build tests) never share a content store.
  cacheDir: './.astro/cache',
  output: 'static',
  trailingSlash: 'always',
  // Form posts are a few hundred bytes. The Action refuses a body over 64 KB itself (413 with its JSON
  // error, from Content-Length before reading); the adapter's hard stop is above that, for other routes.
  // The adapter only renders the on-demand routes: src/gate/http owns the server, static files and headers.
  adapter: node({ mode: 'middleware', bodySizeLimit: 128 * 1024 }),
  security: {
    actionBodySizeLimit: 64 * 1024,
    // The same check runs in src/middleware.ts (src/gate/origin-check.ts), which logs why it refused
    // (the origin expected and the one that came) and shows the reader a page, not a line of plain text.
    checkOrigin: false,
    // X-Forwarded-Host/-Proto/-For name the public origin behind a TLS proxy, so the form's same-origin
    // check and the client address see what the reader's browser sees. Astro believes them whenever they
    // name this host: `npm start` removes them first from every peer that is not in TRUSTED_PROXIES
    // (src/gate/client-address.ts), so only a trusted proxy gets here with them.
    allowedDomains: [{ hostname: origin.hostname, protocol: origin.protocol.replace(':', '') }],
  },
  // The report's print page leaves the public output once the PDF is printed: keep it out of the sitemap.
  // scriptHashes and compress come last: they read every file the others write when the build is done.
  integrations: [
    knownWarnings(),
    mdx(),
    seriesManifest(),
    figureFiles(),
    // Reads the built stylesheets for the charts' colours: before fontSubset renames them.
    figureImages(),
    reportPdf(),
    socialImages(),
    // Rewrites the font and stylesheet names in the built files: before the hashes and the compression.
    fontSubset(),
    search(),
    sitemap({
      // Nor the figures' embed pages (noindex: the article is the page to find), nor the refusal page of a
      // cross-site form (no page to visit), nor the privacy note (reached from the form; no content date).
      // Nor the pages of a series that is not listed (series.yaml `listed: false`).
      filter: (page) =>
        !unlistedSeries().some((id) => new URL(page).pathname.startsWith(`/${id}/`)) &&
        !page.includes('/report/print/') &&
        !/\/embed\/[^/]+\/$/.test(page) &&
        !page.endsWith('/form-refused/') &&
        !page.endsWith('/privacy/'),
      // The report page is rendered on demand, so the build lists no file for it: name the one of each series this
      // build publishes (one with a published trend; the filter above still drops a series that is not listed).
      customPages: publishedReportPages(),
      // lastmod from the content's dates (read once, when the sitemap is written).
      serialize: (item) => {
        lastmods ??= lastModified(
          seriesIdsOnDisk(process.cwd()).map((id) => readSeriesFromDisk(process.cwd(), id)),
          now,
        );
        const lastmod = lastmods.get(new URL(item.url).pathname);
        return lastmod ? { ...item, lastmod } : item;
      },
    }),
    // Every link to the site resolves, once every step that writes files (search, sitemap) is done.
    linkCheck(),
    scriptHashes(),
    compress(),
    // Last: a build that fails on the way leaves no stamp, so `npm start` builds again.
    buildStamp(now),
  ],
  markdown: {
    // Curly quotes and real dashes in every article, report section and the PDF, from plain ASCII in the MDX;
    // the same options as `typeset` for text outside Markdown (src/lib/typography.ts).
    processor: unified({
      gfm: false,
      smartypants: false,
      // A bound number keeps the punctuation after it on its line (src/lib/remark-stat-punctuation.ts).
      remarkPlugins: [remarkGfm, [remarkTypography, SMARTYPANTS], remarkStatPunctuation],
    }),
  },
  devToolbar: { enabled: false },
  // A trend page whose content and code did not change is copied from the last build, not rendered
  // (its cacheKey: src/lib/content/content-key.ts). `astro build --force` renders every page.
  experimental: { incrementalBuild: true },
});

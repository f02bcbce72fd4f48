/**
 * Fails the build on a link to a page or file of the site that does not exist: a mistyped trend address
 * in an article, an image that was never added, a template that links to a removed page. Every link and
 * loaded file (`a`, `link`, `script`, `img`, `source`) of every built page is resolved against the page
 * and looked up among the built files and the on-demand routes. Links to other sites are not fetched.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { filesIn } from './built-files.ts';
import { scanBuiltPage } from './page-scan.ts';
import { pagePath, scanPage } from '../lib/inline-scripts.ts';
import { articleSlug } from '../lib/content/article-slug.ts';

/**
 * The site paths (no query, no fragment, decoded) of `links` (addresses as written on a page served at
 * `page`), in order: relative ones resolved, absolute ones to `site` kept, others and `mailto:` left out.
 */
export function resolveLinks(links: readonly string[], page: string, site: string): string[] {
  const origin = new URL(site).origin;
  const base = new URL(page, origin);
  const paths: string[] = [];
  for (const value of links) {
    if (value.startsWith('#')) continue;
    let url: URL;
    try {
      url = new URL(value, base);
    } catch {
      continue;
    }
    if (url.origin !== origin) continue;
    try {
      paths.push(decodeURIComponent(url.pathname));
    } catch {
      paths.push(url.pathname);
    }
  }
  return paths;
}

/** The site paths `html`, served at `page`, links to or loads (see `resolveLinks`). */
export function linksOf(html: string, page: string, site: string): string[] {
  return resolveLinks(scanPage(html).links, page, site);
}

/**
 * The links of `pages` (path to the addresses it links to, as written) whose target is neither a built
 * file (`exists`, a path under the output folder) nor the address of an on-demand route (`onDemand`),
 * each once per page.
 */
export function brokenLinks(
  pages: ReadonlyMap<string, readonly string[]>,
  exists: (file: string) => boolean,
  onDemand: readonly RegExp[],
  site: string,
): { page: string; target: string }[] {
  const broken: { page: string; target: string }[] = [];
  const known = new Map<string, boolean>();
  const found = (target: string) =>
    exists(target) ||
    exists(`${target.endsWith('/') ? target : `${target}/`}index.html`) ||
    onDemand.some((pattern) => pattern.test(target) || pattern.test(target.replace(/\/?$/, '/')));
  for (const [page, links] of pages) {
    for (const target of new Set(resolveLinks(links, page, site))) {
      if (!known.has(target)) known.set(target, found(target));
      if (!known.get(target)) broken.push({ page, target });
    }
  }
  return broken;
}

/** The article a series page is written in, when it is one: `content/series/<series>/trends/NN-<slug>.mdx`. */
function articleOf(root: string, page: string): string | undefined {
  const [series, slug, ...rest] = page.split('/').filter(Boolean);
  if (!series || !slug || rest.length > 0) return undefined;
  const dir = join(root, 'content/series', series, 'trends');
  const file = existsSync(dir) ? readdirSync(dir).find((name) => articleSlug(name) === slug) : undefined;
  return file && `content/series/${series}/trends/${file}`;
}

export function linkCheck(): AstroIntegration {
  let onDemand: RegExp[] = [];
  let site = 'http://localhost:4321';
  let root = process.cwd();
  return {
    name: 'link-check',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site ?? site;
        root = fileURLToPath(config.root);
      },
      'astro:routes:resolved': ({ routes }) => {
        onDemand = routes.filter((route) => !route.isPrerendered).map((route) => route.patternRegex);
      },
      'astro:build:done': ({ dir, logger }) => {
        const started = performance.now();
        const client = fileURLToPath(dir);
        const files = new Set(filesIn(client).map((file) => `/${file.split('\\').join('/')}`));
        const pages = new Map(
          [...files]
            .filter((file) => file.endsWith('.html'))
            .map((file) => [pagePath(file.slice(1)), scanBuiltPage(root, join(client, file)).links]),
        );
        const broken = brokenLinks(pages, (file) => files.has(file), onDemand, site);
        if (broken.length > 0) {
          const lines = broken.map(({ page, target }) => {
            const article = articleOf(root, page);
            return `  - ${page}${article ? ` (${article})` : ''} links to ${target}, which no page or file of the site has`;
          });
          throw new Error(
            `${broken.length} broken link${broken.length === 1 ? '' : 's'}:\n${lines.join('\n')}\nFix the address in the article (a trend's address is its file name without the number), or add the file under public/.`,
          );
        }
        logger.info(
          `${pages.size} pages, every link to the site resolves (${Math.round(performance.now() - started)} ms)`,
        );
      },
    },
  };
}

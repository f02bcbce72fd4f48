/**
 * A key over every file under `content/` (names and bytes): the trend pages' `cacheKey` for Astro's
 * incremental build. A trend page shows its own article and figures but also the series around it
 * (titles, order, the other editions, the site's name), so any content change renders every page again,
 * and a build with no content change copies them. Astro adds the page's code, the config and the lockfile.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const keys = new Map<string, string>();

/** The key of the content under `root` (read once per build). */
export function contentKey(root: string = process.cwd()): string {
  const known = keys.get(root);
  if (known) return known;
  const base = join(root, 'content');
  const files = readdirSync(base, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(base, join(d.parentPath, d.name)))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const bytes = readFileSync(join(base, file));
    hash.update(`${file} ${bytes.length}\n`).update(bytes);
  }
  const key = hash.digest('hex').slice(0, 32);
  keys.set(root, key);
  return key;
}

/**
 * The content key joined with what else decides a page beyond the files: which trends are published at
 * this build's moment (a scheduled trend going live renumbers every "n of N") and the site's origin.
 */
export function pageKey(
  series: readonly { id: string; trends: readonly { slug: string }[] }[],
  site: string | undefined,
  root?: string,
): string {
  const published = series.map((s) => `${s.id}:${s.trends.map((trend) => trend.slug).join(',')}`).join(';');
  return createHash('sha256')
    .update(`${contentKey(root)}\n${site ?? ''}\n${published}`)
    .digest('hex')
    .slice(0, 32);
}

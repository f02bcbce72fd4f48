import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The `<title>` of a built page, up to the site's name (` · ML Trends`), or undefined. */
function titleIn(html: string): string | undefined {
  const found = /<title>([^<]*)<\/title>/.exec(html)?.[1];
  if (found === undefined) return undefined;
  const text = found
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
  const cut = text.lastIndexOf(' · ');
  return (cut > 0 ? text.slice(0, cut) : text).trim() || undefined;
}

/**
 * The titles of the built site's pages, by path (`/ml-trends-2021/teams/`): each read from its
 * `index.html` under `clientDir` when first asked, and again when a build rewrites it. A series' report page
 * is rendered on demand, so it has none. Undefined for a path the build does not have.
 */
export function pageTitles(clientDir: string): (page: string) => string | undefined {
  const known = new Map<string, { stamp: string; title: string | undefined }>();
  return (page) => {
    if (!/^\/(?:[a-z0-9][a-z0-9-]*\/)*$/.test(page)) return undefined;
    const file = join(clientDir, page, 'index.html');
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) return undefined;
    const stamp = `${stat.size}:${stat.mtimeMs}`;
    const cached = known.get(page);
    if (cached?.stamp === stamp) return cached.title;
    const title = titleIn(readFileSync(file, 'utf8'));
    if (known.size >= 1000) known.clear();
    known.set(page, { stamp, title });
    return title;
  };
}

/**
 * The short names of the trends of `series` by page path (`/<series>/<slug>/`), from series.yaml's
 * `report.parts[].heads`: the names the PDF's running heads use, short enough for a table's row.
 */
export function shortNames(
  series: readonly { id: string; parts?: readonly { heads?: Readonly<Record<string, string>> | undefined }[] }[],
): (page: string) => string | undefined {
  const names = new Map<string, string>();
  for (const { id, parts = [] } of series)
    for (const part of parts)
      for (const [slug, head] of Object.entries(part.heads ?? {})) names.set(`/${id}/${slug}/`, head);
  return (page) => names.get(page);
}

/**
 * The address of an article: its file name without the number and the extension.
 * "content/series/s/trends/08-io-leaders.mdx" and "08-io-leaders.mdx" -> "io-leaders". The collections,
 * the validation that no two articles share one, `new:trend` and the sitemap all use this one rule.
 */
export function articleSlug(file: string): string {
  return file
    .split('/')
    .pop()!
    .replace(/\.mdx?$/, '')
    .replace(/^\d+-/, '');
}

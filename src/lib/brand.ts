/**
 * The name a page wears in its header, footer, title, social meta, cards and chart images: the series'
 * own `brand` (series.yaml) on that series' pages, else the site's `name` (content/site.yaml).
 */
export function brandOf(site: { name: string }, series?: { data: { brand?: string | undefined } } | null): string {
  return series?.data.brand ?? site.name;
}

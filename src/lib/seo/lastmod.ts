import type { TrendData } from '../schema/trend.ts';
import { isoDate } from '../format.ts';
import { trendModified } from './structured-data.ts';
import { visibleTrends } from '../publication.ts';
import { articleSlug } from '../content/article-slug.ts';

/**
 * The sitemap's `lastmod` of each page, from the content: a trend's `updated` date (else its publication
 * date), a series index's, its sources page's and its
 * report page's newest trend, the home page's newest trend of any series. Trends not published at
 * `now` (drafts, scheduled) are left out.
 */

export interface SeriesDates {
  id: string;
  /** Each article's file (its name gives the URL segment) and frontmatter. */
  trends: { file: string; data: TrendData }[];
}

/** Pathname -> YYYY-MM-DD for every page whose last change the content tells. */
export function lastModified(all: readonly SeriesDates[], now: Date): Map<string, string> {
  const dates = new Map<string, Date>();
  const later = (path: string, date: Date) => {
    const known = dates.get(path);
    if (!known || date > known) dates.set(path, date);
  };
  for (const series of all) {
    for (const trend of visibleTrends(series.trends, now)) {
      const date = trendModified(trend.data);
      later(`/${series.id}/${articleSlug(trend.file)}/`, date);
      later(`/${series.id}/`, date);
      later(`/${series.id}/sources/`, date);
      later(`/${series.id}/report/`, date);
      later('/', date);
    }
  }
  return new Map([...dates].map(([path, date]) => [path, isoDate(date)]));
}

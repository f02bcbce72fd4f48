import { readSite } from '../../lib/content/files.ts';
import { readSeriesFromDisk } from '../../lib/content/series-files.ts';
import { articleSlug } from '../../lib/content/article-slug.ts';
import { sortBySeriesOrder } from '../../lib/series-order.ts';
import type { Card } from '../../lib/social-image/card.ts';
import {
  homeCard,
  reportCard,
  seriesCard,
  socialImagePath,
  sourcesCard,
  trendCard,
} from '../../lib/social-image/cards.ts';
import { readSummaries } from '../../lib/content/summaries.ts';
import { seriesSources } from '../../lib/trend-sources.ts';
import { buildNow } from '../../lib/content/build-now.ts';
import { publishedFigures, visibleTrends } from '../../lib/publication.ts';

/**
 * Every social image the built site links to, with the card it shows: each trend published at the build's
 * moment (`buildNow`), each series
 * index and report page, and the home page. Read from the content files by the readers the build's
 * validation and the series manifest use, so the images match the pages.
 */
export function siteCards(root: string): { path: string; card: Card }[] {
  const site = readSite(root);
  const now = buildNow();
  const { summaries } = readSummaries(root, false, now);
  const cards = summaries.flatMap((series) => {
    const disk = readSeriesFromDisk(root, series.id);
    const { trends } = disk;
    const { figures } = publishedFigures(disk, now);
    const published = sortBySeriesOrder(visibleTrends(trends, now).map((t) => ({ ...t, order: t.data.order })));
    return [
      ...published.map((trend, i) => ({
        path: socialImagePath(`${series.href}${articleSlug(trend.file)}/`),
        card: trendCard({ site, series, trend: trend.data, position: i + 1, total: published.length, figures }),
      })),
      { path: socialImagePath(series.href), card: seriesCard(site, series, figures) },
      { path: socialImagePath(`${series.href}report/`), card: reportCard(site, series) },
      {
        path: socialImagePath(`${series.href}sources/`),
        card: sourcesCard(
          site,
          series,
          seriesSources(
            figures,
            published.map((t) => ({ data: t.data, body: t.source })),
          ).sources.length,
        ),
      },
    ];
  });
  const [featured] = summaries;
  if (!featured) return cards;
  return [...cards, { path: socialImagePath('/'), card: homeCard(site, featured) }];
}

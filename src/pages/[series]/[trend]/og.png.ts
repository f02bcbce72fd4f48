import type { APIRoute, GetStaticPaths } from 'astro';
import { getAllSeries, type Series, type Trend } from '../../../data/series.ts';
import { findSummary } from '../../../data/series-summary.ts';
import { site } from '../../../data/site.ts';
import { cardResponse } from '../../../integrations/social-images/index.ts';
import { socialImagePath, trendCard } from '../../../lib/social-image/cards.ts';
import { neighbours } from '../../../lib/series-order.ts';

/** Each trend's social image, /<series>/<trend>/og.png: its title, position and key chart. */
export const getStaticPaths = (async () =>
  (await getAllSeries()).flatMap((series) =>
    series.trends.map((trend) => ({ params: { series: series.id, trend: trend.slug }, props: { series, trend } })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute<{ series: Series; trend: Trend }> = ({ props }) => {
  const { series, trend } = props;
  const card = trendCard({
    site,
    series: findSummary(series.id)!,
    trend: trend.data,
    ...neighbours(series.trends, trend),
    figures: series.figures,
  });
  return cardResponse(card, socialImagePath(trend.href));
};

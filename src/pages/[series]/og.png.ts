import type { APIRoute, GetStaticPaths } from 'astro';
import { allSummaries } from '../../data/series-summary.ts';
import { site } from '../../data/site.ts';
import { cardResponse } from '../../integrations/social-images/index.ts';
import { seriesCard, socialImagePath } from '../../lib/social-image/cards.ts';
import type { SeriesSummary } from '../../lib/series-summary.ts';

/** Each series index's social image, /<series>/og.png. */
export const getStaticPaths = (() =>
  allSummaries().map((series) => ({ params: { series: series.id }, props: { series } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ series: SeriesSummary }> = ({ props }) =>
  cardResponse(seriesCard(site, props.series), socialImagePath(props.series.href));

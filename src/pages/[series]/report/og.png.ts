import type { APIRoute, GetStaticPaths } from 'astro';
import { allSummaries } from '../../../data/series-summary.ts';
import { site } from '../../../data/site.ts';
import { cardResponse } from '../../../integrations/social-images/index.ts';
import { reportCard, socialImagePath } from '../../../lib/social-image/cards.ts';
import type { SeriesSummary } from '../../../lib/series-summary.ts';

/** Each report page's social image, /<series>/report/og.png (prerendered, though the page is on demand). */
export const getStaticPaths = (() =>
  allSummaries().map((series) => ({ params: { series: series.id }, props: { series } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ series: SeriesSummary }> = ({ props }) =>
  cardResponse(reportCard(site, props.series), socialImagePath(`${props.series.href}report/`));

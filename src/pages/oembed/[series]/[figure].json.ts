/**
 * A figure's oEmbed answer, /oembed/<series>/<figure>.json: a static `rich` response (https://oembed.com/)
 * whose HTML frames the figure's embed page. Articles and embed pages name it in a discovery `<link>`.
 */
import type { APIRoute } from 'astro';
import { brandOf } from '../../../lib/brand.ts';
import { getAllSeries, type Series } from '../../../data/series.ts';
import { site } from '../../../data/site.ts';
import { chartLayout } from '../../../lib/chart/layout.ts';
import type { Figure } from '../../../lib/schema/figure.ts';
import { embedHref, figureImageHref, oembedRich } from '../../../lib/reuse.ts';
import { figurePngSize } from '../../../lib/figure-image.ts';
import { surveyCredit } from '../../../lib/chart/summary.ts';
import { typesetFigure } from '../../../lib/typography.ts';
import { figureTrend } from '../../../components/figure/reuse-data.ts';

export async function getStaticPaths() {
  return (await getAllSeries()).flatMap((series) =>
    series.figures
      .filter((figure) => figureTrend(series, figure.id, ''))
      .map((figure) => ({ params: { series: series.id, figure: figure.id }, props: { series, figure } })),
  );
}

export const GET: APIRoute<{ series: Series; figure: Figure }> = ({ props, site: origin, url }) => {
  const { series, figure } = props;
  const base = origin ?? new URL(url.origin);
  const trend = figureTrend(series, figure.id, '')!;
  const answer = oembedRich({
    embedUrl: new URL(embedHref(trend.href, figure.id), base).href,
    title: figure.title,
    chartHeight: chartLayout(figure).height,
    author: trend.data.author,
    articleUrl: new URL(trend.href, base).href,
    siteName: brandOf(site, series),
    siteUrl: new URL('/', base).href,
    thumbnail: {
      url: new URL(figureImageHref(series.id, figure.id, 'png'), base).href,
      ...figurePngSize(typesetFigure(figure), surveyCredit(series.data)),
    },
  });
  return new Response(`${JSON.stringify(answer, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};

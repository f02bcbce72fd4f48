import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { seriesPaths, type Series } from '../../data/series.ts';

export const getStaticPaths = seriesPaths satisfies GetStaticPaths;

/** The series feed: every trend, in series order. */
export const GET: APIRoute<{ series: Series }> = ({ props, site }) => {
  const { series } = props;
  return rss({
    title: series.data.title,
    description: series.data.description,
    site: new URL(series.href, site),
    items: series.trends.map((trend) => ({
      title: trend.data.title,
      description: trend.data.summary,
      link: trend.href,
      pubDate: trend.data.published,
      author: trend.data.author,
    })),
    customData: `<language>${series.data.language}</language>`,
  });
};

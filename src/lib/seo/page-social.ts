import type { Figure } from '../schema/figure.ts';
import type { SiteData } from '../schema/site.ts';
import { brandOf } from '../brand.ts';
import type { TrendData } from '../schema/trend.ts';
import type { SeriesSummary } from '../series-summary.ts';
import { neighbours } from '../series-order.ts';
import { CARD_SIZE, type Card } from '../social-image/card.ts';
import { cardAlt } from '../social-image/alt.ts';
import { seriesSources } from '../trend-sources.ts';
import { homeCard, reportCard, seriesCard, socialImagePath, sourcesCard, trendCard } from '../social-image/cards.ts';
import type { JsonLdNode } from './json-ld.ts';
import {
  articleNode,
  breadcrumbs,
  datasetNode,
  seriesNode,
  trendModified,
  websiteNode,
  type ImageRef,
  type SiteContext,
} from './structured-data.ts';

/**
 * What a page tells social networks and search engines, decided from its path and the series it shows:
 * its `og:type`, its social image (the card the build draws as `og.png` beside it, and that card's
 * alternative text) and its JSON-LD nodes.
 */

export interface PageSocial {
  type: 'article' | 'website';
  image: ImageRef;
  jsonLd: JsonLdNode[];
  /** Article pages: publication and last change. */
  published?: Date;
  modified?: Date;
}

/** A series as a prerendered series page has it (`Astro.locals.series`). */
export interface SeriesPage {
  id: string;
  href: string;
  data: SeriesSummary['data'];
  figures: Figure[];
  /** Each trend with its MDX entry, whose body names sources beyond the frontmatter (the sources page counts them). */
  trends: { href: string; order: number; data: TrendData; entry?: { body?: string | undefined } | undefined }[];
}

export interface PageContext {
  /** The page's pathname, e.g. "/ml-trends-2021/governance/". */
  path: string;
  site: SiteData;
  origin: URL;
  /** The page's series with its content, on prerendered series pages. */
  series?: SeriesPage | undefined;
  /** Summaries of every series (the build's manifest), newest first. */
  summaries: readonly SeriesSummary[];
}

const image = (href: string, card: Card): ImageRef => ({
  href: socialImagePath(href),
  ...CARD_SIZE,
  alt: cardAlt(card),
});

/** The social meta and structured data of the page at `context.path`. */
export function pageSocial(context: PageContext): PageSocial {
  const { path, site, series, summaries } = context;
  const featured = summaries[0];
  const summary = summaries.find((s) => path.startsWith(s.href));
  // A series' pages are published under its own brand where it has one; the home link stays the site's.
  const ctx: SiteContext = { origin: context.origin, name: brandOf(site, summary) };
  const home = { name: site.name, href: '/' };
  const trend = series?.trends.find((t) => t.href === path);

  if (series && summary && trend) {
    const { position, total } = neighbours(series.trends, trend);
    const card = trendCard({ site, series: summary, trend: trend.data, position, total, figures: series.figures });
    const img = image(trend.href, card);
    const ref = { href: trend.href, data: trend.data, position };
    const figures = trend.data.figures.flatMap((id) => series.figures.filter((f) => f.id === id));
    return {
      type: 'article',
      image: img,
      published: trend.data.published,
      modified: trendModified(trend.data),
      jsonLd: [
        articleNode(ctx, series, ref, img),
        breadcrumbs(ctx, [
          home,
          { name: series.data.shortTitle, href: series.href },
          { name: trend.data.title, href: trend.href },
        ]),
        ...figures.map((figure) => datasetNode(ctx, series, ref, figure)),
      ],
    };
  }
  if (series && summary && path === series.href) {
    // The card the build draws (its lead chart, from the series' figures), so that the alt text describes it.
    const img = image(series.href, seriesCard(site, summary, series.figures));
    const trends = series.trends.map((t) => ({
      href: t.href,
      data: t.data,
      position: neighbours(series.trends, t).position,
    }));
    return {
      type: 'website',
      image: img,
      jsonLd: [
        seriesNode(ctx, series, trends, img),
        breadcrumbs(ctx, [home, { name: series.data.shortTitle, href: series.href }]),
      ],
    };
  }
  if (summary && path === `${summary.href}report/`) {
    const img = image(path, reportCard(site, summary));
    const steps = [
      home,
      { name: summary.data.shortTitle, href: summary.href },
      { name: summary.data.report.title, href: path },
    ];
    return { type: 'website', image: img, jsonLd: [breadcrumbs(ctx, steps)] };
  }
  if (summary && path === `${summary.href}sources/`) {
    // The page's list of sources, counted as the page counts it (the series' pages set `series`).
    const count =
      series &&
      seriesSources(
        series.figures,
        series.trends.map((t) => ({ data: t.data, body: t.entry?.body })),
      ).sources.length;
    const img = image(path, sourcesCard(site, summary, count));
    const steps = [
      home,
      { name: summary.data.shortTitle, href: summary.href },
      { name: 'Sources and method', href: path },
    ];
    return { type: 'website', image: img, jsonLd: [breadcrumbs(ctx, steps)] };
  }
  if (!featured) throw new Error('No series found: add content/series/<series>/series.yaml');
  const img = image('/', homeCard(site, featured));
  return {
    type: 'website',
    image: img,
    jsonLd: path === '/' ? [websiteNode(ctx, site.locale, featured.data.description)] : [],
  };
}

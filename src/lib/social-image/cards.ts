import type { Figure } from '../schema/figure.ts';
import type { SiteData } from '../schema/site.ts';
import type { TrendData } from '../schema/trend.ts';
import type { SeriesSummary } from '../series-summary.ts';
import { countOf, formatPercent } from '../format.ts';
import type { OverviewCard, TrendCard } from './card.ts';

/** What each page's social image shows, from the content: one builder per page type. */

/** The URL of a page's social image: `og.png` beside the page (`/s/t/` -> `/s/t/og.png`). */
export const socialImagePath = (pageHref: string) => `${pageHref.endsWith('/') ? pageHref : `${pageHref}/`}og.png`;

/** A trend's key chart: its `keyFigure`, else the first figure it uses, else none. */
export function keyFigureOf(trend: TrendData, figures: readonly Figure[]): Figure | undefined {
  const id = trend.keyFigure?.figure ?? trend.figures[0];
  return id === undefined ? undefined : figures.find((f) => f.id === id);
}

const footer = (site: SiteData, series: SeriesSummary) => `${site.name} · ${series.data.editionLabel}`;
const numbers = (series: SeriesSummary) =>
  series.keyNumbers.map((n) => ({ value: formatPercent(n.value), label: n.label }));

export function trendCard(options: {
  site: SiteData;
  series: SeriesSummary;
  trend: TrendData;
  position: number;
  total: number;
  figures: readonly Figure[];
}): TrendCard {
  const { site, series, trend, position, total, figures } = options;
  return {
    kind: 'trend',
    series: series.data.title,
    position,
    total,
    title: trend.title,
    summary: trend.summary,
    figure: keyFigureOf(trend, figures),
    footer: footer(site, series),
  };
}

/** The series index: its edition, title, description and the report's headline numbers. */
export const seriesCard = (site: SiteData, series: SeriesSummary): OverviewCard => ({
  kind: 'overview',
  eyebrow: `${series.data.editionLabel} · ${countOf(series.trendCount, 'trend')}`,
  title: series.data.title,
  subtitle: series.data.description,
  numbers: numbers(series),
  footer: footer(site, series),
});

/** The report page: the report's title and subtitle and its headline numbers. */
export const reportCard = (site: SiteData, series: SeriesSummary): OverviewCard => ({
  kind: 'overview',
  eyebrow: 'The full report · free PDF',
  title: series.data.report.title,
  subtitle: series.data.report.subtitle,
  numbers: numbers(series),
  footer: footer(site, series),
});

/** The home page: the site, and the newest series it features. */
export const homeCard = (site: SiteData, featured: SeriesSummary): OverviewCard => ({
  kind: 'overview',
  eyebrow: `${site.name} · featured series`,
  title: featured.data.title,
  subtitle: featured.data.summary,
  numbers: numbers(featured),
  footer: `${site.name} · ${featured.data.editionLabel}`,
});

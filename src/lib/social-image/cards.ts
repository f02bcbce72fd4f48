import type { Figure } from '../schema/figure.ts';
import type { SiteData } from '../schema/site.ts';
import type { TrendData } from '../schema/trend.ts';
import type { SeriesSummary } from '../series-summary.ts';
import { countOf, formatPercent } from '../format.ts';
import type { OverviewCard, TrendCard } from './card.ts';
import { figureSourceLine, figureSubtitle, surveyCredit } from '../chart/summary.ts';
import { typesetFigure } from '../typography.ts';

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
  series.keyNumbers.slice(0, 3).map((n) => ({ value: formatPercent(n.value), label: n.label }));

/** Words that carry no finding, left out when comparing a headline with a chart title. */
const FILLER = new Set(
  'a an the of in on at to for and or but by with as is are was were be its their it they that this than from into more most'.split(
    ' ',
  ),
);
const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .replace(/[^a-z0-9%]+/g, ' ')
      .split(' ')
      .filter((w) => w && !FILLER.has(w))
      // "models" and "model", "leaders" and "leader": one word.
      .map((w) => w.replace(/(?<=[a-z]{3})s$/, '')),
  );

/**
 * Whether a chart's title says again what the card's headline says: half or more of the shorter one's
 * words (leaving out "the", "of", "more" and the like, plurals folded) are in the other.
 */
export function repeatsHeadline(headline: string, chartTitle: string): boolean {
  const a = words(headline);
  const b = words(chartTitle);
  const shared = [...b].filter((w) => a.has(w)).length;
  return shared >= Math.min(a.size, b.size) / 2;
}

/**
 * The line under the headline numbers of an overview card: the survey, who reported the numbers, and
 * their base ("survey of 403; base not published" where no source states it).
 */
export function numbersCredit(series: SeriesSummary): string | undefined {
  const shown = series.keyNumbers.slice(0, 3);
  if (shown.length === 0) return undefined;
  const unique = (items: string[]) => [...new Set(items)];
  const { publisher, title } = surveyCredit(series.data);
  const survey = [publisher, title].filter(Boolean).join(', ');
  const bases = unique(shown.map((n) => n.base));
  const base = bases.length === 1 ? bases[0]! : shown.map((n) => `${formatPercent(n.value)}: ${n.base}`).join('; ');
  const sources = unique(shown.map((n) => n.source));
  const reported = sources.length > 1 ? `${sources.slice(0, -1).join(', ')} and ${sources.at(-1)}` : sources[0];
  return `Source: ${survey}, as reported by ${reported}. ${base.charAt(0).toUpperCase()}${base.slice(1)}.`;
}

export function trendCard(options: {
  site: SiteData;
  series: SeriesSummary;
  trend: TrendData;
  position: number;
  total: number;
  figures: readonly Figure[];
}): TrendCard {
  const { site, series, trend, position, total, figures } = options;
  const key = keyFigureOf(trend, figures);
  const figure = key && typesetFigure(key);
  return {
    kind: 'trend',
    series: series.data.title,
    position,
    total,
    title: trend.title,
    summary: trend.summary,
    figure,
    // The headline carries the finding: a chart title that says it again gives way to the chart.
    chartTitle: figure && !repeatsHeadline(trend.title, figure.title) ? figure.title : undefined,
    credit: figure
      ? `${figureSubtitle(figure, series.data.survey.respondents)}. ${figureSourceLine(figure, surveyCredit(series.data))}`
      : undefined,
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
  credit: numbersCredit(series),
  footer: footer(site, series),
});

/** The report page: the report's title and subtitle and its headline numbers. */
export const reportCard = (site: SiteData, series: SeriesSummary): OverviewCard => ({
  kind: 'overview',
  eyebrow: 'The full report · free PDF',
  title: series.data.report.title,
  subtitle: series.data.report.subtitle,
  numbers: numbers(series),
  credit: numbersCredit(series),
  footer: footer(site, series),
});

/** The home page: the site, and the newest series it features. */
export const homeCard = (site: SiteData, featured: SeriesSummary): OverviewCard => ({
  kind: 'overview',
  eyebrow: `${site.name} · featured series`,
  title: featured.data.title,
  subtitle: featured.data.summary,
  numbers: numbers(featured),
  credit: numbersCredit(featured),
  footer: `${site.name} · ${featured.data.editionLabel}`,
});

import type { Figure } from '../schema/figure.ts';
import type { SeriesData } from '../schema/series.ts';
import type { TrendData } from '../schema/trend.ts';
import { figureSources } from '../figures.ts';
import { citationText, sourceTitle } from '../citation.ts';
import { isoDate, unitNoun } from '../format.ts';
import { unitSpec } from '../chart/unit.ts';
import { figureDataHref } from '../hrefs.ts';
import type { JsonLdNode } from './json-ld.ts';
import { baseNote, questionLine, respondentsText } from '../chart/summary.ts';

/**
 * Builders of the schema.org nodes of each page type, pure functions of the content: a trend is an
 * `Article` in its series (`CreativeWorkSeries`), with a `Dataset` per figure whose distribution is the
 * figure's CSV and JSON downloads; every page below the home page has a `BreadcrumbList`.
 */

/** What every builder needs to make absolute URLs and name the site. */
export interface SiteContext {
  /** The public origin, from Astro's `site`. */
  origin: URL;
  name: string;
}

export interface SeriesRef {
  id: string;
  href: string;
  data: SeriesData;
}

export interface TrendRef {
  href: string;
  data: TrendData;
  position: number;
}

export interface ImageRef {
  href: string;
  width: number;
  height: number;
  alt: string;
}

const url = (site: SiteContext, href: string) => new URL(href, site.origin).href;
/** Node ids: the page's URL and a fragment naming what the node is. */
const seriesId = (site: SiteContext, series: SeriesRef) => `${url(site, series.href)}#series`;

/** The date a trend last changed: its `updated` date, or its publication date. */
export const trendModified = (trend: TrendData): Date => trend.updated ?? trend.published;

const organization = (name: string) => ({ '@type': 'Organization', name });

function imageObject(site: SiteContext, image: ImageRef) {
  return {
    '@type': 'ImageObject',
    url: url(site, image.href),
    width: image.width,
    height: image.height,
    caption: image.alt,
  };
}

/** Home › series › … : each step a name and a root-relative href. */
export function breadcrumbs(site: SiteContext, steps: { name: string; href: string }[]): JsonLdNode {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: steps.map((step, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: step.name,
      item: url(site, step.href),
    })),
  };
}

/** The series as a whole: a `CreativeWorkSeries` whose parts are its trends. */
export function seriesNode(
  site: SiteContext,
  series: SeriesRef,
  trends: readonly TrendRef[],
  image?: ImageRef,
): JsonLdNode {
  return {
    '@type': 'CreativeWorkSeries',
    '@id': seriesId(site, series),
    name: series.data.title,
    alternateName: series.data.shortTitle,
    description: series.data.description,
    url: url(site, series.href),
    inLanguage: series.data.language,
    author: organization(series.data.author),
    publisher: organization(site.name),
    ...(image ? { image: imageObject(site, image) } : {}),
    hasPart: trends.map((trend) => ({
      '@type': 'Article',
      headline: trend.data.title,
      url: url(site, trend.href),
      position: trend.position,
    })),
  };
}

/** A trend article, part of its series. */
export function articleNode(site: SiteContext, series: SeriesRef, trend: TrendRef, image: ImageRef): JsonLdNode {
  return {
    '@type': 'Article',
    '@id': `${url(site, trend.href)}#article`,
    headline: trend.data.title,
    description: trend.data.summary,
    url: url(site, trend.href),
    mainEntityOfPage: url(site, trend.href),
    inLanguage: series.data.language,
    author: organization(trend.data.author),
    publisher: organization(site.name),
    datePublished: isoDate(trend.data.published),
    dateModified: isoDate(trendModified(trend.data)),
    image: imageObject(site, image),
    position: trend.position,
    isPartOf: {
      '@type': 'CreativeWorkSeries',
      '@id': seriesId(site, series),
      name: series.data.title,
      url: url(site, series.href),
    },
  };
}

/**
 * A value's unit as schema.org's free-text `unitText`: "percent", "days", "count a week", "score", or a currency's
 * ISO code. Round 12 found an own survey's means and days described as percentages.
 */
function unitText(figure: Figure): string {
  if (figure.unit === 'currency') return figure.currency ?? 'currency';
  if (figure.unit === 'count') return figure.per ? `count a ${figure.per}` : 'count';
  return figure.unit;
}

/** What a value measures, before whom: "Share of", "Number of days,". */
const measures = (figure: Figure) => {
  const noun = unitNoun(unitSpec(figure));
  return figure.unit === 'percent' ? 'Share of' : `${noun[0]!.toUpperCase()}${noun.slice(1)},`;
};

/** "percentages", or the unit's noun ("number of days"). */
const valuesAre = (figure: Figure) => (figure.unit === 'percent' ? 'percentages' : `in ${unitText(figure)}`);

/** One figure as a `Dataset`: its question and base, its downloads, its source and the values it measures. */
export function datasetNode(site: SiteContext, series: SeriesRef, trend: TrendRef, figure: Figure): JsonLdNode {
  const sources = figureSources(figure);
  const base = baseNote(figure, series.data.survey.respondents);
  return {
    '@type': 'Dataset',
    '@id': `${url(site, trend.href)}#figure-${figure.id}`,
    name: figure.title,
    description: `${questionLine(figure)} Base: ${base}. Values are ${valuesAre(figure)}, from the survey behind "${series.data.title}".${figure.note ? ` ${figure.note}` : ''}`,
    url: `${url(site, trend.href)}#figure-${figure.id}`,
    inLanguage: series.data.language,
    creator: organization(series.data.author),
    isPartOf: { '@id': seriesId(site, series) },
    measurementTechnique: 'Survey',
    variableMeasured: figure.rows.map((row) => ({
      '@type': 'PropertyValue',
      name: row.label,
      value: row.value,
      unitText: unitText(figure),
      description: `${measures(figure)} ${respondentsText(figure, series.data.survey.respondents)}${row.derived ? ' (derived)' : ''}`,
    })),
    distribution: (['csv', 'json'] as const).map((format) => ({
      '@type': 'DataDownload',
      encodingFormat: format === 'csv' ? 'text/csv' : 'application/json',
      contentUrl: url(site, figureDataHref(series.id, figure.id, format)),
    })),
    citation: sources.map(citationText),
    isBasedOn: sources.map((source) => ({
      '@type': 'CreativeWork',
      name: sourceTitle(source),
      ...(source.author ? { author: source.author } : {}),
      ...(source.outlet ? { publisher: source.outlet } : {}),
      ...(source.url ? { url: source.url } : {}),
    })),
  };
}

/** The site itself, on the home page. */
export function websiteNode(site: SiteContext, language: string, description: string): JsonLdNode {
  return {
    '@type': 'WebSite',
    '@id': `${url(site, '/')}#website`,
    name: site.name,
    url: url(site, '/'),
    inLanguage: language,
    description,
    publisher: organization(site.name),
  };
}

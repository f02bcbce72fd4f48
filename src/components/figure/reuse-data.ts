/**
 * Everything a figure's reuse block, its embed page and its article's citation need, from the series a
 * page renders: the trend a figure belongs to, its addresses, its citations and the dataset's version.
 */
import { figureDataHref, type Series, type Trend } from '../../data/series.ts';
import { brandOf } from '../../lib/brand.ts';
import { site } from '../../data/site.ts';
import { citationBibtex, citationPlain, datasetVersion, type CitedWork } from '../../lib/citation.ts';
import { publicFigure } from '../../lib/figures.ts';
import type { Figure } from '../../lib/schema/figure.ts';
import { embedHref, figureImageHref, figurePermalink, oembedHref } from '../../lib/reuse.ts';
import { drawnFigureIds } from '../../lib/mdx-refs.ts';

const versions = new WeakMap<Series, string>();

/** The version of the series' published data (see `datasetVersion`), computed once per series. */
export function seriesDatasetVersion(series: Series): string {
  let version = versions.get(series);
  if (!version) {
    version = datasetVersion(series.data.edition, series.figures.map(publicFigure));
    versions.set(series, version);
  }
  return version;
}

const drawn = new WeakMap<Trend, readonly string[]>();

/** The figures an article draws as charts (`<Figure id>`), not those it only quotes with `<Stat>`. */
export function trendDrawnFigures(trend: Trend): readonly string[] {
  let ids = drawn.get(trend);
  if (!ids) {
    ids = drawnFigureIds(trend.entry.body ?? '');
    drawn.set(trend, ids);
  }
  return ids;
}

/**
 * The trend a figure is reused from: the page's own where it draws the figure, else the first that draws
 * it; undefined for a figure no published article draws as a chart (only `<Stat>` binds it), which gets
 * no image, embed page, oEmbed answer or figure citation.
 */
export function figureTrend(series: Series, figureId: string, pathname: string): Trend | undefined {
  const showing = drawingTrends(series).get(figureId) ?? [];
  return showing.find((t) => pathname.startsWith(t.href)) ?? showing[0];
}

const drawing = new WeakMap<Series, ReadonlyMap<string, readonly Trend[]>>();

/** Per figure id, the trends that draw it, in series order: made once per series (a build asks per figure). */
function drawingTrends(series: Series): ReadonlyMap<string, readonly Trend[]> {
  let map = drawing.get(series);
  if (!map) {
    const byFigure = new Map<string, Trend[]>();
    for (const trend of series.trends)
      for (const id of new Set(trendDrawnFigures(trend))) {
        const list = byFigure.get(id);
        if (list) list.push(trend);
        else byFigure.set(id, [trend]);
      }
    map = byFigure;
    drawing.set(series, map);
  }
  return map;
}

/** An article as cited. */
export function articleWork(series: Series, trend: Trend, origin: URL): CitedWork {
  return {
    author: trend.data.author,
    title: trend.data.title,
    kind: 'article',
    series: series.data.title,
    publisher: brandOf(site, series),
    published: trend.data.published,
    updated: trend.data.updated,
    url: new URL(trend.href, origin).href,
    datasetVersion: seriesDatasetVersion(series),
  };
}

export interface FigureReuseData {
  trend: Trend;
  articleUrl: string;
  /** Root-relative and absolute address of the embed page. */
  embedHref: string;
  embedUrl: string;
  oembedHref: string;
  downloads: { label: string; href: string; file: string }[];
  citation: { text: string; bibtex: string };
}

/** What a figure offers for reuse, or undefined for a figure no published trend shows (no embed page). */
export function figureReuse(
  series: Series,
  figure: Figure,
  pathname: string,
  origin: URL,
): FigureReuseData | undefined {
  const trend = figureTrend(series, figure.id, pathname);
  if (!trend) return undefined;
  const article = articleWork(series, trend, origin);
  const embed = embedHref(trend.href, figure.id);
  // A figure is cited by its place in the article (<article>#figure-<id>), where it is read with the text
  // around it; the embed page is for framing, not for citing.
  const work: CitedWork = {
    ...article,
    kind: 'figure',
    title: figure.title,
    article: trend.data.title,
    url: figurePermalink(article.url, figure.id),
  };
  return {
    trend,
    articleUrl: article.url,
    embedHref: embed,
    embedUrl: new URL(embed, origin).href,
    oembedHref: oembedHref(series.id, figure.id),
    downloads: [
      // The download is the 2× PNG (2400 px wide), saved under the figure's plain name.
      { label: 'PNG', href: figureImageHref(series.id, figure.id, 'png', '@2x'), file: `${figure.id}.png` },
      { label: 'SVG', href: figureImageHref(series.id, figure.id, 'svg'), file: `${figure.id}.svg` },
      { label: 'CSV', href: figureDataHref(series.id, figure.id, 'csv'), file: `${figure.id}.csv` },
      { label: 'JSON', href: figureDataHref(series.id, figure.id, 'json'), file: `${figure.id}.json` },
    ],
    citation: { text: citationPlain(work), bibtex: citationBibtex(work, `${series.id}-${figure.id}`) },
  };
}

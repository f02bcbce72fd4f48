import type { Figure } from './schema/figure.ts';
import type { Source } from './schema/source.ts';
import type { TrendData } from './schema/trend.ts';
import { articleSources, figureSources, sourceIndex, type SourceUse } from './figures.ts';
import { figureIdsUsed, findComponentRefs } from './mdx-refs.ts';
import {
  namedSourceProblems,
  proseForNames,
  sourceRegistry,
  sourcesNamedIn,
  sourcesToAdd,
  type NamedSource,
} from './named-sources.ts';

interface TrendText {
  data: TrendData;
  /** The MDX body (with or without its frontmatter). */
  body?: string | undefined;
}

/** Every source a series knows (src/lib/named-sources.ts): its figures' sources, then its articles' frontmatter. */
export function seriesSourceRegistry(figures: readonly Figure[], trends: readonly { data: TrendData }[]): Source[] {
  return sourceRegistry([...figures.map(figureSources), ...trends.map((trend) => trend.data.sources)]);
}

/** The sources of the registry an article's headline, deck and body name (the headline and deck as line 1). */
export function trendNamedSources(trend: TrendText, registry: readonly Source[]): NamedSource[] {
  const body = sourcesNamedIn(proseForNames(trend.body ?? ''), registry);
  const head = sourcesNamedIn(`${trend.data.title}\n${trend.data.summary}`, registry).map((named) => ({
    ...named,
    line: 1,
  }));
  const byName = new Map<string, NamedSource>();
  for (const named of [...head, ...body]) if (!byName.has(named.name)) byName.set(named.name, named);
  return [...byName.values()];
}

function listedSources(trend: TrendText, figures: readonly Figure[]): Source[] {
  const bound = [
    ...figureIdsUsed(findComponentRefs(trend.body ?? '')),
    ...trend.data.figures,
    ...(trend.data.keyFigure ? [trend.data.keyFigure.figure] : []),
  ];
  return articleSources(trend.data.sources, bound, figures);
}

/**
 * The sources an article rests on, once each: those its frontmatter names for statements no figure carries,
 * then those of every figure it binds (its `figures:` list, each <Stat> and <Figure> in its body, its key
 * figure), with the sources of their rows, then those its text names (`registry`: every source the series knows,
 * see `seriesSourceRegistry`). The article's source list and the series' sources page both use it.
 */
export function trendSources(trend: TrendText, figures: readonly Figure[], registry: readonly Source[] = []): Source[] {
  const listed = listedSources(trend, figures);
  return [...listed, ...sourcesToAdd(listed, trendNamedSources(trend, registry))];
}

/**
 * Names in an article's text that its source list cannot resolve (a name several sources share, none of them
 * listed), each naming file, line and the sources it could be. The build refuses them.
 */
export function trendSourceNameProblems(
  file: string,
  trend: TrendText,
  figures: readonly Figure[],
  registry: readonly Source[],
): string[] {
  return namedSourceProblems(file, listedSources(trend, figures), trendNamedSources(trend, registry));
}

/**
 * The sources page's list: every source of the series' figures, then what each article cites beyond them (its
 * frontmatter's sources and those its text names), once each; with each article's own sources, for the page's
 * "used in" links. The page and its social image count the same list.
 */
export function seriesSources<T extends TrendText>(
  figures: readonly Figure[],
  trends: readonly T[],
): { sources: SourceUse[]; perTrend: { trend: T; sources: Source[] }[] } {
  const registry = seriesSourceRegistry(figures, trends);
  const perTrend = trends.map((trend) => ({ trend, sources: trendSources(trend, figures, registry) }));
  const figureKeys = new Set(figures.flatMap(figureSources).map((s) => s.key));
  const sources = sourceIndex(
    figures,
    perTrend.map(({ trend, sources: used }) => ({
      title: trend.data.title,
      sources: used.filter((s) => !figureKeys.has(s.key) || trend.data.sources.some((t) => t.key === s.key)),
    })),
  );
  return { sources, perTrend };
}

/**
 * The chapters, by their order, that cite the source `key`, as `seriesSources` reads each article: its
 * frontmatter lists it, a figure it binds is drawn from it, or its text names it. The report's list of sources
 * says what each supports from this (round 17: an entry read "Supports: Chapter 9" from frontmatter alone, while
 * the chapter that discusses the source, by name, went unlisted).
 */
export function chaptersCiting<T>(
  perTrend: readonly { trend: T; sources: readonly Source[] }[],
  key: string,
  order: (trend: T) => number,
): number[] {
  return perTrend.filter(({ sources }) => sources.some((s) => s.key === key)).map(({ trend }) => order(trend));
}

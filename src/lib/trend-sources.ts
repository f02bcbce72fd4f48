import type { Figure } from './schema/figure.ts';
import type { Source } from './schema/source.ts';
import type { TrendData } from './schema/trend.ts';
import { articleSources } from './figures.ts';
import { figureIdsUsed, findComponentRefs } from './mdx-refs.ts';

/**
 * The sources an article rests on, once each: those its frontmatter names for statements no figure carries,
 * then those of every figure it binds (its `figures:` list, each <Stat> and <Figure> in its body, its key
 * figure), with the sources of their rows. The article's source list and the series' sources page both use it.
 */
export function trendSources(
  trend: { data: TrendData; body?: string | undefined },
  figures: readonly Figure[],
): Source[] {
  const bound = [
    ...figureIdsUsed(findComponentRefs(trend.body ?? '')),
    ...trend.data.figures,
    ...(trend.data.keyFigure ? [trend.data.keyFigure.figure] : []),
  ];
  return articleSources(trend.data.sources, bound, figures);
}

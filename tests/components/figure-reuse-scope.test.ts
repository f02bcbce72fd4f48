import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import ArticleHead from '../../src/components/figure/ArticleHead.astro';
import FigureReuse from '../../src/components/figure/FigureReuse.astro';
import { figureReuse, figureTrend, trendDrawnFigures } from '../../src/components/figure/reuse-data.ts';
import * as embedPage from '../../src/pages/[series]/[trend]/embed/[figure].astro';
import { getStaticPaths as oembedPaths } from '../../src/pages/oembed/[series]/[figure].json.ts';
import { getAllSeries, type Series } from '../../src/data/series.ts';

/**
 * Reuse files are for charts: a figure an article draws with <Figure id> gets an embed page, an oEmbed
 * answer and discovery link, and a citation as a figure that points at its place in the article; a figure
 * only quoted in a sentence with <Stat> gets none of these (its CSV and JSON stay: figure-files.ts).
 */
let container: AstroContainer;
let series: Series;
beforeAll(async () => {
  container = await AstroContainer.create();
  series = (await getAllSeries()).find((s) => s.id === 'ml-trends-2021')!;
});

const trend = (slug: string) => series.trends.find((t) => t.slug === slug)!;
/** Figures bound only by <Stat> in every article: the lone number of trend 6 and the others. */
const quotedOnly = () =>
  series.figures.map((f) => f.id).filter((id) => !series.trends.some((t) => trendDrawnFigures(t).includes(id)));

describe('reuse files for charts on a page only', () => {
  it('knows which figures each article draws', () => {
    expect(trendDrawnFigures(trend('investment'))).toEqual(['budget-growth', 'ai-priority-change']);
    // Round 11 of issue 20: a chart of one value adds nothing its sentence does not say, so trends 4, 6 and 9
    // quote their single numbers and draw none.
    expect(trendDrawnFigures(trend('deployment'))).toEqual([]);
    expect(trendDrawnFigures(trend('integration'))).toEqual([]);
    expect(trendDrawnFigures(trend('io-leaders'))).toEqual(['io-decision-makers']);
    expect(quotedOnly()).toEqual(
      expect.arrayContaining([
        'integration-challenge',
        'model-development-time',
        'deployment-time-share',
        'model-deployment-time',
        'models-in-production',
      ]),
    );
    expect(quotedOnly()).not.toContain('io-decision-makers');
  });

  it('builds an embed page for each drawn chart and none for a figure only quoted in a sentence', async () => {
    // The page's getStaticPaths, which the .astro module type does not declare.
    const { getStaticPaths } = embedPage as unknown as {
      getStaticPaths: () => Promise<{ params: Record<string, string> }[]>;
    };
    const paths = await getStaticPaths();
    const built = paths
      .filter((p) => p.params.series === series.id)
      .map((p) => `${p.params.trend}/${p.params.figure}`)
      .sort();
    const drawn = series.trends.flatMap((t) => trendDrawnFigures(t).map((id) => `${t.slug}/${id}`)).sort();
    expect(built).toEqual(drawn);
    for (const id of quotedOnly())
      expect(
        built.some((p) => p.endsWith(`/${id}`)),
        id,
      ).toBe(false);
  });

  it('answers oEmbed for drawn charts only', async () => {
    const paths = await (oembedPaths as unknown as () => Promise<{ params: Record<string, string> }[]>)();
    const ids = paths.filter((p) => p.params.series === series.id).map((p) => p.params.figure);
    for (const id of quotedOnly()) expect(ids, id).not.toContain(id);
    expect(ids).toContain('team-size');
  });

  it('names no oEmbed answer in an article that draws no chart, and one per chart in one that does', async () => {
    const head = (slug: string) =>
      container.renderToString(ArticleHead, {
        props: { series, trend: trend(slug) },
        request: new Request(`http://localhost${trend(slug).href}`),
      });
    expect(await head('integration')).not.toContain('application/json+oembed');
    expect([...(await head('investment')).matchAll(/type="application\/json\+oembed"/g)]).toHaveLength(2);
    const investment = await head('investment');
    expect([...investment.matchAll(/type="application\/json\+oembed"/g)]).toHaveLength(2);
  });

  it('offers no figure reuse (embed, citation as a figure) for a figure only quoted in a sentence', () => {
    const origin = new URL('https://example.org/');
    for (const id of quotedOnly()) {
      expect(figureTrend(series, id, ''), id).toBeUndefined();
      expect(
        figureReuse(
          series,
          series.figures.find((f) => f.id === id)!,
          '',
          origin,
        ),
        id,
      ).toBeUndefined();
    }
  });
});

describe("a chart's citation", () => {
  it('points at the chart in its article, <article URL>#figure-<id>, not at the embed page', async () => {
    const figure = series.figures.find((f) => f.id === 'team-size')!;
    const html = await container.renderToString(FigureReuse, {
      props: { seriesId: series.id, figure, domId: 'figure-team-size' },
      locals: { series },
      request: new Request(`http://localhost${trend('teams').href}`),
    });
    const citation = /<p class="mt-citation"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
    const bibtex = /<code id="figure-team-size-bibtex"[^>]*>([\s\S]*?)<\/code>/.exec(html)?.[1] ?? '';
    const permalink = `http://localhost${trend('teams').href}#figure-team-size`;
    expect(citation).toContain(permalink);
    expect(bibtex).toContain(`url          = {${permalink}}`);
    expect(citation + bibtex).not.toContain('/embed/');
    // The "Share this chart" link and the embed code still lead to the embed page.
    expect(html).toContain(`href="${trend('teams').href}embed/team-size/"`);
  });
});

import mdxRenderer from '@astrojs/mdx/server.js';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import TrendCard from '../../src/components/TrendCard.astro';
import ReportOverview from '../../src/components/report/ReportOverview.astro';
import PrintPage from '../../src/pages/[series]/report/print.astro';
import { getCurrentSeries, type Series } from '../../src/data/series.ts';
import { barsFigure, statedBase } from '../unit/fixtures/figures.ts';

/** Label text written mid-sentence keeps its acronyms: "CTOs" never reads "cTOs", "IT leaders" never "iT leaders". */

let container: AstroContainer;
let series: Series;
beforeAll(async () => {
  container = await AstroContainer.create();
  container.addServerRenderer({ name: 'astro:jsx', renderer: mdxRenderer });
  series = await getCurrentSeries();
});

const figure = barsFigure({ id: 'it-leaders', base: statedBase(120, 'IT leaders') });
const keyValue = { figure, row: 'CTOs', label: 'CTOs', value: 39 };

/** The current series with its first trend's key number (and first report key number) on the figure above. */
function seriesWithAcronyms(): Series {
  const [first, ...rest] = series.trends;
  const keyNumbers = [{ figure: figure.id, label: 'CTOs' }];
  return {
    ...series,
    data: { ...series.data, report: { ...series.data.report, keyNumbers } },
    figures: [...series.figures, figure],
    trends: [{ ...first!, keyValue }, ...rest],
  };
}

describe('mid-sentence label text', () => {
  // An index card shows the number, its short label and its base beside it.
  it('keeps acronyms in the base of an index card', async () => {
    const html = await container.renderToString(TrendCard, {
      props: { trend: { ...series.trends[0]!, keyValue }, total: 10 },
    });
    expect(html).toMatch(
      /<strong[^>]*>39%<\/strong><span class="key-label"[^>]*>CTOs<\/span><span[^>]*>IT leaders, n = 120<\/span>/,
    );
  });

  it('says "survey of 403; base not published" after a real key number, whose base no source states', async () => {
    const trend = series.trends.find((t) => t.keyValue)!;
    const html = await container.renderToString(TrendCard, { props: { trend, total: 10 } });
    expect(html).toMatch(/<span[^>]*>survey of 403; base not published<\/span>/);
  });

  it('keeps acronyms in the base of a key number of the report overview', async () => {
    const html = await container.renderToString(ReportOverview, {
      props: {
        series: {
          id: series.id,
          href: series.href,
          data: series.data,
          trendCount: series.trends.length,
          // Two numbers: a base is said once under the group where at least two numbers share it.
          keyNumbers: [
            { label: 'CTOs', value: 39, base: 'IT leaders, n = 120', source: 'a survey' },
            { label: 'CIOs', value: 35, base: 'IT leaders, n = 120', source: 'a survey' },
          ],
        },
        report: undefined,
      },
    });
    // The base the page's numbers share is said once, under them, acronyms kept.
    expect(html).toMatch(/<p class="base-note mt-muted"[^>]*>Each share unless marked: IT leaders, n = 120\.<\/p>/);
  });

  it('keeps acronyms in the base of a figure in the print page, as its appendix table names it', async () => {
    const withAcronyms = seriesWithAcronyms();
    // The route puts the page's series into locals.
    const html = await container.renderToString(PrintPage, {
      props: { series: withAcronyms },
      params: { series: series.id },
      locals: { series: withAcronyms },
    });
    const json = /<script type="application\/json" data-figure-models>(.*?)<\/script>/s.exec(html)![1]!;
    const models = JSON.parse(json) as Record<string, { base: string }>;
    expect(models['it-leaders']!.base).toBe('IT leaders (n = 120)');
  });

  it('still lowers a plain first word of the base, as in "all respondents"', async () => {
    const html = await container.renderToString(TrendCard, {
      props: { trend: { ...series.trends[0]!, keyValue: { ...keyValue, figure: barsFigure() } }, total: 10 },
    });
    expect(html).toMatch(/<span[^>]*>all respondents, n = 403<\/span>/);
  });
});

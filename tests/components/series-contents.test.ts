import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import SeriesContents from '../../src/components/SeriesContents.astro';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

/** A series of `n` trends, with just what the contents list reads. */
const seriesOf = (n: number) => ({
  href: '/big-series/',
  trends: Array.from({ length: n }, (_, i) => ({
    href: `/big-series/trend-${i + 1}/`,
    data: { title: `Trend ${i + 1}` },
  })),
});

const render = (n: number, current: number) =>
  container.renderToString(SeriesContents, {
    props: { series: seriesOf(n), currentHref: `/big-series/trend-${current}/` },
  });

describe('<SeriesContents>', () => {
  it('lists every trend of a ten-trend series, without a link to the full list', async () => {
    const html = await render(10, 4);
    expect(html.match(/<a href="\/big-series\/trend-/g)).toHaveLength(10);
    expect(html).not.toContain('All 10 trends');
  });

  it('shows the neighbourhood, the first and the last of a 1,000-trend series, numbered, with a link to the index', async () => {
    const html = await render(1000, 500);
    expect(html.match(/<a href="\/big-series\/trend-/g)).toHaveLength(9);
    expect(html).toMatch(/<li value="500"[^>]*><a href="\/big-series\/trend-500\/" [^>]*aria-current="page"/);
    expect(html).toContain('href="/big-series/trend-1000/"');
    expect(html).toMatch(/<a href="\/big-series\/"[^>]*>All 1000 trends<\/a>/);
    expect(html.length).toBeLessThan(5_000);
  });
});

import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import Stat from '../../src/components/mdx/Stat.astro';
import { getAllSeries, type Series } from '../../src/data/series.ts';

/**
 * <Stat segment>: a segment's value of a figure computed with segmentBy, from the demonstration series; and
 * the segment values a total's number carries for the reader's lens (src/scripts/lens.ts).
 */
let container: AstroContainer;
let series: Series;
beforeAll(async () => {
  container = await AstroContainer.create();
  series = (await getAllSeries()).find((s) => s.id === 'platform-engineering-2024')!;
});

const render = (props: Record<string, unknown>) =>
  container.renderToString(Stat, {
    props,
    locals: { series },
    request: new Request('http://localhost/platform-engineering-2024/platform-adoption/'),
  });
const shown = (html: string) => /<button[^>]*class="mt-stat-value"[^>]*>\s*([^<]*?)\s*<\/button>/.exec(html)?.[1];
const segment = (figure: string, id: string) =>
  series.figures.find((f) => f.id === figure)!.segments!.find((s) => s.id === id)!;

describe('<Stat segment>', () => {
  it("writes the segment's value, names the segment and its n in the note", async () => {
    const large = segment('platform-by-size', 'size-1000');
    const value = large.rows.find((r) => r.label === 'Yes, in use')!.value!;
    const html = await render({ figure: 'platform-by-size', label: 'Yes, in use', segment: 'size-1000' });
    // To whole numbers, as the page writes a computed share whose interval is wider than ±2 points.
    expect(shown(html)).toBe(`${Math.round(value)}%`);
    expect(html).toContain(`among 1,000+ employees (company size, n = ${large.n})`);
    expect(html).toContain(`Base: 1,000+ employees who answered (n = ${large.n})`);
    expect(html).toContain('data-segment="size-1000"');
    expect(html).not.toContain('data-lens=');
  });

  /** The demo's regions (Elsewhere under 30, Asia-Pacific withheld with it), and one more group too small. */
  const withSmall = () => ({
    ...series,
    figures: series.figures.map((f) =>
      f.id === 'tool-satisfaction'
        ? {
            ...f,
            segments: [
              ...f.segments!,
              {
                id: 'region-tiny',
                label: 'Tiny',
                group: 'Region',
                n: 12,
                rows: [{ label: f.rows[0]!.label, suppressed: true as const }],
              },
            ],
          }
        : f,
    ),
  });
  const renderIn = (s: Series, props: Record<string, unknown>) =>
    container.renderToString(Stat, {
      props,
      locals: { series: s },
      request: new Request('http://localhost/platform-engineering-2024/recommendation/'),
    });

  it('refuses a suppressed value, naming the segment and the minimum n', async () => {
    await expect(
      renderIn(withSmall(), {
        figure: 'tool-satisfaction',
        label: 'Satisfied or Very satisfied',
        segment: 'region-tiny',
      }),
    ).rejects.toThrow(/Tiny .*suppressed: 12 answered, fewer than the series' minimum of 30/);
  });

  it("carries every published segment's value on a total's number, and nothing for a withheld one", async () => {
    const html = await renderIn(withSmall(), { figure: 'tool-satisfaction', label: 'Satisfied or Very satisfied' });
    const lens = JSON.parse(/data-lens="([^"]*)"/.exec(html)![1]!.replace(/&quot;/g, '"')) as Record<string, string[]>;
    // Round 15: a withheld group has no entry, so no "(Asia-Pacific withheld: …)" enters the running text; the
    // chart says why it has no value.
    expect(Object.keys(lens)).toEqual(['region-europe', 'region-north-america']);
    expect(lens['region-europe']![1]).toMatch(/^\d+(\.\d)?%$/);
    // With its n and 95% interval (review 7: a group's value was shown without its uncertainty).
    expect(lens['region-europe']![2]).toMatch(/^n = \d+; (wide )?95% interval \d+(\.\d)?–\d+(\.\d)?%$/);
    expect(html).not.toMatch(/withheld|fewer than 30 answered/);
  });
});

import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import Figure from '../../src/components/mdx/Figure.astro';
import type { ChartSpec } from '../../src/lib/chart/chartjs.ts';
import Stat from '../../src/components/mdx/Stat.astro';
import Survey from '../../src/components/mdx/Survey.astro';
import { getAllSeries, type Series } from '../../src/data/series.ts';

let container: AstroContainer;
let series: Series | undefined;
beforeAll(async () => {
  container = await AstroContainer.create();
  series = (await getAllSeries()).find((s) => s.id === 'ml-trends-2021');
});

/** Renders as on a page of the 2021 series, whose series its route puts in `Astro.locals`. */
const render = (
  component: Parameters<AstroContainer['renderToString']>[0],
  props: Record<string, unknown>,
  locals: App.Locals = { series },
) =>
  container.renderToString(component, {
    props,
    locals,
    request: new Request('http://localhost/ml-trends-2021/io-leaders/'),
  });

describe('<Figure>', () => {
  it('renders caption, static SVG, data table, summary, source and downloads from the dataset', async () => {
    const html = await render(Figure, { id: 'io-decision-makers' });
    expect(html).toContain('id="figure-io-decision-makers"');
    expect(html).toContain('Infrastructure and operations leaders set AI/ML priorities most often');
    expect(html).toContain('Who sets the priorities for AI/ML at your organization?');
    expect(html).toMatch(
      /<svg class="mt-chart-svg"[^>]*role="img"[^>]*aria-labelledby="figure-io-decision-makers-summary"/,
    );
    for (const value of ['57%', '39%', '35%', '31%']) {
      expect(html).toContain(`width="${value}"`);
      expect(html).toContain(`<td>${value}</td>`);
    }
    expect(html).toContain(
      'href="https://algorithmia.com/blog/ml-trend-io-leaders-are-the-most-common-decision-makers-in-cross-functional-ml-initiatives"',
    );
    expect(html).toMatch(/Source: Algorithmia blog: <a href="https:\/\/algorithmia\.com\//);
    expect(html).toContain('Question (paraphrased): ');
    expect(html).not.toContain('B-IO');
    expect(html).toContain('n = 403');
    expect(html).toContain('Multi-select: shares add to more than 100%.');
    expect(html).toContain('href="/ml-trends-2021/figures/io-decision-makers.csv"');
    expect(html).toContain('href="/ml-trends-2021/figures/io-decision-makers.json"');
    expect(html).toContain('href="#figure-io-decision-makers"');
  });

  it('names the base in the hidden caption of its data table, with a space after "share of"', async () => {
    const html = await render(Figure, { id: 'io-decision-makers' });
    expect(html).toMatch(/<caption[^>]*>\s*[^<]*: share of all respondents \(n = 403\)\s*<\/caption>/);
  });

  it('embeds what the interactive chart draws: the same values, labels and layout height as the static chart', async () => {
    const html = await render(Figure, { id: 'budget-growth' });
    const json = /<script type="application\/json" data-chart-data>(.*?)<\/script>/s.exec(html)?.[1];
    const spec = JSON.parse(json!) as ChartSpec;
    expect(spec.datasets.map((d) => d.data)).toEqual([
      [83, 20],
      [71, 7],
    ]);
    expect(spec.values).toEqual([
      ['83%', '20%'],
      ['71%', '7%'],
    ]);
    expect(html).toContain(`style="height: ${spec.layout.height}px"`);
  });

  it('marks derived values and explains how they were computed', async () => {
    const html = await render(Figure, { id: 'ai-priority-change' });
    expect(html).toContain('Stayed the same<span class="mt-derived"> (derived)</span>');
    expect(html).toContain('Derived: computed from published values');
    expect(html).not.toContain('Multi-select');
  });

  it('shows both editions of a paired figure in its table', async () => {
    const html = await render(Figure, { id: 'budget-growth' });
    expect(html).toMatch(/<th scope="col">2021 edition<\/th>\s*<th scope="col">2020 edition<\/th>/);
    expect(html).toMatch(/<td>83%<\/td>\s*<td>71%<\/td>/);
  });

  it('draws a single value as a large number with its label, base, source and downloads, and no chart script', async () => {
    const figure = series!.figures.find((f) => f.kind === 'number')!;
    const html = await render(Figure, { id: figure.id });
    const value = `${figure.rows[0]!.value}%`;
    expect(html).toMatch(new RegExp(`<text [^>]*class="mt-number-value"[^>]*>${value}</text>`));
    expect(html).toContain('class="mt-number-label"');
    expect(html).not.toMatch(/<rect /);
    expect(html).not.toContain('data-chart-data');
    expect(html).not.toContain('data-chart-box');
    expect(html).toContain(`<td>${value}</td>`);
    expect(html).toContain('Base: ');
    expect(html).toContain(`href="/ml-trends-2021/figures/${figure.id}.csv"`);
    expect(html).toContain(`href="/ml-trends-2021/figures/${figure.id}.json"`);
  });

  it('says "survey of 403" where the base is not documented, and "not published" for an undocumented answer format', async () => {
    const figure = series!.figures.find((f) => f.n === null && f.multiSelect === 'not published')!;
    const html = await render(Figure, { id: figure.id });
    expect(html).toContain('(survey of 403)');
    expect(html).toMatch(/<p [^>]*class="mt-visually-hidden">[^<]*\(survey of 403\)/);
    expect(html).not.toContain('n = 403');
    expect(html).toContain('Whether respondents could pick several answers: not published.');
  });

  it('shows the base of the previous edition under a paired figure', async () => {
    const html = await render(Figure, { id: 'budget-growth' });
    expect(html).toMatch(/Previous edition: [^<]+\./);
  });

  it('names a translated source by author, outlet and date, marked as a translation in its title', async () => {
    const html = await render(Figure, { id: 'governance-concern' });
    expect(html).toMatch(/Louis Columbus, Forbes, January 2021: <a href="[^"]+">[^<]*\(translation\)<\/a>/);
    expect(html).not.toContain('P-FORBES-ZH');
  });

  it('sets the dataset text with curly quotes and real dashes', async () => {
    // The embed snippet (a textarea) and the BibTeX (pre) are code, with code's straight quotes.
    const html = (await render(Figure, { id: 'ai-priority-change' })).replace(/<(textarea|pre)\b[\s\S]*?<\/\1>/g, '');
    expect(html).toMatch(/[\u201c\u201d]/);
    expect(html).not.toMatch(/&quot;|&#34;|&#39;/);
  });

  it('fails with a message naming the component and the unknown id', async () => {
    await expect(render(Figure, { id: 'io-decision-maker' })).rejects.toThrow(
      '<Figure id="io-decision-maker">: there is no figure "io-decision-maker" in the dataset. Did you mean "io-decision-makers"?',
    );
  });

  it('fails with a message naming the missing prop, and a hint', async () => {
    await expect(render(Figure, {})).rejects.toMatchObject({
      message: expect.stringContaining('<Figure>: the "id" prop is required') as unknown,
      hint: 'Write the id attribute on <Figure> in the MDX file, as in the example.',
    });
  });

  it('takes the figure from the series of the page, not from another series', async () => {
    const other = { ...series!, id: 'ml-trends-2022', figures: [] };
    await expect(render(Figure, { id: 'io-decision-makers' }, { series: other })).rejects.toThrow(
      '<Figure id="io-decision-makers">: there is no figure "io-decision-makers" in the dataset',
    );
  });

  it('fails with a hint when the page belongs to no series', async () => {
    await expect(render(Figure, { id: 'io-decision-makers' }, {})).rejects.toMatchObject({
      message: '<Figure> is used on a page that belongs to no series.',
      hint: expect.stringContaining('content/series/<series>/') as unknown,
    });
  });
});

describe('<Stat>', () => {
  it('renders a dataset value formatted for prose', async () => {
    const html = await render(Stat, { figure: 'io-decision-makers', label: 'Infrastructure and operations leaders' });
    expect(html).toMatch(/<span class="mt-stat"[^>]*>57%<\/span>/);
  });

  it('renders the previous edition of a paired figure', async () => {
    const html = await render(Stat, { figure: 'budget-growth', label: 'Increased the AI/ML budget', previous: true });
    expect(html).toMatch(/>71%<\/span>/);
  });

  it('fails naming the figure and suggesting the label when the label is wrong, with a hint', async () => {
    await expect(render(Stat, { figure: 'io-decision-makers', label: 'CTO' })).rejects.toMatchObject({
      message:
        '<Stat figure="io-decision-makers" label="CTO">: figure "io-decision-makers" has no row labelled "CTO". Did you mean "CTOs"?',
      hint: expect.stringContaining('npm run check:content') as unknown,
    });
  });

  it('fails naming the unknown figure', async () => {
    await expect(render(Stat, { figure: 'nope', label: 'CTOs' })).rejects.toThrow(
      '<Stat figure="nope" label="CTOs">: there is no figure "nope"',
    );
  });

  it('fails naming the missing prop', async () => {
    await expect(render(Stat, { figure: 'io-decision-makers' })).rejects.toThrow(
      '<Stat>: the "label" prop is required',
    );
  });
});

describe('<Survey>', () => {
  it('renders a survey fact of the page series', async () => {
    expect(await render(Survey, { fact: 'respondents' })).toContain('>403</span>');
    expect(await render(Survey, { fact: 'fielded' })).toContain('>November 2020</span>');
  });

  it('fails naming the unknown fact and the known ones', async () => {
    await expect(render(Survey, { fact: 'sample' })).rejects.toThrow(
      '<Survey fact="sample">: unknown fact; use one of respondents',
    );
  });
});

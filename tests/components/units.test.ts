import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import Figure from '../../src/components/mdx/Figure.astro';
import Stat from '../../src/components/mdx/Stat.astro';
import { getAllSeries, type Series } from '../../src/data/series.ts';
import { barsFigure, numberFigure } from '../unit/fixtures/figures.ts';

/** Figures in each unit, as the survey loader computes them: values with their 95% intervals. */
const unitFigures = () => [
  barsFigure({
    id: 'fixture-days',
    unit: 'days',
    multiSelect: false,
    rows: [
      { label: 'Mean', value: 12.5, interval: { low: 11.2, high: 13.9 } },
      { label: 'Median', value: 10 },
    ],
  }),
  numberFigure({
    id: 'fixture-nps',
    unit: 'score',
    scale: { min: -100, max: 100 },
    rows: [{ label: 'NPS', value: 23 }],
  }),
  numberFigure({
    id: 'fixture-nps-low',
    unit: 'score',
    scale: { min: -100, max: 100 },
    rows: [{ label: 'NPS', value: -12 }],
  }),
  numberFigure({
    id: 'fixture-rating',
    unit: 'score',
    scale: { min: 1, max: 5 },
    rows: [{ label: 'Mean', value: 3.84 }],
  }),
  numberFigure({ id: 'fixture-count', unit: 'count', rows: [{ label: 'Deploys a week', value: 4.25 }] }),
  numberFigure({
    id: 'fixture-money',
    unit: 'currency',
    currency: 'EUR',
    rows: [{ label: 'Budget', value: 1250, interval: { low: 1100, high: 1400 } }],
  }),
  numberFigure({ id: 'fixture-share', rows: [{ label: 'Share', value: 57.3 }] }),
];

let container: AstroContainer;
let series: Series;
beforeAll(async () => {
  container = await AstroContainer.create();
  const real = (await getAllSeries()).find((s) => s.id === 'ml-trends-2021')!;
  series = { ...real, figures: [...real.figures, ...unitFigures()] };
});

const render = (
  component: Parameters<AstroContainer['renderToString']>[0],
  props: Record<string, unknown>,
  of = series,
) =>
  container.renderToString(component, {
    props,
    locals: { series: of },
    request: new Request('http://localhost/ml-trends-2021/io-leaders/'),
  });

/** The number a reader sees in the sentence. */
const shown = (html: string) => /<button[^>]*class="mt-stat-value"[^>]*>\s*([^<]*?)\s*<\/button>/.exec(html)?.[1];

describe('<Stat> in each unit', () => {
  it.each([
    ['fixture-share', 'Share', '57.3%'],
    ['fixture-days', 'Mean', '12.5 days'],
    ['fixture-nps', 'NPS', '+23'],
    ['fixture-nps-low', 'NPS', '\u221212'],
    ['fixture-rating', 'Mean', '3.8'],
    ['fixture-count', 'Deploys a week', '4.3'],
    ['fixture-money', 'Budget', '€1,250'],
  ])('%s writes %s as %s', async (figure, label, text) => {
    expect(shown(await render(Stat, { figure, label }))).toBe(text);
  });

  it('gives a computed interval in the unit, and never a percent sign on a non-share', async () => {
    const days = await render(Stat, { figure: 'fixture-days', label: 'Mean' });
    expect(days).toContain('95% interval: 11.2 to 13.9 days');
    const money = await render(Stat, { figure: 'fixture-money', label: 'Budget' });
    expect(money).toContain('(95% interval €1,100 to €1,400)');
    expect(shown(money)).not.toContain('%');
  });

  it("writes values in the series' language", async () => {
    const german = { ...series, data: { ...series.data, language: 'de' } };
    expect(shown(await render(Stat, { figure: 'fixture-money', label: 'Budget' }, german))).toBe('1.250\u00a0€');
    expect(shown(await render(Stat, { figure: 'fixture-share', label: 'Share' }, german))).toBe('57,3\u00a0%');
  });
});

describe('<Figure> in a unit other than percent', () => {
  it('draws days on an axis from 0 to a round number, with values, table and summary in days', async () => {
    const html = await render(Figure, { id: 'fixture-days' });
    // 0 to 15 days for a largest bound of 13.9 (round 13: not a step beyond it); the last tick names the unit.
    for (const tick of ['>0<', '>5<', '>10<', '>15 days<']) expect(html).toContain(tick);
    expect(html).not.toMatch(/class="mt-chart-tick"[^>]*>100%</);
    expect(html).toContain('<td>12.5 days</td>');
    expect(html).toContain('<td class="mt-figure-interval">11.2 to 13.9 days</td>');
    expect(html).toContain('<td class="mt-figure-interval">not computed</td>');
    expect(html).toMatch(/Number of days, all respondents <span class="mt-nowrap">\(n = 403\)/);
    expect(html).toMatch(/Bar chart of the number of days, all respondents \(n = 403\): Mean 12.5 days \(95% interval/);
  });

  it('draws a Net Promoter Score from −100 to +100 with a zero line, a negative score left of it', async () => {
    const html = await render(Figure, { id: 'fixture-nps-low' });
    expect(html).toContain('>\u2212100<');
    expect(html).toContain('>\u221212<');
    expect(html).not.toMatch(/>-\d/);
    expect(html).toContain('>+100<');
    expect(html).toContain('class="mt-chart-zero" x1="50%"');
    // -12 on -100..100: the dot sits at 44% of the number line, left of the zero line at 50%.
    expect(html).toMatch(/<circle class="mt-number-dot" cx="44%"/);
  });
});

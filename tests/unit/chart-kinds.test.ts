import { describe, expect, it } from 'vitest';
import { figureToChartConfig, type ChartTheme } from '../../src/lib/chart/chartjs.ts';
import { figureSummary, figureTable } from '../../src/lib/chart/describe.ts';
import { chartKind, chartKinds } from '../../src/lib/chart/kinds/index.ts';
import { figureToSvg } from '../../src/lib/chart/svg.ts';
import { ChartKindSchema, FigureSchema, type Figure } from '../../src/lib/schema/figure.ts';
import { barsFigure, numberFigure, pairedFigure, stackedFigure } from './fixtures/figures.ts';

const theme: ChartTheme = {
  fills: ['#111111', '#222222', '#333333'],
  text: '#000000',
  muted: '#444444',
  grid: '#555555',
  onFill: '#ffffff',
  fontFamily: 'serif',
  animate: false,
};

/** One figure of each kind, with a decimal value so formatting has to agree too. */
const figures: Record<string, Figure> = {
  bars: barsFigure({
    rows: [
      { label: 'CTOs', value: 39 },
      { label: 'IT leaders', value: 12.5 },
    ],
  }),
  paired: pairedFigure({
    rows: [
      { label: 'Grew', value: 83, previous: 71.5 },
      { label: 'Grew fast', value: 20, previous: 7 },
    ],
  }),
  stacked: stackedFigure({
    rows: [
      { label: 'Up', value: 62.5 },
      { label: 'Same', value: 31.5 },
      { label: 'Down', value: 6 },
    ],
    note: undefined,
  }),
  number: numberFigure({ rows: [{ label: 'Prioritize AI/ML', value: 76.5 }] }),
};

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const percents = (text: string) => [...text.matchAll(/(\d+(?:\.\d+)?)%/g)].map((m) => Number(m[1]));

describe('the chart kind registry', () => {
  it('has a module for every kind the schema accepts, registered under its own name', () => {
    expect(Object.keys(chartKinds).sort()).toEqual([...ChartKindSchema.options].sort());
    for (const [name, module] of Object.entries(chartKinds)) expect(module.kind).toBe(name);
  });

  it('refuses to look up an unknown kind instead of drawing it as bars', () => {
    expect(() => chartKind('pie')).toThrow('Unknown chart kind "pie": use one of bars, paired, stacked, number');
    expect(() => chartKind('toString')).toThrow('Unknown chart kind "toString"');
  });

  it('names the field and every known kind when a figure has an unknown kind', () => {
    const result = FigureSchema.safeParse({ ...barsFigure(), kind: 'pie' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'kind',
        'must be one of "bars" (ranked shares), "paired" (this edition vs the previous one), "stacked" (parts of a whole) or "number" (one value as a large number)',
      ],
    ]);
  });
});

describe.each(Object.keys(chartKinds))('a %s figure', (kind) => {
  const figure = figures[kind]!;
  const expected = sorted(
    figure.rows.flatMap((row) => (row.previous === undefined ? [row.value] : [row.value, row.previous])),
  );

  it('is drawn, charted, summarised and tabled with the same numbers', () => {
    expect(figure.kind).toBe(kind);
    const svg = figureToSvg(figure);
    // A chart draws each value as a bar's width; a single value is written out as a large number.
    const drawn = chartKinds[kind as Figure['kind']].interactive
      ? [...svg.matchAll(/<rect [^>]*width="([\d.]+)%"/g)].map((m) => Number(m[1]))
      : percents(svg.replace(/<[^>]+>/g, ' '));
    expect(sorted(drawn)).toEqual(expected);
    const config = figureToChartConfig(figure, theme);
    expect(sorted(config.data.datasets.flatMap((d) => d.data))).toEqual(expected);
    expect(sorted(config.options.plugins.mtLabels.values.flat().flatMap(percents))).toEqual(expected);
    const summary = figureSummary(figure).replace(/(adding up to|more than) 100%/g, '');
    expect(sorted(percents(summary))).toEqual(expected);
    expect(sorted(figureTable(figure).rows.flatMap((row) => row.cells.flatMap(percents)))).toEqual(expected);
  });

  it('lists every row in its table, once, in dataset order', () => {
    expect(figureTable(figure).rows.map((row) => row.label)).toEqual(figure.rows.map((row) => row.label));
  });
});

describe('figureTable', () => {
  it('gives bar and stacked figures one "Share" column', () => {
    expect(figureTable(figures.bars!).columns).toEqual(['Share']);
    expect(figureTable(figures.stacked!).columns).toEqual(['Share']);
  });

  it('gives a paired figure one column per edition, current first', () => {
    const table = figureTable(figures.paired!);
    expect(table.columns).toEqual(['2021 edition', '2020 edition']);
    expect(table.rows[0]).toEqual({ label: 'Grew', derived: false, cells: ['83%', '71.5%'] });
  });
});

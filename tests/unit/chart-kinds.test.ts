import { describe, expect, it } from 'vitest';
import { figureSummary, figureTable } from '../../src/lib/chart/describe.ts';
import { chartKind, chartKinds } from '../../src/lib/chart/kinds/index.ts';
import { figureToSvg } from '../../src/lib/chart/svg.ts';
import { ChartKindSchema, FigureSchema, type Figure } from '../../src/lib/schema/figure.ts';
import { barsFigure, nestedFigure, numberFigure, pairedFigure, stackedFigure } from './fixtures/figures.ts';

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
  // With a stated base: its bar carries the interval (without one, a share is a number line: mdx-components).
  number: numberFigure({ rows: [{ label: 'Prioritize AI/ML', value: 76.5 }], n: 403 }),
  nested: nestedFigure({
    rows: [
      { label: 'Kept', value: 76.5 },
      { label: 'Grew', value: 27 },
    ],
  }),
};

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const percents = (text: string) => [...text.matchAll(/(\d+(?:\.\d+)?)%/g)].map((m) => Number(m[1]));

describe('the chart kind registry', () => {
  it('has a module for every kind the schema accepts, registered under its own name', () => {
    expect(Object.keys(chartKinds).sort()).toEqual([...ChartKindSchema.options].sort());
    for (const [name, module] of Object.entries(chartKinds)) expect(module.kind).toBe(name);
  });

  it('refuses to look up an unknown kind instead of drawing it as bars', () => {
    expect(() => chartKind('pie')).toThrow(
      'Unknown chart kind "pie": use one of bars, paired, stacked, number, nested',
    );
    expect(() => chartKind('toString')).toThrow('Unknown chart kind "toString"');
  });

  it('names the field and every known kind when a figure has an unknown kind', () => {
    const result = FigureSchema.safeParse({ ...barsFigure(), kind: 'pie' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'kind',
        'must be one of "bars" (ranked shares), "paired" (this edition vs the previous one), "stacked" (parts of a whole), "number" (one value as a number on a 0–100 number line), "nested" (answers inside one another, in one 100% bar) or "by-segment" (every group beside all respondents)',
      ],
    ]);
  });
});

// A small multiple ("by-segment") draws each segment's values beside the total's, so a figure's values are not
// its bars one to one: it has its own tests, on a computed figure (tests/unit/by-segment.test.ts).
describe.each(Object.keys(chartKinds).filter((kind) => kind !== 'by-segment'))('a %s figure', (kind) => {
  const figure = figures[kind]!;
  const expected = sorted(
    figure.rows.flatMap((row) => (row.previous === undefined ? [row.value] : [row.value, row.previous])),
  );

  it('is drawn, written on the chart, summarised and tabled with the same numbers', () => {
    expect(figure.kind).toBe(kind);
    const svg = figureToSvg(figure);
    // Each value is a bar's width (the grey track of a part-of-100 bar is the whole, not a value), or where a
    // number line's dot sits...
    const drawn = [
      ...svg.matchAll(
        /<rect (?![^>]*mt-chart-track)[^>]*width="([\d.]+)%"|<circle class="mt-number-dot[^"]*" cx="([\d.]+)%"/g,
      ),
    ].map((m) => Number(m[1] ?? m[2]));
    // A nested bar draws the parts its answers cut it into (27, 76 − 27, 100 − 76), the outer answer as a bracket.
    const parts =
      kind === 'nested'
        ? sorted([figure.rows[1]!.value, figure.rows[0]!.value - figure.rows[1]!.value, 100 - figure.rows[0]!.value])
        : expected;
    expect(sorted(drawn)).toEqual(parts);
    // ...and is written out once on the chart, inside its bar or beside it (tick labels are not values).
    const written = [
      ...svg.matchAll(
        /<text [^>]*class="(mt-chart-value[^"]*|mt-chart-key|mt-number-value|mt-chart-label[^"]*|mt-chart-inside[^"]*)"[^>]*>(.*?)<\/text>/g,
      ),
    ]
      .map((m) => m[2]!.replace(/<[^>]+>/g, ''))
      .filter((text) => !text.startsWith('95% interval'))
      .flatMap(percents);
    expect(sorted(written)).toEqual(kind === 'nested' ? sorted([...parts, figure.rows[0]!.value]) : expected);
    const summary = figureSummary(figure).replace(/(adding up to|more than) 100%/g, '');
    expect(sorted(percents(summary))).toEqual(expected);
    // The table lists the published values, and a nested bar's derived parts after them.
    const tabled = kind === 'nested' ? sorted([...parts, figure.rows[0]!.value]) : expected;
    expect(sorted(figureTable(figure).rows.flatMap((row) => row.cells.flatMap(percents)))).toEqual(tabled);
  });

  it('lists every row in its table, once, in dataset order, before any derived part', () => {
    const published = figureTable(figure).rows.slice(0, figure.rows.length);
    expect(published.map((row) => row.label)).toEqual(figure.rows.map((row) => row.label));
    expect(
      figureTable(figure)
        .rows.slice(figure.rows.length)
        .every((row) => row.derived),
    ).toBe(true);
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
    expect(table.rows[0]).toMatchObject({ label: 'Grew', derived: false, cells: ['83%', '71.5%'] });
  });
});

import { describe, expect, it } from 'vitest';
import { chartLayout } from '../../src/lib/chart/layout.ts';
import { AXIS_MAX, CHART, wrapLabel } from '../../src/lib/chart/shared.ts';
import { barsFigure, manyRows, pairedFigure, stackedFigure } from './fixtures/figures.ts';

describe('wrapLabel', () => {
  const long = 'Integration and compatibility of ML technologies, languages and frameworks';

  it('keeps a short label on one line', () => {
    expect(wrapLabel('CTOs')).toEqual(['CTOs']);
  });

  it('wraps a long label at word boundaries, each line within the limit', () => {
    const lines = wrapLabel(long);
    expect(lines).toEqual(['Integration and compatibility of ML', 'technologies, languages and frameworks']);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(CHART.labelChars);
  });

  it('loses no word when wrapping', () => {
    expect(wrapLabel(long, 12).join(' ')).toBe(long);
  });

  it('keeps a single word longer than the limit whole, on its own line', () => {
    expect(wrapLabel('ML Supercalifragilisticexpialidocious teams', 10)).toEqual([
      'ML',
      'Supercalifragilisticexpialidocious',
      'teams',
    ]);
  });

  it('collapses repeated spaces and returns one empty line for an empty label', () => {
    expect(wrapLabel('  Heads   of  data  ')).toEqual(['Heads of data']);
    expect(wrapLabel('')).toEqual(['']);
  });
});

describe('chartLayout', () => {
  it('grows the chart by one band per row', () => {
    const two = chartLayout(barsFigure({ rows: manyRows(2) }));
    const three = chartLayout(barsFigure({ rows: manyRows(3) }));
    expect(three.height - two.height).toBe(two.band);
    expect(chartLayout(barsFigure({ rows: manyRows(12) })).height).toBeGreaterThan(three.height);
  });

  it('makes every band taller when a label wraps onto a second line', () => {
    const short = chartLayout(barsFigure({ rows: [{ label: 'CTOs', value: 39 }] }));
    const wrapped = chartLayout(
      barsFigure({
        rows: [{ label: 'Integration and compatibility of ML technologies, languages and frameworks', value: 49 }],
      }),
    );
    expect(wrapped.labels).toEqual([['Integration and compatibility of ML', 'technologies, languages and frameworks']]);
    expect(wrapped.band - short.band).toBe(2 * CHART.lineHeight);
  });

  it('gives a bar chart no legend', () => {
    const layout = chartLayout(barsFigure());
    expect(layout.legend).toEqual([]);
    expect(layout.legendTop).toBe(0);
    expect(layout.labels).toHaveLength(4);
  });

  it('explains a paired chart with a two-line legend naming both editions', () => {
    const layout = chartLayout(pairedFigure());
    expect(layout.legend).toEqual(['Upper bar: 2021 edition', 'Lower bar: 2020 edition']);
    expect(layout.legendTop).toBeGreaterThanOrEqual(2 * CHART.legendLine);
  });

  it('makes room for two bars per band in a paired chart', () => {
    const paired = chartLayout(pairedFigure());
    expect(paired.band).toBeGreaterThanOrEqual(2 * paired.barThickness);
    expect(paired.height).toBe(paired.legendTop + 2 * paired.band + CHART.axisHeight);
  });

  it('lists each segment of a stacked chart with its value in the legend, marking derived ones', () => {
    expect(chartLayout(stackedFigure()).legend).toEqual([
      'Increased: 64%',
      'Stayed the same: 30% (derived)',
      'Decreased: 6%',
    ]);
  });

  it('puts the stacked legend under the axis, one line per segment', () => {
    const layout = chartLayout(stackedFigure());
    expect(layout.labels).toEqual([]);
    expect(layout.legendBottom).toBeGreaterThanOrEqual(3 * CHART.legendLine);
    expect(layout.height).toBe(layout.band + CHART.axisHeight + layout.legendBottom);
  });
});

describe('AXIS_MAX', () => {
  it('ends the 100% mark at the share of the width kept for bars', () => {
    expect((100 / AXIS_MAX) * 100).toBeCloseTo(CHART.barArea * 100, 10);
  });
});

import { describe, expect, it } from 'vitest';
import { chartLayout } from '../../src/lib/chart/layout.ts';
import { CHART, keyHeight, wrapLabel } from '../../src/lib/chart/shared.ts';
import { barsFigure, manyRows, nestedFigure, pairedFigure, stackedFigure } from './fixtures/figures.ts';

describe('wrapLabel', () => {
  const long = 'Integration and compatibility of ML technologies, languages and frameworks';

  it('keeps a short label on one line', () => {
    expect(wrapLabel('CTOs')).toEqual(['CTOs']);
  });

  it('wraps a long label at word boundaries into balanced lines, each within the limit', () => {
    const lines = wrapLabel(long);
    expect(lines).toEqual(['Integration and compatibility', 'of ML technologies, languages', 'and frameworks']);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(CHART.labelChars);
  });

  it('leaves no word alone on a last line when the lines can be balanced', () => {
    expect(wrapLabel('Infrastructure and operations leaders')).toEqual(['Infrastructure and', 'operations leaders']);
    expect(wrapLabel('Infrastructure and operations team leaders', 30)).toEqual([
      'Infrastructure and',
      'operations team leaders',
    ]);
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
    expect(wrapped.labels).toEqual([
      ['Integration and compatibility', 'of ML technologies, languages', 'and frameworks'],
    ]);
    expect(wrapped.band - short.band).toBe(2 * CHART.lineHeight);
  });

  it('gives a bar chart without a known base no key at all, and one with n only the interval key', () => {
    const unknown = chartLayout(barsFigure({ n: null }));
    expect(unknown.key).toEqual([]);
    expect(unknown.height).toBe(unknown.plotHeight);
    const known = chartLayout(barsFigure());
    expect(known.key.map((k) => [k.swatch, k.lines.join(' ')])).toEqual([['interval', '95% interval (n = 403)']]);
    expect(known.height).toBe(known.plotHeight + keyHeight(known.key));
  });

  it('names the editions of a paired chart on its bars, not in a key, where a pair is wide enough', () => {
    const layout = chartLayout(pairedFigure());
    expect(layout.key.map((k) => k.swatch)).toEqual(['interval']);
  });

  it('falls back to a key naming both editions where no pair of bars can hold the names', () => {
    const narrow = pairedFigure({
      rows: [
        { label: 'Grew a lot', value: 12, previous: 9 },
        { label: 'Grew fast', value: 20, previous: 7 },
      ],
    });
    expect(chartLayout(narrow).key.map((k) => [k.swatch, k.lines.join(' ')])).toEqual([
      ['fill-1', '2021 edition'],
      ['neutral', '2020 edition'],
      // One short line: the marks are on the bars whose base is known.
      ['interval', '95% interval (n = 403)'],
    ]);
  });

  it('makes room for two bars per band in a paired chart', () => {
    const paired = chartLayout(pairedFigure());
    expect(paired.band).toBeGreaterThanOrEqual(2 * paired.barThickness);
    expect(paired.plotHeight).toBe(2 * paired.band + CHART.axisHeight);
  });

  it('gives a stacked chart no key line and no axis: the bar is labelled in place', () => {
    const layout = chartLayout(stackedFigure());
    expect(layout.key).toEqual([]);
    expect('inlineKey' in layout).toBe(false);
    expect(layout.labels).toEqual([]);
    // The bar and the two lines under it (the derived segment, whose "(derived)" does not fit inside at
    // 320 px, and the small end segment): no axis height.
    expect(layout.height).toBe(CHART.labelGap + layout.barThickness + 2 * (CHART.lineHeight + 2) + 6 + CHART.labelGap);
  });

  it('keeps every label line and key line within a 320 px screen', () => {
    for (const figure of [barsFigure({ rows: manyRows(3) }), pairedFigure(), stackedFigure(), nestedFigure()]) {
      const layout = chartLayout(figure);
      for (const line of layout.labels.flat()) expect(line.length).toBeLessThanOrEqual(CHART.labelChars);
      for (const line of layout.key.flatMap((k) => k.lines)) expect(line.length).toBeLessThanOrEqual(CHART.keyChars);
    }
  });
});

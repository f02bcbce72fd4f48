import { describe, expect, it } from 'vitest';
import { intervalColumns, intervalText, marginOfError, shareInterval } from '../../src/lib/chart/interval.ts';
import { barsFigure, pairedFigure } from './fixtures/figures.ts';

describe('the 95% intervals of a figure', () => {
  it('gives the Wilson interval of each share where n is known', () => {
    expect(intervalColumns(barsFigure())).toEqual([
      { header: '95% interval', cells: ['52.1–61.7%', '34.4–43.8%', '30.5–39.8%', '26.7–35.7%'] },
    ]);
  });

  it('says the base is not published where n is null, and never assumes one', () => {
    expect(shareInterval(57, null)).toBeUndefined();
    expect(intervalText(undefined)).toBe('base not published');
    // No base size at all: no interval column (the table says so once).
    expect(intervalColumns(barsFigure({ n: null }))).toEqual([]);
  });

  it('gives a row from another source than the one stating the base no interval: it is not a share of that base', () => {
    const other = { key: 'P-CDO', title: 'Spend more', confidence: 'PR' } as const;
    const figure = pairedFigure({
      rows: [
        { label: 'Increased the AI/ML budget', value: 83, previous: 71 },
        { label: 'Increased it by more than 50%', value: 20, previous: 7, source: other },
      ],
    });
    expect(intervalColumns(figure)).toEqual([
      { header: '95% interval, 2021 edition', cells: ['79.0–86.4%', 'base not published'] },
    ]);
  });

  it('gives a paired figure one interval column per edition, each of its own base', () => {
    expect(intervalColumns(pairedFigure({ previousN: 300 }))).toEqual([
      { header: '95% interval, 2021 edition', cells: ['79.0–86.4%', '16.4–24.2%'] },
      { header: '95% interval, 2020 edition', cells: ['65.6–75.8%', '4.6–10.5%'] },
    ]);
    // An edition whose base size is not published gets no column (the table's note says so), not a column of
    // "n not published".
    expect(intervalColumns(pairedFigure()).map((c) => c.header)).toEqual(['95% interval, 2021 edition']);
    expect(intervalColumns(pairedFigure({ n: null, previousN: null }))).toEqual([]);
  });

  it('writes the widest margin of error of a base', () => {
    expect(marginOfError(403)).toBe('±4.9 points');
    expect(marginOfError(100)).toBe('±9.6 points');
  });
});

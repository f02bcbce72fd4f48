import { describe, expect, it } from 'vitest';
import {
  changeWithinMargin,
  figureIntervals,
  formatInterval,
  N_UNKNOWN,
  roundBound,
  rowInterval,
} from '../../src/lib/stats/figure-intervals.ts';
import { wilsonInterval } from '../../src/lib/stats/wilson.ts';
import { barsFigure, pairedFigure } from './fixtures/figures.ts';

describe('figureIntervals', () => {
  it("gives every row the Wilson interval of its value over the figure's n", () => {
    const rows = figureIntervals(barsFigure());
    expect(rows.map((r) => r.label)).toEqual([
      'Infrastructure and operations leaders',
      'CTOs',
      'CIOs',
      'Heads of data science',
    ]);
    expect(rows[1]!.value).toEqual({ known: true, value: 39, n: 403, ...wilsonInterval(39, 403) });
    expect(rows[1]!.previous).toBeUndefined();
  });

  it('marks every value "base not published" where no source states the base, instead of inventing an n', () => {
    const rows = figureIntervals(barsFigure({ n: null }));
    expect(rows.every((r) => !r.value.known && r.value.reason === 'base not published')).toBe(true);
  });

  it('marks every value "n not published" where a source states the base but not its size', () => {
    const base = { text: 'All respondents', quote: 'all respondents (test fixture)' };
    const rows = figureIntervals(barsFigure({ base }));
    expect(rows.every((r) => !r.value.known && r.value.reason === N_UNKNOWN)).toBe(true);
  });

  it('gives a row from another source than the one stating the base no interval', () => {
    const other = { key: 'P-CDO', title: 'Spend more', confidence: 'PR' } as const;
    const figure = pairedFigure({
      previousN: 250,
      rows: [
        { label: 'Increased the AI/ML budget', value: 83, previous: 71 },
        { label: 'Increased it by more than 50%', value: 20, previous: 7, source: other },
      ],
    });
    const [own, another] = figureIntervals(figure);
    expect([own!.value.known, own!.previous!.known]).toEqual([true, true]);
    expect(another!.value).toEqual({ known: false, value: 20, reason: 'base not published' });
    expect(another!.previous).toEqual({ known: false, value: 7, reason: 'base not published' });
  });

  it("computes a previous-edition value over the previous edition's n, never over this edition's", () => {
    const unknown = figureIntervals(pairedFigure({ previousN: null }))[0]!;
    expect(unknown.value).toMatchObject({ known: true, n: 403 });
    expect(unknown.previous).toEqual({ known: false, value: 71, reason: 'base not published' });
    const known = figureIntervals(pairedFigure({ previousN: 250 }))[0]!;
    expect(known.previous).toEqual({ known: true, value: 71, n: 250, ...wilsonInterval(71, 250) });
  });

  it('finds one row by label, its value or its previous value', () => {
    expect(rowInterval(pairedFigure({ previousN: 250 }), 'Increased the AI/ML budget', true)).toMatchObject({
      value: 71,
      n: 250,
    });
    expect(rowInterval(barsFigure(), 'Nobody')).toBeUndefined();
  });
});

describe('formatting', () => {
  it('rounds download bounds to one decimal and prose bounds to whole points', () => {
    const interval = wilsonInterval(64, 403);
    expect([roundBound(interval.low), roundBound(interval.high)]).toEqual([59.2, 68.5]);
    expect(formatInterval(interval)).toBe('59–69%');
  });
});

describe('changeWithinMargin', () => {
  const at = (value: number, n: number) => ({ value, ...wilsonInterval(value, n) });

  it('holds a change smaller than the combined margin of two samples', () => {
    expect(changeWithinMargin(at(55, 403), at(52, 403))).toBe(true);
    expect(changeWithinMargin(at(52, 403), at(55, 403))).toBe(true);
  });

  it('does not hold a change larger than the combined margin', () => {
    expect(changeWithinMargin(at(83, 403), at(71, 403))).toBe(false);
    expect(changeWithinMargin(at(71, 403), at(83, 403))).toBe(false);
  });

  it('is narrower than the overlap of the two intervals: shares 7 points apart at n = 403 differ', () => {
    // 57% and 64% of 403 have overlapping intervals, yet the difference of two samples is beyond the margin.
    expect(changeWithinMargin(at(64, 403), at(57, 403))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { FITTED_PAGES, lastPage, shortLastPages } from '../../src/integrations/report-pdf/typst/compile.ts';

/** The marks report.typ leaves at each chapter's start and end, as Typst's query returns them. */
const mark = (chapter: number, edge: 'start' | 'end', page: number, y: number, opener = false) => ({
  func: 'metadata',
  value: { chapter, edge, page, y, ...(opener ? { opener } : {}) },
});

describe('shortLastPages: the chapters the build fits', () => {
  it('finds a chapter whose last page, after its first, is under a quarter full', () => {
    const marks = [mark(1, 'start', 7, 90), mark(1, 'end', 9, 30), mark(2, 'start', 11, 60), mark(2, 'end', 12, 200)];
    expect(shortLastPages(marks)).toEqual([1]);
    // Under a quarter of the 253 mm text area (23 mm from the top): 80 mm down is 57 mm of text.
    expect(shortLastPages([mark(1, 'start', 7, 90), mark(1, 'end', 9, 80)])).toEqual([1]);
    expect(shortLastPages([mark(1, 'start', 7, 90), mark(1, 'end', 9, 90)])).toEqual([]);
  });

  it('holds the last page before a part opener to half full (round 11: pages two-thirds empty)', () => {
    // 120 mm down is 97 mm of the 253 mm text area: over a quarter, under half.
    expect(shortLastPages([mark(4, 'start', 9, 60), mark(4, 'end', 11, 120, true)])).toEqual([4]);
    expect(shortLastPages([mark(4, 'start', 9, 60), mark(4, 'end', 11, 120)])).toEqual([]);
    expect(shortLastPages([mark(4, 'start', 9, 60), mark(4, 'end', 11, 160, true)])).toEqual([]);
  });

  it('leaves a chapter whose last page is well filled, one on a single page, and one ending at a foot', () => {
    const marks = [
      mark(1, 'start', 7, 90),
      mark(1, 'end', 8, 140),
      mark(2, 'start', 8, 150),
      mark(2, 'end', 8, 260),
      // The end mark at the very top of the next page: the text ended at the foot of the page before.
      mark(3, 'start', 9, 40),
      mark(3, 'end', 11, 23),
      // The next chapter opens on the page where this one ends: that page is not short.
      mark(4, 'start', 12, 60),
      mark(4, 'end', 13, 30),
      mark(5, 'start', 13, 50),
      mark(5, 'end', 13, 200),
    ];
    expect(shortLastPages(marks)).toEqual([]);
  });

  it('ignores anything that is not a mark', () => {
    expect(shortLastPages(undefined)).toEqual([]);
    expect(shortLastPages([{ func: 'metadata' }])).toEqual([]);
  });
});

describe('lastPage: whether a report is short enough to fit its chapter ends', () => {
  it('reads the last page the chapters run to from the marks, whatever the machine’s speed', () => {
    const at = (page: number) => mark(1, 'end', page, 40);
    expect(lastPage([at(3), at(31), at(12)])).toBe(31);
    expect(lastPage([])).toBe(0);
    expect(lastPage([at(FITTED_PAGES + 1)])).toBeGreaterThan(FITTED_PAGES);
  });
});

import { describe, expect, it } from 'vitest';
import { shortLastPages } from '../../src/integrations/report-pdf/typst/compile.ts';

/** The marks report.typ leaves at each chapter's start and end, as Typst's query returns them. */
const mark = (chapter: number, edge: 'start' | 'end', page: number, y: number) => ({
  func: 'metadata',
  value: { chapter, edge, page, y },
});

describe('shortLastPages: the chapters the build sets tighter', () => {
  it('finds a chapter that ends in a few lines at the top of a page after its first', () => {
    const marks = [mark(1, 'start', 7, 90), mark(1, 'end', 9, 30), mark(2, 'start', 9, 60), mark(2, 'end', 10, 200)];
    expect(shortLastPages(marks)).toEqual([1]);
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
    ];
    expect(shortLastPages(marks)).toEqual([]);
  });

  it('ignores anything that is not a mark', () => {
    expect(shortLastPages(undefined)).toEqual([]);
    expect(shortLastPages([{ func: 'metadata' }])).toEqual([]);
  });
});

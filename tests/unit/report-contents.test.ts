import { describe, expect, it } from 'vitest';
import { nestContents } from '../../src/lib/report-contents.ts';

describe('the report contents on the report page', () => {
  it('nests chapters under their part and keeps front and back matter on their own', () => {
    const nested = nestContents([
      { title: 'Executive summary', page: 3 },
      { title: 'Part 1: Budgets rose', page: 6 },
      { title: '1. Budgets grew', page: 7 },
      { title: '2. Teams held', page: 9 },
      { title: 'Part 2: Hard problems', page: 15 },
      { title: '5. Governance', page: 16 },
      { title: 'Methodology', page: 30 },
    ]);
    expect(nested.map((item) => [item.title, item.page, item.chapters.map((c) => c.page)])).toEqual([
      ['Executive summary', 3, []],
      ['Part 1: Budgets rose', 6, [7, 9]],
      ['Part 2: Hard problems', 15, [16]],
      ['Methodology', 30, []],
    ]);
  });

  it('lists a chapter that no part precedes, or that follows back matter, on its own', () => {
    const nested = nestContents([
      { title: '1. Alone', page: 2 },
      { title: 'Sources', page: 9 },
      { title: '2. After', page: 10 },
    ]);
    expect(nested.map((item) => item.title)).toEqual(['1. Alone', 'Sources', '2. After']);
  });
});

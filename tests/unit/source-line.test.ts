import { describe, expect, it } from 'vitest';
import { printedByline } from '../../src/lib/report/source-line.ts';

describe('printedByline', () => {
  it('gives the date where known and "n.d." where not', () => {
    expect(printedByline({ author: 'Louis Columbus', outlet: 'Forbes', date: 'January 2021' })).toBe(
      'Louis Columbus, Forbes, January 2021',
    );
    expect(printedByline({ outlet: 'Algorithmia blog' })).toBe('Algorithmia blog, n.d.');
  });
});

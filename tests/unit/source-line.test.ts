import { describe, expect, it } from 'vitest';
import { printedByline, undated } from '../../src/lib/report/source-line.ts';

describe('printedByline', () => {
  it('gives the date where known and none where not: no "n.d." (round 16)', () => {
    expect(printedByline({ author: 'Louis Columbus', outlet: 'Forbes', date: 'January 2021' })).toBe(
      'Louis Columbus, Forbes, January 2021',
    );
    expect(printedByline({ outlet: 'Algorithmia blog' })).toBe('Algorithmia blog');
    expect(undated({})).toBe(true);
    expect(undated({ date: 'January 2021' })).toBe(false);
    expect(undated({ fielded: { from: '2024-09-02', to: '2024-09-27' } })).toBe(false);
  });

  it('dates a survey by its fielding period, never "n.d." (round 11, p19)', () => {
    expect(printedByline({ fielded: { from: '2024-09-02', to: '2024-09-27' } })).toBe('September 2024');
    expect(printedByline({ outlet: 'Acme', fielded: { from: '2024-09-20', to: '2024-10-11' } })).toBe(
      'Acme, September – October 2024',
    );
    expect(printedByline({ fielded: { from: '2024-12-09', to: '2025-01-10' } })).toBe('December 2024 – January 2025');
  });

  it("names the series' publisher on its own survey, which has no author or outlet (round 12: the entry began with its date)", () => {
    const own = { fielded: { from: '2024-09-02', to: '2024-09-27' } };
    expect(printedByline(own, 'The demonstration editorial team')).toBe(
      'The demonstration editorial team, September 2024',
    );
    // A source with its own author or outlet keeps them: the publisher is only the fallback.
    expect(printedByline({ outlet: 'Acme', date: '2021' }, 'The editors')).toBe('Acme, 2021');
  });
});

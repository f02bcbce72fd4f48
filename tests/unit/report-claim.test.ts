import { describe, expect, it } from 'vitest';
import { claimSourceLine } from '../../src/lib/report-claim.ts';

const survey = { publisher: 'Algorithmia', title: 'Trends 2021', respondents: 403, fielded: 'November 2020' };

describe('the source line under the report page’s claim', () => {
  it('names the survey, its size and fieldwork, and each outlet of the key numbers once', () => {
    const numbers = [
      { source: 'the Algorithmia blog' },
      { source: 'the Algorithmia blog' },
      { source: 'O’Reilly Media' },
    ];
    expect(claimSourceLine(numbers, survey)).toBe(
      'Source: Algorithmia, Trends 2021 (survey of 403, fielded November 2020), as reported by the Algorithmia blog and O’Reilly Media.',
    );
    expect(claimSourceLine([{ source: 'A' }, { source: 'B' }, { source: 'C' }], { publisher: 'P', title: 'T' })).toBe(
      'Source: P, T, as reported by A, B and C.',
    );
  });

  it('names the site’s own survey as the source, and says when its data are synthetic', () => {
    const own = 'Survey of 500 software engineers, fielded 2–27 September 2024';
    expect(claimSourceLine([{ source: own }, { source: own }], { title: 'T', respondents: 500 })).toBe(
      `Source: ${own}.`,
    );
    expect(claimSourceLine([{ source: own }], { title: 'T', synthetic: true })).toMatch(
      new RegExp(`^Source: ${own}\\. \\S`),
    );
  });

  it('names none for a claim with no key number behind it', () => {
    expect(claimSourceLine([], survey)).toBeUndefined();
  });
});

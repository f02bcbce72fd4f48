import { describe, expect, it } from 'vitest';
import { lensedTotals, sentenceIndex } from '../../src/lib/lens-rule.ts';

describe('the lens rule for totals in a sentence', () => {
  it('annotates every total of a sentence, or none where one of them cannot take the group’s value', () => {
    // "Across all respondents, the split is 47% in use, 19% being built and 34% with none." With 1,000+ employees
    // picked, the section already gives that group's "being built" and "none": no total of the sentence is annotated.
    expect(
      lensedTotals([
        { sentence: 'p1:0', annotatable: true },
        { sentence: 'p1:0', annotatable: false },
        { sentence: 'p1:0', annotatable: false },
        { sentence: 'p1:1', annotatable: true },
        { sentence: 'p2:0', annotatable: true },
        { sentence: 'p2:0', annotatable: true },
      ]),
    ).toEqual([false, false, false, true, true, true]);
  });

  it('tells sentences apart at a full stop and a capital, not at a decimal point', () => {
    expect(sentenceIndex('The mean is ')).toBe(0);
    expect(sentenceIndex('The mean is 11.0 days, above ')).toBe(0);
    expect(sentenceIndex('Half ship within 9 days. The mean, ')).toBe(1);
    expect(sentenceIndex('It is +12. “Promoters” answer 9 or 10? Among them ')).toBe(2);
  });
});

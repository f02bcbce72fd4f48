import { describe, expect, it } from 'vitest';
import { lensedTotals, sentenceIndex, wideInterval } from '../../src/lib/lens-rule.ts';

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

describe('wideInterval', () => {
  it('marks a group whose interval is more than twice as wide as the total’s', () => {
    // The demo's managers: NPS +5 from n = 41, −17 to +27, beside all respondents' +12, 4 to 20.
    expect(wideInterval({ low: -17, high: 27 }, { low: 4, high: 20 })).toBe(true);
    // Europe's 38%, 31–46%, beside all respondents' 40%, 36–45%: under twice as wide.
    expect(wideInterval({ low: 31, high: 46 }, { low: 36, high: 45 })).toBe(false);
    expect(wideInterval({ low: 0, high: 20 }, { low: 0, high: 10 })).toBe(false);
    expect(wideInterval({ low: 0, high: 21 }, { low: 0, high: 10 })).toBe(true);
  });

  it('marks nothing where the total has no interval to compare with', () => {
    expect(wideInterval({ low: -17, high: 27 }, undefined)).toBe(false);
  });
});

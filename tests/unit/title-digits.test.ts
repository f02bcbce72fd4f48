import { describe, expect, it } from 'vitest';
import { chapterShares, titleInDigits } from '../../src/lib/report/title-digits.ts';

describe('a chapter title in the printed report', () => {
  it('prints the share its words stand for, where one value of the chapter fits', () => {
    expect(
      titleInDigits(
        'Over four in five raised AI/ML budgets year on year; one in five by over half',
        [83, 71, 20, 7, 64],
      ),
    ).toBe('83% raised AI/ML budgets year on year; 20% by over half');
    expect(titleInDigits('More than half ranked governance their top concern', [56, 67, 8])).toBe(
      '56% ranked governance their top concern',
    );
  });

  it('adds "of" before the noun a share counts', () => {
    expect(titleInDigits('Two in five respondents said their organization ran more than 50 models', [40, 41])).toBe(
      '40% of respondents said their organization ran more than 50 models',
    );
    expect(titleInDigits('Nearly half of respondents named fitting their ML tools together', [49])).toBe(
      '49% of respondents named fitting their ML tools together',
    );
  });

  it('reads "nearly" and "over" as a point and a half or more off the fraction (64% beside 66%)', () => {
    expect(titleInDigits('It took a month or more, nearly two in three respondents said', [64, 66, 38])).toBe(
      'It took a month or more, 64% of respondents said',
    );
  });

  it('keeps the words where no value or more than one fits', () => {
    expect(titleInDigits('Most said it was not cut; over one in four said it grew', [27, 30])).toBe(
      'Most said it was not cut; over one in four said it grew',
    );
    expect(titleInDigits('Over half said so', [83])).toBe('Over half said so');
    expect(titleInDigits('The report found organizations struggling', [])).toBe(
      'The report found organizations struggling',
    );
  });

  it("takes the values from the trend's own figures: published shares in both editions, not derived ones", () => {
    const figures = [
      {
        id: 'budget',
        unit: 'percent',
        rows: [
          { value: 83, previous: 71 },
          { value: 17, derived: true },
        ],
      },
      { id: 'days', unit: 'days', rows: [{ value: 9 }] },
      { id: 'other', unit: 'percent', rows: [{ value: 40 }] },
    ];
    expect(chapterShares(figures, ['budget', 'days'])).toEqual([83, 71]);
  });

  it('takes a computed share as its figure writes it (issue 21 round 2: the demo chapter printed “10.4213%”)', () => {
    const tail = {
      id: 'tail',
      unit: 'percent',
      survey: { question: 'onboarding', compute: 'tail-share' as const },
      rows: [
        { value: 10.4213, interval: { low: 10.1996, high: 12.4169 } },
        { value: 25.859, interval: { low: 24.1553, high: 29.6855 } },
      ],
    };
    const values = chapterShares([tail], ['tail']);
    expect(values).toEqual([10, 26]);
    expect(titleInDigits('Half ship within nine working days; one in ten, four weeks or more', values)).toBe(
      'Half ship within nine working days; 10%, four weeks or more',
    );
    // Narrow intervals: one decimal, as the figure writes it.
    const narrow = { ...tail, rows: [{ value: 10.4213, interval: { low: 9.9, high: 11.1 } }] };
    expect(chapterShares([narrow], ['tail'])).toEqual([10.4]);
  });
});

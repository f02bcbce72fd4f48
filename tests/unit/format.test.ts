import { describe, expect, it } from 'vitest';
import {
  allTrends,
  countOf,
  countWords,
  formatDate,
  formatPercent,
  isoDate,
  readingMinutes,
  readingTime,
} from '../../src/lib/format.ts';

describe('formatPercent', () => {
  it('writes whole and fractional percentages without rounding', () => {
    expect(formatPercent(57)).toBe('57%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(100)).toBe('100%');
    expect(formatPercent(12.5)).toBe('12.5%');
  });

  it('refuses values that are not numbers', () => {
    expect(() => formatPercent(Number.NaN)).toThrow(/not a finite number/);
  });
});

describe('formatDate', () => {
  it('prints the calendar date of the content, whatever the machine time zone', () => {
    // The test environment runs in America/Los_Angeles, where midnight UTC is still the previous day.
    expect(formatDate(new Date('2021-01-05'))).toBe('January 5, 2021');
    expect(isoDate(new Date('2021-01-05'))).toBe('2021-01-05');
  });

  it('refuses an invalid date instead of printing "Invalid Date"', () => {
    expect(() => formatDate(new Date('not a date'))).toThrow(/invalid date/);
  });
});

describe('reading time', () => {
  it('counts prose words only, a Stat as one word', () => {
    const mdx =
      '---\ntitle: "Ten words here would not count"\n---\n\n## A heading\n\nSome <Stat figure="x" label="y" /> of teams grew.\n\n<Figure id="x" />\n';
    expect(countWords(mdx)).toBe(7);
  });

  it('rounds to whole minutes and never says zero', () => {
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(660)).toBe(3);
  });

  it('is said on every article, short ones too: on four of ten it read as missing (issue 20 round 12)', () => {
    expect(readingTime(1)).toBe('1 min read');
    expect(readingTime(2)).toBe('2 min read');
    expect(readingTime(3)).toBe('3 min read');
    expect(readingTime(7)).toBe('7 min read');
  });
});

describe('counts in text', () => {
  it('agree with their number', () => {
    expect(countOf(1, 'trend')).toBe('1 trend');
    expect(countOf(10, 'trend')).toBe('10 trends');
    expect(countOf(0, 'trend')).toBe('0 trends');
  });

  it('name every trend of a series, or the series where it has one', () => {
    expect(allTrends(10)).toBe('all 10 trends');
    expect(allTrends(1)).toBe('the series');
  });
});

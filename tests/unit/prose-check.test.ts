import { describe, expect, it } from 'vitest';
import { findPercentLiterals } from '../../src/lib/prose-check.ts';

describe('findPercentLiterals', () => {
  it('finds percentages typed in prose, with their line', () => {
    const source = [
      'Intro line.',
      'Of all leaders, 57% set priorities;',
      'then 57 percent again, and 12.5 % of the rest.',
    ].join('\n');
    expect(findPercentLiterals(source)).toEqual([
      { text: '57%', line: 2 },
      { text: '57 percent', line: 3 },
      { text: '12.5 %', line: 3 },
    ]);
  });

  it('finds the other ways of writing percent', () => {
    const texts = findPercentLiterals('5 per cent, 6 percent, 7 pct and 8 Percent').map((l) => l.text);
    expect(texts).toEqual(['5 per cent', '6 percent', '7 pct', '8 Percent']);
  });

  it('finds a percentage typed in the frontmatter title or summary', () => {
    const source = [
      '---',
      'order: 1',
      'title: "57% of leaders set priorities"',
      'summary: "Up to 40 percent more."',
      '---',
      'Body',
    ].join('\n');
    expect(findPercentLiterals(source)).toEqual([
      { text: '57%', line: 3 },
      { text: '40 percent', line: 4 },
    ]);
  });

  it('ignores percentages inside Stat, Figure and Survey attributes', () => {
    const source = [
      'More than half <Stat figure="budget-growth" label="Increased it by more than 50%" /> did so.',
      '<Stat',
      '  figure="budget-growth"',
      '  label="Increased it by more than 50%"',
      '  previous',
      '/>',
    ].join('\n');
    expect(findPercentLiterals(source)).toEqual([]);
  });

  it('ignores percentages in inline code and in code fences', () => {
    const source = ['Write `57%` as a Stat.', '```mdx', 'Budgets rose for 83% of them.', '```', 'Done.'].join('\n');
    expect(findPercentLiterals(source)).toEqual([]);
  });

  it('ignores percentages inside MDX comments, even over several lines', () => {
    const source = ['{/* TODO: check the 57% figure', '   against the 39% one */}', 'Text.'].join('\n');
    expect(findPercentLiterals(source)).toEqual([]);
  });

  it('still counts lines correctly after a fence, a comment and a tag it skipped', () => {
    const source = [
      '```',
      'ignored 10%',
      '```',
      '{/* ignored',
      '20% */}',
      '<Stat figure="x"',
      '  label="30%" />',
      'but 40% is typed by hand',
    ].join('\n');
    expect(findPercentLiterals(source)).toEqual([{ text: '40%', line: 8 }]);
  });

  it('does not mistake version numbers or ids for percentages', () => {
    expect(findPercentLiterals('Version v1.5% and item x50% are not shares.')).toEqual([]);
  });
});

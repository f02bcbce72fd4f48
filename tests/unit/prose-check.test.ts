import { describe, expect, it } from 'vitest';
import { findPercentLiterals, findStatSentences, wordsIn } from '../../src/lib/prose-check.ts';

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

describe('findStatSentences', () => {
  const stat = (label: string, previous = false) =>
    `<Stat figure="io-decision-makers" label="${label}"${previous ? ' previous' : ''} />`;

  it('finds each sentence with two or more <Stat>s, with their line and its prose without the tags', () => {
    const source = [
      '---',
      'title: "A trend"',
      '---',
      `CTOs were named by ${stat('CTOs')}. More of them than CIOs, at ${stat('CIOs')}.`,
      `In all, ${stat('CTOs')} is higher than`,
      `${stat('CIOs')}, a lead of four points.`,
    ].join('\n');
    expect(findStatSentences(source)).toEqual([
      {
        line: 5,
        text: 'In all, is higher than , a lead of four points.',
        stats: [
          { figure: 'io-decision-makers', label: 'CTOs', previous: false, line: 5 },
          { figure: 'io-decision-makers', label: 'CIOs', previous: false, line: 6 },
        ],
      },
    ]);
  });

  it('ends a sentence at a paragraph break, a heading or a list item, not inside a label', () => {
    const source = [
      `A ${stat('Increased it by more than 50%. Really')}`,
      '',
      `B ${stat('CIOs', true)} and`,
      `- C ${stat('CTOs')}`,
      `## D ${stat('CTOs')}`,
    ].join('\n');
    expect(findStatSentences(source)).toEqual([]);
  });

  it('reads previous and ignores <Stat>s in code and comments', () => {
    const source = `Up from ${stat('CTOs', true)} to ${stat('CTOs')} {/* and ${stat('CIOs')} */}, \`${stat('CIOs')}\`.`;
    const [sentence] = findStatSentences(source);
    expect(sentence!.stats.map((s) => [s.label, s.previous])).toEqual([
      ['CTOs', true],
      ['CTOs', false],
    ]);
  });
});

describe('wordsIn', () => {
  it('finds listed words and phrases as whole words, in any case, across line breaks', () => {
    const words = ['more than', 'leads', 'up from', 'rose'];
    expect(wordsIn('X leads Y, and More\nthan that, it rose', words)).toEqual(['more than', 'leads', 'rose']);
    expect(wordsIn('The pleads and arose', words)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { headingSequence, repeatedHeadingSequences } from '../../src/lib/heading-sequence.ts';

const article = (...headings: string[]) =>
  ['---', 'title: T', '---', 'Intro.', ...headings.map((h) => `\n## ${h}\n\nText.`)].join('\n');

describe('repeatedHeadingSequences', () => {
  it('lists the headings of an article in order, ignoring code blocks', () => {
    expect(headingSequence(`${article('One', 'Two')}\n\`\`\`md\n## Not a heading\n\`\`\``)).toEqual([
      '## one',
      '## two',
    ]);
  });

  it('fails the second article with the same heading sequence, naming both files', () => {
    const problems = repeatedHeadingSequences([
      { file: 'a.mdx', source: article('What we found', 'What to do about it') },
      { file: 'b.mdx', source: article('Budgets', 'What to do about it') },
      { file: 'c.mdx', source: article('What we found', 'What to do About it') },
    ]);
    expect(problems).toEqual([expect.stringMatching(/^c\.mdx: has the same section headings as a\.mdx/)]);
  });

  it('lets articles without headings be', () => {
    expect(
      repeatedHeadingSequences([
        { file: 'a.mdx', source: 'x' },
        { file: 'b.mdx', source: 'y' },
      ]),
    ).toEqual([]);
  });
});

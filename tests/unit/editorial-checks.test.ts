import { parseFrontmatter } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import {
  boundFigures,
  crossQuestionProblems,
  figureEchoes,
  figureEchoProblems,
  statOpeningProblems,
  deckProblems,
  editorialChecks,
  headlineRepeated,
  singleValueChartProblems,
  proseWordCount,
  sceneProblems,
  wordRangeProblems,
} from '../../src/lib/content/editorial-checks.ts';
import { TrendSchema } from '../../src/lib/schema/trend.ts';
import type { TrendSource } from '../../src/lib/validate-series.ts';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import { readStyleRules } from '../../src/lib/content/style-sheet.ts';

interface Options {
  title?: string;
  summary?: string;
  opening?: string;
  draft?: boolean;
  figures?: string[];
}

/** An article with this body; its frontmatter has 8 lines plus one per option given. */
function article(file: string, body: string, options: Options = {}): TrendSource {
  const {
    title = 'Nine in ten teams ship on Fridays',
    summary = 'The count comes from one question; the survey did not ask why.',
    figures = [],
  } = options;
  const source = [
    '---',
    'order: 1',
    `title: "${title}"`,
    `summary: "${summary}"`,
    'published: 2021-01-05',
    'author: The ML Trends editorial team',
    `figures: [${figures.join(', ')}]`,
    ...(options.opening ? [`opening: ${options.opening}`] : []),
    ...(options.draft ? ['draft: true'] : []),
    '---',
    body,
  ].join('\n');
  return { file, source, data: TrendSchema.parse(parseFrontmatter(source).frontmatter) };
}

/** `n` words of plain prose, in sentences of ten. */
function words(n: number): string {
  const list = Array.from({ length: n }, (_, i) => (i % 10 === 9 ? 'word.' : 'word'));
  return list.join(' ');
}

const STAT_A = '<Stat figure="budget-growth" label="Increased the AI/ML budget" />';
const STAT_B = '<Stat figure="team-size" label="Increased their AI/ML team" />';

describe('proseWordCount', () => {
  it('counts the words of the body, not the frontmatter or the markup, and a <Stat> as one word', () => {
    const a = article(
      'a.mdx',
      `\n## Two words\n\nOne two three, four. ${STAT_A} of them.\n\n<Figure id="budget-growth" />\n\n{/* not counted */}`,
    );
    // "Two words" (2) + "One two three four" (4) + the Stat (1) + "of them" (2).
    expect(proseWordCount(a.source)).toBe(9);
  });
});

describe('boundFigures', () => {
  it('counts distinct figures bound by <Figure id> or <Stat figure>', () => {
    const source = `${STAT_A} and ${STAT_A}.\n\n<Figure id="budget-growth" />\n\n${STAT_B}.`;
    expect(boundFigures(source)).toEqual(['budget-growth', 'team-size']);
  });
});

describe('wordRangeProblems', () => {
  it('refuses a trend without a figure that runs over 450 words, naming the file and the count', () => {
    const long = article('content/series/s/trends/03-x.mdx', words(451));
    expect(wordRangeProblems(long)).toEqual([
      expect.stringMatching(
        /^content\/series\/s\/trends\/03-x\.mdx: the prose runs 451 words; an article that binds no figure runs at most 450/,
      ),
    ]);
    expect(wordRangeProblems(article('b.mdx', words(450)))).toEqual([]);
    expect(wordRangeProblems(article('b.mdx', words(120)))).toEqual([]);
  });

  it('holds a one-figure trend to 450 to 650 words, at both ends', () => {
    const one = (n: number) => article('c.mdx', `${words(n - 1)} ${STAT_B}.`, { figures: ['team-size'] });
    expect(wordRangeProblems(one(449))[0]).toMatch(
      /c\.mdx: the prose runs 449 words; an article that binds one figure runs 450 to 650/,
    );
    expect(wordRangeProblems(one(651))[0]).toMatch(/runs 651 words/);
    expect(wordRangeProblems(one(450))).toEqual([]);
    expect(wordRangeProblems(one(650))).toEqual([]);
  });

  it('holds a trend with two or more figures to 550 to 850 words, at both ends', () => {
    const two = (n: number) => article('d.mdx', `${words(n - 2)} ${STAT_A} ${STAT_B}.`);
    expect(wordRangeProblems(two(549))[0]).toMatch(
      /the prose runs 549 words; an article that binds 2 figures runs 550 to 850/,
    );
    expect(wordRangeProblems(two(851))[0]).toMatch(/runs 851 words/);
    expect(wordRangeProblems(two(550))).toEqual([]);
    expect(wordRangeProblems(two(850))).toEqual([]);
  });

  it('leaves a draft alone: a new trend starts short', () => {
    expect(wordRangeProblems(article('e.mdx', words(20), { draft: true }))).toEqual([]);
  });
});

describe('headlineRepeated and deckProblems', () => {
  it('takes a deck that equals the headline, ignoring case and punctuation, as a repeat', () => {
    expect(headlineRepeated('Budgets went up.', 'budgets  went up')).toBe(true);
  });

  it('takes a deck whose first sentence holds most of the headline content words as a repeat', () => {
    expect(
      headlineRepeated(
        'Process automation and customer experience lead the use cases',
        'Process automation and customer experience lead the enterprise use cases for machine learning. More follows.',
      ),
    ).toBe(true);
  });

  it('accepts a deck that adds something, even when it shares a word or two', () => {
    expect(
      headlineRepeated(
        'Two in three enterprises wait a month or more to ship a trained model',
        'Building the model first takes as long, and deployment eats the hours of the people hired to build it.',
      ),
    ).toBe(false);
  });

  it('names the file and the field "summary"', () => {
    const a = article('f.mdx', words(10), { title: 'Budgets went up', summary: 'Budgets went up.' });
    expect(deckProblems(a)).toEqual([
      expect.stringMatching(/^f\.mdx: field "summary" repeats the headline \("title"\)/),
    ]);
    expect(deckProblems(article('g.mdx', words(10)))).toEqual([]);
  });
});

describe('sceneProblems', () => {
  const scene = 'Picture a platform lead with two quotes open.\n\nThen the data.';
  const plainScene = 'A platform lead has two quotes open.\n\nThen the data.';

  it('requires a hypothetical marker in the first paragraph of an article flagged as opening with a scene', () => {
    const flagged = article('h.mdx', plainScene, { opening: 'scene' });
    expect(sceneProblems([flagged])).toEqual([
      expect.stringMatching(
        /^h\.mdx: field "opening" is "scene", but the first paragraph does not say the scene is hypothetical/,
      ),
    ]);
    expect(sceneProblems([article('i.mdx', scene, { opening: 'scene' })])).toEqual([]);
  });

  it('asks for the flag where the first paragraph opens on a hypothetical without it, and only there', () => {
    const finding = 'Most teams ship monthly. Imagine the rest: the survey does not say.\n\nMore.';
    expect(sceneProblems([article('j0.mdx', finding)])).toEqual([]);
    expect(sceneProblems([article('j.mdx', scene)])).toEqual([
      expect.stringMatching(
        /^j\.mdx: the first paragraph opens on a hypothetical scene \("Picture"\); add "opening: scene"/,
      ),
    ]);
  });

  it('allows three scene openings in a series and refuses the fourth, naming the others', () => {
    const four = ['k1', 'k2', 'k3', 'k4'].map((n) => article(`${n}.mdx`, scene, { opening: 'scene' }));
    expect(sceneProblems(four.slice(0, 3))).toEqual([]);
    expect(sceneProblems(four)).toEqual([
      expect.stringMatching(
        /^k4\.mdx: field "opening": a fourth article opens with a scene \(k1\.mdx, k2\.mdx, k3\.mdx\); at most three/,
      ),
    ]);
  });
});

describe('crossQuestionProblems', () => {
  it('refuses a sentence binding values of two figures that does not say they answer different questions', () => {
    const source = `---\ntitle: x\n---\n\nBudgets rose at ${STAT_A} while teams grew at ${STAT_B}.`;
    expect(crossQuestionProblems('l.mdx', source)).toEqual([
      expect.stringMatching(
        /^l\.mdx:5: the sentence binds "budget-growth" and "team-size", two figures from different questions/,
      ),
    ]);
  });

  it('accepts the sentence when it says so, and two values of one figure', () => {
    const said = `Budgets rose at ${STAT_A}; teams grew at ${STAT_B}, a separate question.`;
    const saidToo = `The two come from different questions: ${STAT_A} and ${STAT_B}.`;
    const one = `${STAT_A} against <Stat figure="budget-growth" label="Increased the AI/ML budget" previous />.`;
    expect(crossQuestionProblems('m.mdx', said)).toEqual([]);
    expect(crossQuestionProblems('m.mdx', saidToo)).toEqual([]);
    expect(crossQuestionProblems('m.mdx', one)).toEqual([]);
  });
});

describe('editorialChecks on the real series', () => {
  it('finds nothing in content/series/ml-trends-2021', () => {
    const series = readSeriesFromDisk(process.cwd(), 'ml-trends-2021');
    expect(series.trends.length).toBeGreaterThan(0);
    // With the quantity phrases the style sheet lists as the sources' own words.
    const sourced = readStyleRules(process.cwd()).rules?.['sourced-quantity-phrases'];
    expect(sourced?.length).toBeGreaterThan(0);
    expect(editorialChecks(series, sourced)).toEqual([]);
  });

  it.each(['ml-trends-2021', 'platform-engineering-2024'])(
    'has no chart title in %s that says again the sentence above its chart',
    (id) => {
      const series = readSeriesFromDisk(process.cwd(), id);
      expect(series.figures.length).toBeGreaterThan(0);
      expect(figureEchoes(series)).toEqual([]);
    },
  );
});

describe('statOpeningProblems', () => {
  const stat = '<Stat figure="f" label="A" />';
  it('names the line of a paragraph, a bold lead-in or a sentence that opens on a bound number', () => {
    const source = [
      '---',
      'title: T',
      '---',
      '',
      `${stat} of respondents said so.`,
      '',
      `**${stat} said so.**`,
      '',
      `It rose. ${stat} said so.`,
    ].join('\n');
    expect(statOpeningProblems('s.mdx', source).map((p) => p.split(': ')[0])).toEqual([
      's.mdx:5',
      's.mdx:7',
      's.mdx:9',
    ]);
  });

  it('accepts a number after a colon, inside a sentence, or recast', () => {
    const source = [
      '---',
      'title: T',
      '---',
      '',
      `**Budgets: ${stat} said so.**`,
      `At ${stat} of organizations, it did. Two in three, ${stat}, said so.`,
    ].join('\n');
    expect(statOpeningProblems('s.mdx', source)).toEqual([]);
  });
});

describe('figureEchoProblems', () => {
  const figures = [
    {
      id: 'deploy',
      kind: 'number',
      title: 'Most enterprises need a month or longer to put a trained model into production',
    },
    {
      id: 'priority',
      kind: 'stacked',
      title: 'Machine learning gained ground among IT priorities far more often than it lost it',
    },
  ] as const;
  const deployStat = '<Stat figure="deploy" label="Need a month or longer to deploy a trained model" />';
  const page = (...lines: string[]) => ['---', 'title: T', '---', '', ...lines].join('\n');

  it('names a chart title that says again a sentence of the passage above the chart', () => {
    const source = page(
      'Over the year, machine learning climbed the list of IT work for most respondents.',
      'It gained ground far more often than it lost it.',
      '',
      '<Figure id="priority" />',
    );
    expect(figureEchoProblems('t.mdx', source, figures)).toEqual([
      expect.stringMatching(/^t\.mdx:8: the title of figure "priority" .* says again the sentence above it/),
    ]);
  });

  it('reads a <Stat> as the row it binds, and names a single number stated in the paragraph just above', () => {
    const source = page(
      `Nearly two in three respondents, ${deployStat}, said deploying takes a month or longer.`,
      '',
      '<Figure id="deploy" />',
    );
    const problems = figureEchoProblems('t.mdx', source, figures);
    expect(problems).toEqual([
      expect.stringMatching(/^t\.mdx:7: the title of figure "deploy"/),
      expect.stringMatching(/^t\.mdx:7: the paragraph just above figure "deploy" states the number the figure draws/),
    ]);
  });

  it('accepts a title that adds to the passage, and a number stated further up than the paragraph above', () => {
    const titles = [
      {
        id: 'deploy',
        kind: 'number',
        title: 'Under a month is the exception, not the rule, for putting a model to work',
      },
    ];
    const source = page(
      `Nearly two in three respondents, ${deployStat}, said deploying takes a month or longer.`,
      '',
      'A month is long enough for prices and fraud patterns to move on.',
      '',
      '<Figure id="deploy" />',
      '',
      '## Next',
      '',
      'Deploying within a month is the exception for putting a model to work.',
    );
    expect(figureEchoProblems('t.mdx', source, titles)).toEqual([]);
  });

  it('leaves out a sentence that says what was asked', () => {
    const source = page(
      'Respondents were asked whether machine learning gained ground among IT priorities.',
      '',
      '<Figure id="priority" />',
    );
    expect(figureEchoProblems('t.mdx', source, figures)).toEqual([]);
  });

  it('stops the passage at the heading above the chart', () => {
    const source = page(
      'It gained ground far more often than it lost it.',
      '',
      '## Ranks',
      '',
      '<Figure id="priority" />',
    );
    expect(figureEchoProblems('t.mdx', source, figures)).toEqual([]);
  });
});

describe('singleValueChartProblems', () => {
  const figures = [{ id: 'deploy', kind: 'number', title: 'A month or more' }] as const;
  const page = (...lines: string[]) => ['---', 'title: T', '---', '', ...lines].join('\n');

  it('names a web chart of a single value', () => {
    expect(singleValueChartProblems('t.mdx', page('<Figure id="deploy" />'), figures)).toEqual([
      expect.stringMatching(/^t\.mdx:5: <Figure id="deploy"> draws a single value/),
    ]);
  });

  it('accepts a print-only placement, which the web does not draw', () => {
    expect(singleValueChartProblems('t.mdx', page('<Figure id="deploy" print />'), figures)).toEqual([]);
    const stat = '<Stat figure="deploy" label="Need a month or longer to deploy a trained model" />';
    expect(
      figureEchoProblems('t.mdx', page(`Most, ${stat}, said so.`, '', '<Figure id="deploy" print />'), figures),
    ).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Figure } from '../../src/lib/schema/figure.ts';
import { fits, quantityWordProblems } from '../../src/lib/content/quantity-words.ts';
import { editorialProblems } from '../../src/lib/content/style-sheet.ts';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import { singleValueChartProblems } from '../../src/lib/content/editorial-checks.ts';

const FIGURES = [
  {
    id: 'team-size',
    rows: [
      { label: 'Did not reduce their AI/ML team', value: 76 },
      { label: 'Increased their AI/ML team', value: 27 },
    ],
  },
  { id: 'budget-growth', rows: [{ label: 'Increased it by more than 50%', value: 20, previous: 7 }] },
] as unknown as Figure[];

const TEAM = '<Stat figure="team-size" label="Increased their AI/ML team" />';

function check(body: string, head?: { title: string; summary: string; figureIds: string[] }, listed: string[] = []) {
  return quantityWordProblems('t.mdx', `---\norder: 1\n---\n${body}`, FIGURES, listed, head);
}

describe('fits', () => {
  it('reads "almost" and "nearly" as a little under, "over" as above, "about" as close', () => {
    expect(fits('almost', 100 / 3, 31)).toBe(true);
    expect(fits('almost', 100 / 3, 27)).toBe(false);
    expect(fits('nearly', 50, 51)).toBe(false);
    expect(fits('over', 25, 27)).toBe(true);
    expect(fits('more than', 50, 49)).toBe(false);
    expect(fits('about', 25, 27)).toBe(true);
    expect(fits('about', 25, 30)).toBe(false);
  });
});

describe('quantityWordProblems', () => {
  it('refuses a quantity said of a source that no value in the sentence carries, naming file and line', () => {
    expect(check('The account called the share almost a third of respondents.')).toEqual([
      't.mdx:4: "almost a third" states a quantity no bound value carries; bind the value with <Stat> in the sentence, say what the source says, or cut it (content/STYLE.md, "Numbers").',
    ]);
  });

  it('refuses a fraction the bound value in the sentence does not fit', () => {
    expect(check(`Almost a third of respondents, ${TEAM}, grew a team.`)).toHaveLength(1);
    expect(check(`Over one in four respondents, ${TEAM}, grew a team.`)).toEqual([]);
  });

  it('does not take a value from another sentence', () => {
    expect(check(`A team grew at ${TEAM} of organizations. Over one in four is a lot.`)).toHaveLength(1);
  });

  it('refuses a frequency ("almost always") unless the style sheet lists it', () => {
    expect(check('The post said I&O is almost always involved.')).toHaveLength(1);
    expect(check('The post said I&O is almost always involved.', undefined, ['almost always involved'])).toEqual([]);
  });

  it('lets a phrase the sources use stand, in the words listed', () => {
    const text = 'An account added that more than half of organizations had more than 25.';
    expect(check(text)).toHaveLength(1);
    expect(check(text, undefined, ['more than half of organizations'])).toEqual([]);
  });

  it('reads a question threshold as a threshold, and "half a day" as no share', () => {
    const head = { title: 'T', summary: 'S', figureIds: ['budget-growth'] };
    expect(check('A raise of more than half changes the scale of a program.', head)).toEqual([]);
    expect(check('The interval is about half a day either way.')).toEqual([]);
  });

  it('checks the headline and deck against the rows of the figures the article binds', () => {
    const head = { title: 'Over one in four grew a team', summary: 'Almost a third did.', figureIds: ['team-size'] };
    expect(check('Body.', head)).toEqual([
      't.mdx:field "summary": "Almost a third" states a quantity no bound value carries; bind the value with <Stat> in the sentence, say what the source says, or cut it (content/STYLE.md, "Numbers").',
    ]);
  });
});

describe('the ML trends series', () => {
  it('has no quantity word that a bound value or the sources do not carry', () => {
    const series = readSeriesFromDisk(process.cwd(), 'ml-trends-2021');
    expect(editorialProblems(process.cwd(), [series]).filter((p) => p.includes('states a quantity'))).toEqual([]);
  });
});

describe('singleValueChartProblems', () => {
  const figures = [
    { id: 'one', kind: 'number', title: 'One value' },
    { id: 'bars', kind: 'bars', title: 'Four groups' },
  ];
  it('refuses a <Figure> of a single value, naming file, line and figure, and accepts a chart that compares', () => {
    const source = '---\norder: 1\n---\nText.\n\n<Figure id="one" />\n\n<Figure id="bars" />\n';
    expect(singleValueChartProblems('t.mdx', source, figures)).toEqual([
      't.mdx:6: <Figure id="one"> draws a single value, which adds nothing the sentence does not say; state it with <Stat> and drop the chart, or chart a comparison the sources support.',
    ]);
  });
});

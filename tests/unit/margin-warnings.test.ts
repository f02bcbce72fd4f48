import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { TrendSchema } from '../../src/lib/schema/trend.ts';
import { readMarginWords } from '../../src/lib/stats/margin-words.ts';
import { marginWarnings, type SeriesContent } from '../../src/lib/validate-series.ts';
import { barsFigure, pairedFigure } from './fixtures/figures.ts';

/**
 * The margin-of-error warnings on fixture articles (tests/unit/fixtures/margin-articles), with the comparison
 * and change words of the project's own content/STYLE.md.
 */
const FIXTURES = 'tests/unit/fixtures/margin-articles';
const { words, problems } = readMarginWords(process.cwd());

function series(files: string[], figures = defaultFigures()): SeriesContent {
  const trends = files.map((name) => {
    const file = `${FIXTURES}/${name}`;
    const source = readFileSync(join(process.cwd(), file), 'utf8');
    return { file, source, data: TrendSchema.parse(parseFrontmatter(source).frontmatter) };
  });
  return { figures, trends, surveyFacts: [] };
}

function defaultFigures() {
  return [
    barsFigure(),
    pairedFigure({
      n: 403,
      previousN: 400,
      rows: [
        { label: 'Increased the AI/ML budget', value: 55, previous: 52 },
        { label: 'Increased it by more than 50%', value: 20, previous: 7 },
      ],
    }),
    barsFigure({
      id: 'team-size',
      n: null,
      rows: [
        { label: 'Did not reduce their AI/ML team', value: 76 },
        { label: 'Increased their AI/ML team', value: 27 },
      ],
    }),
  ];
}

describe('margin-of-error warnings', () => {
  it('reads its word lists from the style sheet', () => {
    expect(problems).toEqual([]);
    expect(words.comparison).toEqual(expect.arrayContaining(['more than', 'leads', 'ahead of', 'twice']));
    expect(words.change).toEqual(expect.arrayContaining(['rose', 'fell', 'up from', 'down from']));
  });

  it('warns when a sentence compares two values of one figure whose intervals overlap, naming file, line and both', () => {
    expect(marginWarnings(series(['01-overlapping-comparison.mdx']), words)).toEqual([
      `${FIXTURES}/01-overlapping-comparison.mdx:12: the sentence compares "CTOs" (39%, 95% interval 34–44%) and "CIOs" (35%, 95% interval 31–40%) of figure "io-decision-makers" ("more often"), but their intervals overlap: the difference is within the margin of error. Say that the two are close, or compare them without a direction.`,
    ]);
  });

  it('warns when a sentence describes a change between editions within the combined margin', () => {
    expect(marginWarnings(series(['02-change-within-margin.mdx']), words)).toEqual([
      `${FIXTURES}/02-change-within-margin.mdx:10: the sentence describes a change in "Increased the AI/ML budget" (previous edition, 52%, 95% interval 47–57%) and "Increased the AI/ML budget" (55%, 95% interval 50–60%) of figure "budget-growth" ("rose"), but the difference is within the combined margin of error of the two editions. Say that the share held about steady, or leave the direction out.`,
    ]);
  });

  it('does not warn on a clear difference, on values without a published n, or across sentences', () => {
    expect(marginWarnings(series(['03-no-warning.mdx']), words)).toEqual([]);
  });

  it('leaves references that do not resolve to the errors, without failing', () => {
    expect(marginWarnings({ ...series(['01-overlapping-comparison.mdx'], []), unreadFigures: 'all' }, words)).toEqual(
      [],
    );
    const renamed = [barsFigure({ rows: [{ label: 'Chief technology officers', value: 39 }] })];
    expect(marginWarnings(series(['01-overlapping-comparison.mdx'], renamed), words)).toEqual([]);
  });

  it("does not check a change whose previous edition's n is unknown", () => {
    const figures = defaultFigures();
    figures[1] = pairedFigure({
      n: 403,
      previousN: null,
      rows: [
        { label: 'Increased the AI/ML budget', value: 55, previous: 52 },
        { label: 'Increased it by more than 50%', value: 20, previous: 7 },
      ],
    });
    expect(marginWarnings(series(['02-change-within-margin.mdx'], figures), words)).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { bookmarkTitle, undoubled } from '../../src/integrations/report-pdf/pdf-outline.ts';
import { formatIssues } from '../../src/lib/schema/issues.ts';
import { SeriesSchema, type Survey } from '../../src/lib/schema/series.ts';
import { surveyAtAGlance } from '../../src/lib/report/at-a-glance.ts';
import { coverGraphicSvg } from '../../src/lib/report/cover-graphic.ts';
import { cssString, runningHeadsCss } from '../../src/lib/report/running-heads.ts';
import { barsFigure, pairedFigure } from './fixtures/figures.ts';
import { seriesDir } from './fixtures/real-content.ts';

const survey: Survey = {
  respondents: 403,
  respondentsDescription: 'business leaders and AI/ML practitioners',
  fielded: 'November 2020',
  revenueFilter: 'organizations with USD 100 million or more in annual revenue',
  sampling: 'random sample across industries',
  questions: 29,
  topics: 'AI/ML initiatives and challenges',
};

describe('coverGraphicSvg', () => {
  const heights = (svg: string) =>
    [...svg.matchAll(/<rect class="cover-graphic-(bar|lead)" [^>]*height="([\d.]+)"/g)].map((m) => Number(m[2]));

  it('draws one column per trend, as tall as its value, and the lead trend in the accent class', () => {
    const svg = coverGraphicSvg(
      [
        { order: 1, value: 80 },
        { order: 2, value: 40 },
        { order: 3, value: 20 },
      ],
      2,
    );
    const [a, b, c] = heights(svg);
    expect(a! / b!).toBeCloseTo(2);
    expect(b! / c!).toBeCloseTo(2);
    expect(svg.match(/cover-graphic-lead/g)).toHaveLength(1);
    expect(svg).toContain('>40%</text>');
  });

  it('marks a trend without a published value with an empty stub, not a made-up column', () => {
    const svg = coverGraphicSvg([{ order: 1, value: 50 }, { order: 2 }]);
    expect(heights(svg)).toHaveLength(1);
    expect(svg.match(/cover-graphic-empty/g)).toHaveLength(1);
    expect(svg.match(/cover-graphic-order/g)).toHaveLength(2);
  });
});

describe('surveyAtAGlance', () => {
  it('gives respondents, fielding, base, questions and sampling, and leaves out facts not given', () => {
    const rows = surveyAtAGlance(survey, [barsFigure()]);
    expect(rows.map((r) => r.term)).toEqual(['Respondents', 'Fielded', 'Base', 'Questions', 'Sampling']);
    expect(rows[2]!.detail).toBe('Every figure in this report is a share of all 403 respondents.');
  });

  it('counts the figures on another base, and lists the publisher and the limits where given', () => {
    const rows = surveyAtAGlance({ ...survey, publisher: 'Algorithmia', limits: ['Self-reported.', 'Vendor-run.'] }, [
      barsFigure(),
      pairedFigure({ n: null }),
    ]);
    expect(rows.find((r) => r.term === 'Base')!.detail).toMatch(/^1 of the 2 figures are shares of all 403/);
    expect(rows.find((r) => r.term === 'Survey by')!.detail).toBe('Algorithmia.');
    expect(rows.find((r) => r.term === 'Limits')!.items).toEqual(['Self-reported.', 'Vendor-run.']);
  });

  it('says so when no figure has a documented base of all respondents, rather than claiming one', () => {
    const rows = surveyAtAGlance(survey, [barsFigure({ n: null })]);
    expect(rows.find((r) => r.term === 'Base')!.detail).toMatch(/^No source documents the base of a single figure/);
  });
});

describe('the survey fields of series.yaml', () => {
  const parse = (extra: Record<string, unknown>) => {
    const yaml = readFileSync(new URL(`../../${seriesDir}/series.yaml`, import.meta.url), 'utf8');
    const data = parseFrontmatter(`---\n${yaml}\n---\n`).frontmatter as { survey: object };
    const result = SeriesSchema.safeParse({ ...data, survey: { ...data.survey, ...extra } });
    return result.error ? formatIssues(result.error.issues) : [];
  };

  it('names the field when the limits are not a list of sentences', () => {
    expect(parse({ limits: 'Self-reported.' })).toEqual([
      'field "survey.limits" must be a list of sentences (one "- ..." line each)',
    ]);
    expect(parse({ limits: [] })).toEqual(['field "survey.limits" must list at least one limit, or be left out']);
  });

  it('names the field when the publisher is empty', () => {
    expect(parse({ publisher: '' })).toEqual(['field "survey.publisher" must not be empty']);
  });
});

describe('runningHeadsCss', () => {
  it('puts title, edition, publisher and the page number in the margins, and none on the cover', () => {
    const css = runningHeadsCss({ title: 'Trends', edition: 'Third edition', publisher: 'The team' });
    expect(css).toMatch(/@top-left\{content:"Trends";[^}]*font-size:8\.5pt/);
    expect(css).toMatch(/@bottom-right\{content:counter\(page\)/);
    expect(css).toContain('@page cover{@top-left{content:none}');
  });

  it('escapes quotes and backslashes in the text', () => {
    expect(cssString('The "best" \\ worst')).toBe('"The \\"best\\" \\\\ worst"');
  });
});

describe('undoubled', () => {
  it('reads a bookmark title Chromium wrote twice over as written once', () => {
    expect(undoubled('IntroductionIntroduction')).toBe('Introduction');
    expect(undoubled('About this reportAbout this report')).toBe('About this report');
  });

  it('leaves every other title as it is', () => {
    expect(undoubled('1. Machine learning budgets keep climbing')).toBe('1. Machine learning budgets keep climbing');
    expect(undoubled('Bora Bora')).toBe('Bora Bora');
    expect(undoubled('')).toBe('');
  });
});

describe('bookmarkTitle', () => {
  const headings = [
    '1. Machine learning budgets grew in 2020, and the big increases became more common',
    'Introduction',
    '10. The report ties third-party MLOps tools to better results',
  ];

  it('gives back the spaces Chromium drops where a heading wrapped onto a second line', () => {
    expect(
      bookmarkTitle('1. Machine learning budgets grew in 2020,and the big increases became more common', headings),
    ).toBe(headings[0]);
    expect(bookmarkTitle('10. The report ties third-partyMLOps tools to better results', headings)).toBe(headings[2]);
  });

  it('reads a doubled title as its heading, and keeps a title no heading matches', () => {
    expect(bookmarkTitle('IntroductionIntroduction', headings)).toBe('Introduction');
    expect(bookmarkTitle('Sources', headings)).toBe('Sources');
  });
});

import { readFileSync } from 'node:fs';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../src/lib/schema/issues.ts';
import { SeriesSchema, type Survey } from '../../src/lib/schema/series.ts';
import { surveyAtAGlance } from '../../src/lib/report/at-a-glance.ts';
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

describe('surveyAtAGlance', () => {
  it('gives respondents, fielding, base, questions and sampling, and leaves out facts not given', () => {
    const rows = surveyAtAGlance(survey, [barsFigure()]);
    expect(rows.map((r) => r.term)).toEqual(['Respondents', 'Fielded', 'Base', 'Questions', 'Sampling']);
    expect(rows[2]!.detail).toBe(
      'Every table in The numbers gives its base in the words of the source that states it.',
    );
  });

  it('sets large only a fact that means something alone: no "1 figures" beside "Base"', () => {
    const rows = surveyAtAGlance(survey, [barsFigure()]);
    expect(rows.find((r) => r.term === 'Base')!.figure).toBeUndefined();
    expect(rows.filter((r) => r.figure !== undefined).map((r) => r.term)).toEqual([
      'Respondents',
      'Fielded',
      'Questions',
    ]);
  });

  it('counts the figures on another base, and lists the publisher and the limits where given', () => {
    const rows = surveyAtAGlance({ ...survey, publisher: 'Algorithmia', limits: ['Self-reported.', 'Vendor-run.'] }, [
      barsFigure(),
      pairedFigure({ n: null }),
    ]);
    expect(rows.find((r) => r.term === 'Base')!.detail).toBe(
      '1 of the 2 tables in The numbers give a base, in the words of the source that states it. For the others no source states who answered, so each says “survey of 403; base –” and has no 95% interval.',
    );
    expect(rows.find((r) => r.term === 'Survey by')!.detail).toBe('Algorithmia.');
    expect(rows.find((r) => r.term === 'Limits')!.items).toEqual(['Self-reported.', 'Vendor-run.']);
  });

  it('says so when no source states the base of any figure, rather than claiming one', () => {
    const rows = surveyAtAGlance(survey, [barsFigure({ n: null })]);
    expect(rows.find((r) => r.term === 'Base')!.detail).toBe(
      'No source states how many people answered any one question: each table in The numbers gives the base as “survey of 403; base –”, and no 95% interval is computed.',
    );
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

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DEMO_DIR, DEMO_SEED, demoSurveyFiles, QUESTIONS } from '../../scripts/generate-demo-survey.ts';

const rows = (csv: string) => parse<Record<string, string>>(csv, { columns: true });

describe('the demonstration survey generator', () => {
  it('writes the same files for the same seed, and other answers for another seed', () => {
    expect(demoSurveyFiles(DEMO_SEED)).toEqual(demoSurveyFiles(DEMO_SEED));
    expect(demoSurveyFiles(DEMO_SEED + 1)['responses.csv']).not.toBe(demoSurveyFiles(DEMO_SEED)['responses.csv']);
  });

  it('is what the series holds: the committed files are the script output, not edited by hand', () => {
    for (const [name, text] of Object.entries(demoSurveyFiles())) {
      expect(readFileSync(join(DEMO_DIR, name), 'utf8'), name).toBe(text);
    }
  });

  it('gives 500 respondents one column per question, every choice answer among its options', () => {
    const responses = rows(demoSurveyFiles()['responses.csv']!);
    expect(responses).toHaveLength(500);
    expect(Object.keys(responses[0]!)).toEqual(QUESTIONS.map((q) => q.id));
    for (const question of QUESTIONS) {
      const answers = responses.map((r) => r[question.id]!).filter(Boolean);
      if ('options' in question) {
        const allowed = new Set<string>(question.options.map((o) => o.value));
        const given = question.type === 'multiple' ? answers.flatMap((a) => a.split(';')) : answers;
        expect(
          given.filter((a) => !allowed.has(a)),
          question.id,
        ).toEqual([]);
      }
      if ('scale' in question) {
        const { min, max } = question.scale;
        expect(
          answers.every((a) => Number.isInteger(+a) && +a >= min && +a <= max),
          question.id,
        ).toBe(true);
      }
      if (question.type === 'number')
        expect(
          answers.every((a) => /^\d+$/.test(a)),
          question.id,
        ).toBe(true);
    }
  });

  it('has a segment under the minimum n (to show suppression), and free text unique to each respondent', () => {
    const responses = rows(demoSurveyFiles()['responses.csv']!);
    const elsewhere = responses.filter((r) => r.region === 'elsewhere').length;
    expect(elsewhere).toBeGreaterThan(0);
    expect(elsewhere).toBeLessThan(30);
    const texts = responses.map((r) => r.change).filter(Boolean);
    expect(new Set(texts).size).toBe(texts.length);
  });
});

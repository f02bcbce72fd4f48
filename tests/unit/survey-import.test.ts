import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importGoogleForms, importResponses, importSurveyMonkey, importTypeform } from '../../src/lib/survey/import.ts';
import { parseQuestions } from '../../src/lib/survey/questionnaire.ts';

const fixtures = fileURLToPath(new URL('fixtures/survey', import.meta.url));
const read = (file: string) => readFileSync(join(fixtures, file), 'utf8');
const questions = parseQuestions(read('small/survey/questions.yaml'), 'questions.yaml');
const expected = read('import/expected-responses.csv');

describe('importing a survey tool export', () => {
  it('reads Google Forms: titles to ids, labels to values, checkbox answers split on the known labels', () => {
    expect(importGoogleForms(read('import/google-forms.csv'), questions, 'export.csv')).toBe(expected);
  });

  it('reads SurveyMonkey: two header rows, one column per checkbox option, scale points by their words', () => {
    expect(importSurveyMonkey(read('import/surveymonkey.csv'), questions, 'export.csv')).toBe(expected);
  });

  it('reads Typeform: question titles to ids, one column per chosen option headed by its label', () => {
    expect(importTypeform(read('import/typeform.csv'), questions, 'export.csv')).toBe(expected);
  });

  it('leaves out the tools’ own columns: no timestamp, email, IP address, response id or network id', () => {
    for (const [importer, file] of [
      [importGoogleForms, 'import/google-forms.csv'],
      [importSurveyMonkey, 'import/surveymonkey.csv'],
      [importTypeform, 'import/typeform.csv'],
    ] as const) {
      const out = importer(read(file), questions, 'export.csv');
      expect(out).not.toMatch(/@example\.com|203\.0\.113|2024|114000001|k3v0a1b2|9a8b7c6d5e|completed|default_tys/);
    }
  });

  it('names the Typeform export’s row and column of an unknown column, and of an option column’s stray text', () => {
    const typeform = read('import/typeform.csv').replace(',Helm,How likely', ',Ansible,How likely');
    expect(() => importTypeform(typeform, questions, 'export.csv')).toThrow(
      [
        'export.csv: column F "Ansible" matches no question\'s wording in questions.yaml, nor an option of a multiple-choice question (and is not one of the tool\'s own columns): add the question, or correct its wording',
        'export.csv: has no column for option "Helm" of question "q3"',
      ].join('\n'),
    );
    const stray = read('import/typeform.csv').replace('Kubernetes,Terraform,,10', 'Kubernetes,Terraform,Yes,10');
    expect(() => importTypeform(stray, questions, 'export.csv')).toThrow(
      'export.csv: row 2, column F: "Yes" is not an answer of question "q3" (an option\'s column holds its label, "Helm", where chosen)',
    );
  });

  it('names the export file, row and column of an answer that is no option, and a column that is no question', () => {
    const google = read('import/google-forms.csv')
      .replace('"Helm"', '"Ansible"')
      .replace('"Anything else you would like to tell us?"', '"Anything else?"');
    expect(() => importGoogleForms(google, questions, 'export.csv')).toThrow(
      [
        'export.csv: column I "Anything else?" matches no question\'s wording in questions.yaml (and is not one of the tool\'s own columns): add the question, or correct its wording',
        'export.csv: row 3, column E: "Ansible" is not an answer of question "q3" ("Kubernetes", "Terraform", "Helm")',
        'export.csv: has no column for question "q7" ("Anything else you would like to tell us?")',
      ].join('\n'),
    );
    const monkey = read('import/surveymonkey.csv').replace(',Strongly agree,', ',Very much,');
    expect(() => importSurveyMonkey(monkey, questions, 'export.csv')).toThrow(
      'export.csv: row 3, column Q: "Very much" is not an answer of question "q6" (a point of 1–5)',
    );
  });

  it('suggests the question a column nearly matches (a lost "?"), and names an export file that is not there', () => {
    const google = read('import/google-forms.csv').replace(
      '"Anything else you would like to tell us?"',
      '"Anything else you would like to tell us"',
    );
    expect(() => importGoogleForms(google, questions, 'export.csv')).toThrow(
      'export.csv: column I "Anything else you would like to tell us" matches no question\'s wording in questions.yaml (and is not one of the tool\'s own columns): did you mean question "q7", "Anything else you would like to tell us?"? Make the two read the same.',
    );
    const dir = mkdtempSync(join(tmpdir(), 'survey-import-'));
    try {
      cpSync(join(fixtures, 'small'), join(dir, 'content/series/own'), { recursive: true });
      const missing = join(dir, 'Downloads/responses.csv');
      expect(() =>
        importResponses(dir, { tool: 'google-forms', exportFile: missing, series: 'own', replace: true }),
      ).toThrow(`${missing}: no such file: give the path of the CSV the survey tool exported`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes content/series/<id>/survey/responses.csv, refusing to replace one without --replace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'survey-import-'));
    try {
      cpSync(join(fixtures, 'small'), join(dir, 'content/series/own'), { recursive: true });
      const target = join(dir, 'content/series/own/survey/responses.csv');
      const options = { tool: 'google-forms', exportFile: join(fixtures, 'import/google-forms.csv'), series: 'own' };
      expect(() => importResponses(dir, { ...options, replace: false })).toThrow(
        'content/series/own/survey/responses.csv: exists already; add --replace to overwrite it with the import',
      );
      writeFileSync(target, 'kept');
      expect(importResponses(dir, { ...options, replace: true })[0]).toBe(
        `Wrote content/series/own/survey/responses.csv: 3 responses to 7 questions, from ${options.exportFile} (google-forms).`,
      );
      expect(readFileSync(target, 'utf8')).toBe(expected);
      expect(() => importResponses(dir, { ...options, tool: 'qualtrics', replace: true })).toThrow(
        '"qualtrics" is not a tool the importer reads: "google-forms", "surveymonkey" or "typeform"',
      );
      const typeform = { tool: 'typeform', exportFile: join(fixtures, 'import/typeform.csv'), series: 'own' };
      expect(importResponses(dir, { ...typeform, replace: true })[0]).toBe(
        `Wrote content/series/own/survey/responses.csv: 3 responses to 7 questions, from ${typeform.exportFile} (typeform).`,
      );
      expect(readFileSync(target, 'utf8')).toBe(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

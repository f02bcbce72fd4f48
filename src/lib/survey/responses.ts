import { parse as parseCsv } from 'csv-parse/sync';
import type { Question } from './questionnaire.ts';
import { SurveyFileError, wasAsked } from './questionnaire.ts';

/**
 * responses.csv: a header row of question ids (and optionally a weight column), then one row per
 * respondent. A multiple-choice cell holds its answers separated by ";"; an empty cell is no answer. Every
 * error names the file, the row as a spreadsheet numbers it (the header is row 1) and the column, by its
 * header and its spreadsheet letter.
 */

/** One respondent's answer to one question: an option's value, several, a number, a text, or none. */
export type Answer = string | string[] | number | undefined;

export interface Respondent {
  /** The row in responses.csv, as a spreadsheet numbers it. */
  row: number;
  weight: number;
  answers: Record<string, Answer>;
}

export interface Responses {
  file: string;
  /** Whether the file has a weight column (else every weight is 1). */
  weighted: boolean;
  respondents: Respondent[];
}

/** The default weight column. */
export const WEIGHT_COLUMN = 'weight';

/** A spreadsheet's letter for a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let letter = '';
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26))
    letter = String.fromCharCode(65 + ((i - 1) % 26)) + letter;
  return letter;
}

/**
 * A CSV syntax error with the row a spreadsheet would show: csv-parse counts the records read before the
 * one that failed.
 */
export function csvProblem(error: unknown, file: string): string {
  const e = error as Error & { code?: string; records?: number; record?: unknown[] };
  const row = (e.records ?? 0) + 1;
  if (e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && Array.isArray(e.record)) {
    const expected = /expect (\d+)/.exec(e.message)?.[1] ?? 'another number of';
    return `${file}: row ${row} has ${e.record.length} cells, but the header row has ${expected} (a comma too many or too few, or a cell with a comma not in quotes)`;
  }
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') return `${file}: row ${row} opens a quotation mark that is never closed`;
  return `${file}: is not valid CSV (${e.message})`;
}

/** A plain decimal number as written in a CSV cell: "12", "-3.5", "1e3" is refused, so is "1,200". */
const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** Parses and checks responses.csv against the questionnaire. `weights` names the weight column, if any. */
export function parseResponses(
  text: string,
  file: string,
  questions: readonly Question[],
  weights?: string,
): Responses {
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    throw new SurveyFileError(csvProblem(error, file), { cause: error });
  }
  const [header, ...rows] = records.map((cells, r) => (r === 0 ? cells.map((name) => name.trim()) : cells));
  if (!header) throw new SurveyFileError(`${file}: is empty: it needs a header row of question ids`);
  const problems: string[] = [];
  const weightColumn = weights ?? (header.includes(WEIGHT_COLUMN) ? WEIGHT_COLUMN : undefined);
  if (weights && !header.includes(weights)) {
    problems.push(`${file}: has no column "${weights}", which survey.yaml names as the weights column`);
  }
  for (const question of questions) {
    if (!header.includes(question.id)) {
      problems.push(`${file}: has no column "${question.id}" for question ${question.number} of questions.yaml`);
    }
  }
  header.forEach((name, i) => {
    if (name !== weightColumn && !questions.some((q) => q.id === name)) {
      problems.push(
        `${file}: column ${columnLetter(i)} "${name}" is neither a question id in questions.yaml nor the weights column`,
      );
    }
    if (header.indexOf(name) !== i) problems.push(`${file}: column ${columnLetter(i)} "${name}" repeats a column`);
  });
  if (problems.length > 0) throw new SurveyFileError(problems.join('\n'));
  if (rows.length === 0) throw new SurveyFileError(`${file}: has a header but no responses`);

  const respondents: Respondent[] = rows.map((cells, r) => {
    const row = r + 2;
    const at = (column: number) => `${file}: row ${row}, column ${columnLetter(column)} "${header[column]}"`;
    const answers: Record<string, Answer> = {};
    let weight = 1;
    cells.forEach((raw, c) => {
      const cell = raw.trim();
      const name = header[c]!;
      if (name === weightColumn) {
        const value = Number(cell);
        if (cell === '' || !NUMBER.test(cell) || !(value > 0)) {
          problems.push(`${at(c)}: the weight must be a positive number, not ${cell === '' ? 'empty' : `"${cell}"`}`);
        }
        weight = value;
        return;
      }
      const question = questions.find((q) => q.id === name)!;
      if (cell === '') {
        answers[name] = undefined;
        return;
      }
      const known = (value: string) => question.options!.some((o) => o.value === value);
      const list = () =>
        question
          .options!.slice(0, 8)
          .map((o) => `"${o.value}"`)
          .join(', ') + (question.options!.length > 8 ? ', …' : '');
      switch (question.type) {
        case 'single':
          if (!known(cell)) problems.push(`${at(c)}: "${cell}" is not an answer of question "${name}" (${list()})`);
          answers[name] = cell;
          break;
        case 'multiple': {
          const values = cell
            .split(';')
            .map((v) => v.trim())
            .filter((v) => v !== '');
          for (const value of values) {
            if (!known(value)) problems.push(`${at(c)}: "${value}" is not an answer of question "${name}" (${list()})`);
          }
          answers[name] = [...new Set(values)];
          break;
        }
        case 'scale': {
          const value = Number(cell);
          const { min, max } = question.scale!;
          if (!/^-?\d+$/.test(cell) || value < min || value > max) {
            problems.push(`${at(c)}: "${cell}" is not a point of the scale ${min}–${max}`);
          }
          answers[name] = value;
          break;
        }
        case 'number': {
          if (!NUMBER.test(cell)) {
            problems.push(`${at(c)}: "${cell}" is not a number (write digits with a "." for decimals, e.g. 1200.50)`);
          }
          answers[name] = Number(cell);
          break;
        }
        case 'text':
          answers[name] = cell;
          break;
      }
    });
    // A skip rule: an answer from a respondent the question was not asked is a mistake in the export.
    for (const question of questions) {
      const answer = answers[question.id];
      if (answer === undefined || wasAsked(question, answers)) continue;
      const rule = question.askedIf!;
      const c = header.indexOf(question.id);
      const shown = Array.isArray(answer) ? answer.join(';') : String(answer);
      const which = rule.answers.map((a) => `"${a}"`).join(' or ');
      problems.push(
        `${at(c)}: "${shown}" answers a question this respondent was not asked (asked only where "${rule.question}" is ${which})`,
      );
    }
    return { row, weight, answers };
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 20);
    if (problems.length > 20) shown.push(`${file}: … and ${problems.length - 20} more problems`);
    throw new SurveyFileError(shown.join('\n'));
  }
  return { file, weighted: weightColumn !== undefined, respondents };
}

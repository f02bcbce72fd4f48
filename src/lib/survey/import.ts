import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closest } from '../figures.ts';
import { parse as parseCsv } from 'csv-parse/sync';
import { csvField } from '../csv.ts';
import { parseQuestions, SurveyFileError, type Question } from './questionnaire.ts';
import { columnLetter, csvProblem, parseResponses } from './responses.ts';

/**
 * Converts a survey tool's CSV export into responses.csv (a column per question id, ";" between the
 * answers of a multiple-choice question). A column is matched to a question by its header, which must be
 * the question's `wording` in questions.yaml exactly (spaces at the ends aside); an answer by its text,
 * which must be an option's `label` (or, for a scale, a point's label or its number). The tool's own
 * columns (timestamps, respondent and collector ids, IP and email addresses, names) are left out: they
 * identify respondents and are never needed. Any other column is an error naming it, never dropped
 * silently. Errors name the export file, its row as a spreadsheet numbers it, and the column.
 */

export const IMPORT_TOOLS = ['google-forms', 'surveymonkey', 'typeform'] as const;
export type ImportTool = (typeof IMPORT_TOOLS)[number];

/** Google Forms' own columns. */
const GOOGLE_FORMS_OWN = ['Timestamp', 'Email Address', 'Email address', 'Score'];

/** SurveyMonkey's own columns (row 1 of its export). */
const SURVEYMONKEY_OWN = [
  'Respondent ID',
  'Collector ID',
  'Start Date',
  'End Date',
  'IP Address',
  'Email Address',
  'First Name',
  'Last Name',
  'Custom Data 1',
];

/** Typeform's own columns: the response's id ("#"), its type, dates, network id, tags and ending. */
const TYPEFORM_OWN = [
  '#',
  'Response Type',
  'Start Date (UTC)',
  'Stage Date (UTC)',
  'Submit Date (UTC)',
  'Network ID',
  'Tags',
  'Ending',
];

type Cells = Map<string, string[]>;

function readExport(text: string, file: string): string[][] {
  try {
    return parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    throw new SurveyFileError(csvProblem(error, file), { cause: error });
  }
}

const norm = (text: string) => text.trim().replace(/\s+/g, ' ');

function questionOf(header: string, questions: readonly Question[]): Question | undefined {
  return questions.find((q) => norm(q.wording) === norm(header));
}

/** The value of one answer's text: an option's value, a scale point, or the text as written. */
function answerValue(question: Question, text: string): string | undefined {
  const answer = norm(text);
  if (question.options) return question.options.find((o) => norm(o.label) === answer || o.value === answer)?.value;
  if (question.type === 'scale') {
    const labels = Object.entries(question.scale!.labels ?? {});
    const point = labels.find(([, label]) => norm(label) === answer)?.[0];
    if (point !== undefined) return point;
    return /^-?\d+$/.test(answer) ? answer : undefined;
  }
  if (question.type === 'number') return /^-?\d+(?:\.\d+)?$/.test(answer) ? answer : undefined;
  return text.trim();
}

/**
 * A Google Forms checkbox cell: the chosen labels joined with ", ". Labels can hold ", " themselves, so the
 * cell is read against the known labels, longest first.
 */
function checkboxAnswers(question: Question, cell: string): string[] | undefined {
  const labels = question.options!.map((o) => o.label).sort((a, b) => b.length - a.length);
  const chosen: string[] = [];
  let rest = cell.trim();
  while (rest !== '') {
    const label = labels.find((l) => rest === l || rest.startsWith(`${l}, `));
    if (!label) return undefined;
    chosen.push(question.options!.find((o) => o.label === label)!.value);
    rest = rest.slice(label.length).replace(/^, /, '');
  }
  return chosen;
}

function writeResponses(questions: readonly Question[], rows: Cells[]): string {
  const lines = [questions.map((q) => q.id).join(',')];
  for (const row of rows) lines.push(questions.map((q) => csvField((row.get(q.id) ?? []).join(';'))).join(','));
  return `${lines.join('\n')}\n`;
}

function unmatched(file: string, column: number, header: string, questions: readonly Question[]): string {
  const start = `${file}: column ${columnLetter(column)} "${header}" matches no question's wording in questions.yaml (and is not one of the tool's own columns)`;
  // A wording a few characters off (a lost "?", a changed word): name the question, so the fix is one edit.
  const guess = closest(
    header.trim(),
    questions.map((q) => q.wording),
  );
  const question = guess === undefined ? undefined : questions.find((q) => q.wording === guess);
  return question
    ? `${start}: did you mean question "${question.id}", "${question.wording}"? Make the two read the same.`
    : `${start}: add the question, or correct its wording`;
}

function badAnswer(file: string, row: number, column: number, question: Question, text: string): string {
  const known = question.options
    ? ` (${question.options.map((o) => `"${o.label}"`).join(', ')})`
    : question.type === 'scale'
      ? ` (a point of ${question.scale!.min}–${question.scale!.max})`
      : ' (a number)';
  return `${file}: row ${row}, column ${columnLetter(column)}: "${text}" is not an answer of question "${question.id}"${known}`;
}

function finish(problems: string[], questions: readonly Question[], rows: Cells[], file: string, seen: Set<string>) {
  for (const q of questions) {
    if (!seen.has(q.id)) problems.push(`${file}: has no column for question "${q.id}" ("${q.wording}")`);
  }
  if (problems.length > 0) throw new SurveyFileError(problems.slice(0, 20).join('\n'));
  return writeResponses(questions, rows);
}

/** Google Forms' "Download responses (.csv)": one header row of question titles, one row per response. */
export function importGoogleForms(text: string, questions: readonly Question[], file: string): string {
  const [header = [], ...records] = readExport(text, file);
  const problems: string[] = [];
  const columns = header.map((name, c) => {
    if (GOOGLE_FORMS_OWN.includes(norm(name))) return undefined;
    const question = questionOf(name, questions);
    if (!question) problems.push(unmatched(file, c, name, questions));
    return question;
  });
  const seen = new Set(columns.flatMap((q) => (q ? [q.id] : [])));
  const rows = records.map((cells, r) => {
    const row: Cells = new Map();
    cells.forEach((cell, c) => {
      const question = columns[c];
      if (!question || cell.trim() === '') return;
      const values = question.type === 'multiple' ? checkboxAnswers(question, cell) : [answerValue(question, cell)];
      if (!values || values.some((v) => v === undefined)) problems.push(badAnswer(file, r + 2, c, question, cell));
      else row.set(question.id, values as string[]);
    });
    return row;
  });
  return finish(problems, questions, rows, file, seen);
}

/**
 * SurveyMonkey's "All responses data" CSV (expanded): row 1 holds each question's text over its first
 * column, row 2 "Response", "Open-Ended Response" or, for a multiple-choice question, one option per
 * column (a chosen option's cell holds its label). Data start on row 3.
 */
export function importSurveyMonkey(text: string, questions: readonly Question[], file: string): string {
  const [top = [], sub = [], ...records] = readExport(text, file);
  const problems: string[] = [];
  // Each column's question: a question's text spans its first column and the empty ones after it.
  let current: Question | undefined | 'own';
  const columns = top.map((name, c) => {
    if (name.trim() !== '') {
      current = SURVEYMONKEY_OWN.includes(norm(name)) ? 'own' : questionOf(name, questions);
      if (current === undefined) problems.push(unmatched(file, c, name, questions));
    }
    return current === 'own' ? undefined : current;
  });
  const seen = new Set(columns.flatMap((q) => (q ? [q.id] : [])));
  const rows = records.map((cells, r) => {
    const row: Cells = new Map();
    cells.forEach((cell, c) => {
      const question = columns[c];
      if (!question || cell.trim() === '') return;
      if (question.type === 'multiple') {
        const value = answerValue(question, sub[c] ?? '') ?? answerValue(question, cell);
        if (value === undefined) problems.push(badAnswer(file, r + 3, c, question, cell));
        else row.set(question.id, [...(row.get(question.id) ?? []), value]);
        return;
      }
      const value = answerValue(question, cell);
      if (value === undefined) problems.push(badAnswer(file, r + 3, c, question, cell));
      else row.set(question.id, [value]);
    });
    return row;
  });
  return finish(problems, questions, rows, file, seen);
}

/**
 * Typeform's CSV download: one header row, one row per response. A question's column is headed by its title;
 * a multiple-choice question that allows several answers has one column per option instead, headed by the
 * option's label, whose cell holds the label where it was chosen. An opinion scale or NPS cell holds its
 * number. A column heading that is no question's wording is read as an option's label of a multiple-choice
 * question; one that is both, or neither, is an error.
 */
export function importTypeform(text: string, questions: readonly Question[], file: string): string {
  const [header = [], ...records] = readExport(text, file);
  const problems: string[] = [];
  const multiple = questions.filter((q) => q.type === 'multiple');
  type Column = { question: Question; option?: { value: string; label: string } } | undefined;
  const columns: Column[] = header.map((name, c) => {
    if (TYPEFORM_OWN.includes(norm(name))) return undefined;
    const question = questionOf(name, questions);
    if (question) return { question };
    const owners = multiple.flatMap((q) =>
      q.options!.filter((o) => norm(o.label) === norm(name)).map((option) => ({ question: q, option })),
    );
    if (owners.length === 1) return owners[0];
    problems.push(
      owners.length === 0
        ? `${file}: column ${columnLetter(c)} "${name}" matches no question's wording in questions.yaml, nor an option of a multiple-choice question (and is not one of the tool's own columns): add the question, or correct its wording`
        : `${file}: column ${columnLetter(c)} "${name}" is an option of ${owners.map((o) => `"${o.question.id}"`).join(' and ')}: give the options different labels`,
    );
    return undefined;
  });
  const seen = new Set(columns.flatMap((col) => (col && !col.option ? [col.question.id] : [])));
  // A multiple-choice question split into option columns must have a column for every option; one with no
  // column at all is named by finish().
  for (const q of multiple) {
    if (seen.has(q.id)) continue;
    const present = q.options!.filter((o) => columns.some((col) => col?.question === q && col.option === o));
    if (present.length === 0) continue;
    for (const o of q.options!) {
      if (!present.includes(o)) problems.push(`${file}: has no column for option "${o.label}" of question "${q.id}"`);
    }
    seen.add(q.id);
  }
  const rows = records.map((cells, r) => {
    const row: Cells = new Map();
    cells.forEach((cell, c) => {
      const column = columns[c];
      if (!column || cell.trim() === '') return;
      const { question, option } = column;
      if (option) {
        if (norm(cell) !== norm(option.label)) {
          problems.push(
            `${file}: row ${r + 2}, column ${columnLetter(c)}: "${cell}" is not an answer of question "${question.id}" (an option's column holds its label, "${option.label}", where chosen)`,
          );
        } else row.set(question.id, [...(row.get(question.id) ?? []), option.value]);
        return;
      }
      const values = question.type === 'multiple' ? checkboxAnswers(question, cell) : [answerValue(question, cell)];
      if (!values || values.some((v) => v === undefined)) problems.push(badAnswer(file, r + 2, c, question, cell));
      else row.set(question.id, values as string[]);
    });
    return row;
  });
  return finish(problems, questions, rows, file, seen);
}

/** The importer of a tool. */
export const IMPORTERS: Record<ImportTool, typeof importGoogleForms> = {
  'google-forms': importGoogleForms,
  surveymonkey: importSurveyMonkey,
  typeform: importTypeform,
};

/**
 * `npm run survey:import -- <tool> <export.csv> <series>`: converts the export into
 * content/series/<series>/survey/responses.csv, checked like the build checks it. Refuses to replace an
 * existing responses.csv unless `replace` is set. Returns the lines to print.
 */
export function importResponses(
  root: string,
  options: { tool: string | undefined; exportFile: string | undefined; series: string | undefined; replace: boolean },
): string[] {
  const { tool, exportFile, series, replace } = options;
  if (!tool || !exportFile || !series) {
    throw new Error(`give a tool (${IMPORT_TOOLS.join(', ')}), an export file and a series id`);
  }
  if (!(IMPORT_TOOLS as readonly string[]).includes(tool)) {
    const names = IMPORT_TOOLS.map((t) => `"${t}"`);
    throw new Error(`"${tool}" is not a tool the importer reads: ${names.slice(0, -1).join(', ')} or ${names.at(-1)}`);
  }
  const dir = `content/series/${series}/survey`;
  const questionsFile = `${dir}/questions.yaml`;
  if (!existsSync(join(root, questionsFile))) {
    throw new Error(`${questionsFile}: is missing: write the questionnaire first (see docs/authoring.md)`);
  }
  const questions = parseQuestions(readFileSync(join(root, questionsFile), 'utf8'), questionsFile);
  if (!existsSync(exportFile)) {
    throw new Error(`${exportFile}: no such file: give the path of the CSV the survey tool exported`);
  }
  const responses = IMPORTERS[tool as ImportTool](readFileSync(exportFile, 'utf8'), questions, exportFile);
  const target = `${dir}/responses.csv`;
  const { respondents } = parseResponses(responses, target, questions);
  if (existsSync(join(root, target)) && !replace) {
    throw new Error(`${target}: exists already; add --replace to overwrite it with the import`);
  }
  writeFileSync(join(root, target), responses);
  return [
    `Wrote ${target}: ${respondents.length} responses to ${questions.length} questions, from ${exportFile} (${tool}).`,
    'The tool’s own columns (timestamps, ids, IP and email addresses, names) were left out.',
  ];
}

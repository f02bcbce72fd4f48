import slugify from '@sindresorhus/slugify';
import { z } from 'astro/zod';
import { parse as parseYaml } from 'yaml';
import { formatIssues, knownFields } from '../schema/issues.ts';
import { parseCalendarDate, DATE_MESSAGE } from '../schema/date.ts';

/**
 * A series' own questionnaire (`survey/questions.yaml`) and what the series says about fielding it
 * (`survey/survey.yaml`). Errors name the file, the question (by position and id) and the field.
 */

/** The units a number question's answers can be in. */
export const NUMBER_UNITS = ['count', 'currency', 'days'] as const;

/** The default minimum number of answers for a segment's values to be shown (see docs/authoring.md). */
export const DEFAULT_MINIMUM_N = 30;

const OptionSchema = z.union(
  [
    z.string().min(1, 'must not be empty'),
    knownFields({
      /** What responses.csv holds for this answer. */
      value: z.string({ error: 'is required (what responses.csv holds)' }).min(1, 'must not be empty'),
      /** What readers see: the answer's exact wording in the questionnaire. */
      label: z.string({ error: 'is required (the answer as respondents saw it)' }).min(1, 'must not be empty'),
    }),
  ],
  { error: 'must be a string, or { value, label }' },
);

const ScaleSchema = knownFields(
  {
    min: z.number({ error: 'must be a whole number' }).int('must be a whole number'),
    max: z.number({ error: 'must be a whole number' }).int('must be a whole number'),
    /** The words at points of the scale, e.g. { 1: "Strongly disagree", 5: "Strongly agree" }. */
    labels: z.record(z.string(), z.string().min(1, 'must not be empty')).optional(),
  },
  { error: 'is required for a scale question: { min, max, labels? }' },
);

const QuestionSchema = knownFields({
  /** The column of responses.csv that holds the answers (kebab- or snake-case, e.g. "q7"). */
  id: z
    .string({ error: 'is required' })
    .regex(/^[a-z][a-z0-9_-]*$/, 'must start with a letter and use a-z, 0-9, "_" and "-" only'),
  /** The question exactly as respondents read it. */
  wording: z.string({ error: 'is required (the exact wording respondents read)' }).min(1, 'must not be empty'),
  type: z.enum(['single', 'multiple', 'scale', 'number', 'text'], {
    error: 'must be one of "single", "multiple", "scale", "number" or "text"',
  }),
  options: z.array(OptionSchema).min(2, 'must list at least two answers').optional(),
  scale: ScaleSchema.optional(),
  unit: z.enum(NUMBER_UNITS, { error: 'must be "count", "currency" or "days"' }).optional(),
  /** For a count: the period it is of ("week": "How many times a week…"), written "9.1 a week". */
  per: z.enum(['day', 'week', 'month', 'year'], { error: 'must be "day", "week", "month" or "year"' }).optional(),
  /** For a currency: its ISO 4217 code, e.g. "EUR". */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in capitals, e.g. "EUR"')
    .optional(),
  /**
   * A skip rule: the question was asked only of respondents who gave one of `answers` to the earlier choice
   * question `question`. Who was asked is then the base's "asked", not every respondent.
   */
  askedIf: knownFields(
    {
      question: z.string({ error: 'is required (the id of an earlier choice question)' }).min(1),
      answers: z
        .array(z.string().min(1, 'must not be empty'), { error: 'is required (a list of that question’s answers)' })
        .min(1, 'must list at least one answer'),
    },
    { error: 'must be { question, answers: [...] }' },
  ).optional(),
});

export interface ChoiceOption {
  value: string;
  label: string;
}

export type Question = Omit<z.output<typeof QuestionSchema>, 'options'> & {
  /** Position in questions.yaml, from 1: the "Qn" of the source line. */
  number: number;
  options?: ChoiceOption[];
};

const SurveyMetaSchema = knownFields({
  /** Who was surveyed, as the source line names them ("platform engineers"). */
  population: z.string({ error: 'is required (who was surveyed, e.g. "platform engineers")' }).min(1),
  /** When the survey was in the field. */
  fielded: knownFields(
    { from: z.unknown(), to: z.unknown() },
    { error: 'is required: { from: YYYY-MM-DD, to: YYYY-MM-DD }' },
  ),
  /** The column of responses.csv that holds each respondent's weight (default "weight", where present). */
  weights: z.string().min(1, 'must not be empty').optional(),
  /** The questions readers may break figures down by (role, company size, region). */
  segments: z
    .array(
      knownFields({
        question: z.string({ error: 'is required (a question id)' }).min(1),
        /** What the breakdown is called ("Company size"); the question's wording by default. */
        label: z.string().min(1, 'must not be empty').optional(),
        /** The start of each segment's id in URLs and <Stat segment>: "size" gives "size-1000"; the id by default. */
        key: z
          .string()
          .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9 and dashes)')
          .optional(),
        /**
         * Answers published as one group, by the group's label: { "Asia-Pacific and elsewhere": [asia-pacific,
         * elsewhere] }. A small answer merged with a neighbour is published within it, where suppression would
         * hide it and, to protect it, a second group.
         */
        merge: z.record(z.string().min(1), z.array(z.string()).min(2, 'must name at least two answers')).optional(),
      }),
    )
    .default([]),
  /** Fewer answers than this in a segment and its values are suppressed everywhere. */
  minimumN: z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(DEFAULT_MINIMUM_N),
});

export type SurveyMeta = Omit<z.output<typeof SurveyMetaSchema>, 'fielded'> & {
  fielded: { from: Date; to: Date };
};

/** One group of a segment question: an answer, or answers merged under one label (`merge` in survey.yaml). */
export interface SegmentGroup {
  id: string;
  label: string;
  /** The answers' values the group holds. */
  values: string[];
}

/**
 * The groups of a segment question, in the questionnaire's order: one per answer, except that answers merged
 * under one label form one group, placed where the first of them was. Its id is the segment key and the
 * label made URL-safe: "region-asia-pacific-and-elsewhere".
 */
export function segmentGroups(
  question: Question,
  segment: { key?: string | undefined; merge?: Record<string, string[]> | undefined },
): SegmentGroup[] {
  const key = segment.key ?? question.id;
  const merges = Object.entries(segment.merge ?? {});
  const groups: SegmentGroup[] = [];
  question.options!.forEach((option, i) => {
    const merged = merges.find(([, values]) => values.includes(option.value));
    if (!merged) {
      groups.push({ id: segmentId(key, option.value, i), label: option.label, values: [option.value] });
    } else if (!groups.some((g) => g.label === merged[0])) {
      groups.push({ id: segmentId(key, merged[0], i), label: merged[0], values: [...merged[1]] });
    }
  });
  return groups;
}

/** The id of one segment: the segment key and the answer's value, e.g. "size-1000" for "1000+". */
export function segmentId(key: string, value: string, index: number): string {
  return `${key}-${slugify(value) || index + 1}`;
}

/** An error in a survey file, its message naming the file and where in it. */
export class SurveyFileError extends Error {}

function readYaml(text: string, file: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    throw new SurveyFileError(`${file}: is not valid YAML (${(error as Error).message.split('\n')[0]})`, {
      cause: error,
    });
  }
}

/** Parses questions.yaml: every question's options, scale and unit checked against its type. */
export function parseQuestions(text: string, file: string): Question[] {
  const data = readYaml(text, file);
  if (!Array.isArray(data) || data.length === 0) {
    throw new SurveyFileError(`${file}: must be a list of questions ({ id, wording, type, ... })`);
  }
  const problems: string[] = [];
  const questions: Question[] = [];
  data.forEach((item, i) => {
    const id = (item as { id?: unknown } | null)?.id;
    const where = `${file}: question #${i + 1}${typeof id === 'string' ? ` ("${id}")` : ''}`;
    const result = QuestionSchema.safeParse(item);
    if (!result.success) {
      problems.push(...formatIssues(result.error.issues).map((line) => `${where}: ${line}`));
      return;
    }
    const q = result.data;
    const say = (field: string, message: string) => problems.push(`${where}: field "${field}" ${message}`);
    const choice = q.type === 'single' || q.type === 'multiple';
    if (choice && !q.options) say('options', `is required for a "${q.type}" question`);
    if (!choice && q.options) say('options', `is only for "single" and "multiple" questions, not "${q.type}"`);
    if (q.type === 'scale' && !q.scale) say('scale', 'is required for a scale question: { min, max, labels? }');
    if (q.type !== 'scale' && q.scale) say('scale', `is only for "scale" questions, not "${q.type}"`);
    if (q.scale && q.scale.min >= q.scale.max) say('scale', `must have min below max (${q.scale.min}–${q.scale.max})`);
    for (const point of Object.keys(q.scale?.labels ?? {})) {
      const value = Number(point);
      if (!Number.isInteger(value) || value < q.scale!.min || value > q.scale!.max) {
        say(`scale.labels.${point}`, `is not a point of the scale ${q.scale!.min}–${q.scale!.max}`);
      }
    }
    if (q.type === 'number' && !q.unit) say('unit', 'is required for a number question: "count", "currency" or "days"');
    if (q.type !== 'number' && q.unit) say('unit', `is only for "number" questions, not "${q.type}"`);
    if (q.unit === 'currency' && !q.currency) say('currency', 'is required with unit "currency" (e.g. "EUR")');
    if (q.currency && q.unit !== 'currency') say('currency', 'is only for unit "currency"');
    if (q.per && q.unit !== 'count') say('per', 'is only for unit "count"');
    const options = q.options?.map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
    const seen = new Set<string>();
    options?.forEach((o, j) => {
      if (seen.has(o.value)) say(`options[${j}]`, `repeats the answer "${o.value}"`);
      if (q.type === 'multiple' && o.value.includes(';')) {
        say(`options[${j}]`, 'must not contain ";": responses.csv separates multiple answers with it');
      }
      seen.add(o.value);
    });
    if (questions.some((other) => other.id === q.id)) say('id', `repeats the id "${q.id}" of another question`);
    if (q.askedIf) {
      const rule = q.askedIf;
      const before = questions.find((other) => other.id === rule.question);
      if (!before) {
        say('askedIf.question', `names "${rule.question}", which is not a question before it`);
      } else if (before.type !== 'single' && before.type !== 'multiple') {
        say(
          'askedIf.question',
          `names "${rule.question}", a "${before.type}" question: a skip rule needs a choice question`,
        );
      } else {
        rule.answers.forEach((answer, j) => {
          if (!before.options!.some((o) => o.value === answer)) {
            say(
              `askedIf.answers[${j}]`,
              `names "${answer}", which is not an answer of "${before.id}" (${before.options!.map((o) => `"${o.value}"`).join(', ')})`,
            );
          }
        });
      }
    }
    questions.push({ ...q, number: i + 1, options });
  });
  if (problems.length > 0) throw new SurveyFileError(problems.join('\n'));
  return questions;
}

/**
 * Whether `answers` (one respondent's) meet `question`'s skip rule: true where it has none, or where the
 * respondent gave one of the rule's answers to its question.
 */
export function wasAsked(question: Pick<Question, 'askedIf'>, answers: Record<string, unknown>): boolean {
  const rule = question.askedIf;
  if (!rule) return true;
  const given = answers[rule.question];
  const values = Array.isArray(given) ? (given as unknown[]) : [given];
  return values.some((v) => typeof v === 'string' && rule.answers.includes(v));
}

/**
 * Who a skip rule asked, short enough for a chart's subtitle: "Q4 “Yes, in use” or “Being built”" (those who
 * gave one of those answers to question 4); undefined where the question has no rule.
 */
export function askedText(question: Pick<Question, 'askedIf'>, questions: readonly Question[]): string | undefined {
  const rule = question.askedIf;
  if (!rule) return undefined;
  const before = questions.find((q) => q.id === rule.question);
  const labels = rule.answers.map((a) => `“${before?.options?.find((o) => o.value === a)?.label ?? a}”`);
  const list = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
  return `Q${before?.number ?? '?'} ${list}`;
}

/** Parses survey.yaml, checking that its segment questions exist and are single-choice. */
export function parseSurveyMeta(text: string, file: string, questions: readonly Question[]): SurveyMeta {
  const result = SurveyMetaSchema.safeParse(readYaml(text, file));
  if (!result.success) {
    throw new SurveyFileError(
      formatIssues(result.error.issues)
        .map((line) => `${file}: ${line}`)
        .join('\n'),
    );
  }
  const meta = result.data;
  const problems: string[] = [];
  const from = parseCalendarDate(meta.fielded.from);
  const to = parseCalendarDate(meta.fielded.to);
  if (!from) problems.push(`${file}: field "fielded.from" ${DATE_MESSAGE}`);
  if (!to) problems.push(`${file}: field "fielded.to" ${DATE_MESSAGE}`);
  if (from && to && from > to) problems.push(`${file}: field "fielded.to" is before "fielded.from"`);
  meta.segments.forEach((segment, i) => {
    const question = questions.find((q) => q.id === segment.question);
    if (!question) {
      problems.push(
        `${file}: field "segments[${i}].question" names "${segment.question}", which is not a question in questions.yaml`,
      );
    } else if (question.type !== 'single') {
      problems.push(
        `${file}: field "segments[${i}].question" names "${segment.question}", a "${question.type}" question: segments need a single-choice question`,
      );
    } else {
      // Segment ids go into URLs and <Stat segment>: two answers must not share one.
      const ids = question.options!.map((o, j) => segmentId(segment.key ?? question.id, o.value, j));
      ids.forEach((id, j) => {
        if (ids.indexOf(id) !== j) {
          problems.push(
            `${file}: field "segments[${i}]": answers "${question.options![ids.indexOf(id)]!.value}" and "${question.options![j]!.value}" of "${question.id}" both give the segment id "${id}": change one answer's value`,
          );
        }
      });
      const values = question.options!.map((o) => o.value);
      const mergedInto = new Map<string, string>();
      for (const [label, answers] of Object.entries(segment.merge ?? {})) {
        answers.forEach((answer, j) => {
          const field = `segments[${i}].merge[${JSON.stringify(label)}][${j}]`;
          if (!values.includes(answer)) {
            problems.push(
              `${file}: field "${field}": "${answer}" is not an answer of question "${question.id}" (${values.map((v) => `"${v}"`).join(', ')})`,
            );
          } else if (mergedInto.has(answer)) {
            problems.push(
              `${file}: field "${field}": answer "${answer}" is already merged into "${mergedInto.get(answer)}"`,
            );
          } else {
            mergedInto.set(answer, label);
          }
        });
      }
    }
    const key = segment.key ?? segment.question;
    if (meta.segments.findIndex((other) => (other.key ?? other.question) === key) !== i) {
      problems.push(`${file}: field "segments[${i}].key" repeats the key "${key}" of another segment`);
    }
  });
  if (problems.length > 0) throw new SurveyFileError(problems.join('\n'));
  return { ...meta, fielded: { from: from!, to: to! } };
}

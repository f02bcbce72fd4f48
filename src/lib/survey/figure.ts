import { formatIssues } from '../schema/issues.ts';
import { FigureSurveySchema } from '../schema/figure.ts';
import { OWN_SURVEY } from '../schema/source.ts';
import { fieldedDates } from '../chart/summary.ts';
import {
  COMPUTED_INTERVAL_METHODS,
  computationProblem,
  computeValues,
  histogramBins,
  MAX_BINS,
  RATIO_COMPUTATIONS,
  ratioValue,
  type RatioValue,
} from './compute.ts';
import { loadSurvey, SURVEY_FILES, type Survey } from './load.ts';
import { askedText, segmentGroups, SurveyFileError, wasAsked, type Question } from './questionnaire.ts';
import type { z } from 'astro/zod';
import type { Respondent } from './responses.ts';
import { figureValue } from '../chart/unit.ts';
import { STACK_TONES } from '../chart/kinds/stacked-rows.ts';

/**
 * Turns a figures.json entry with `"survey": { question, compute, segmentBy? }` into an ordinary figure:
 * the question's exact wording, the unit, the rows with their 95% intervals, the base (who was asked, who
 * answered), the own-survey source and, with `segmentBy`, the values within each segment (a segment with
 * fewer answers than the series' minimum n is suppressed: no value, no interval). The schema then parses
 * the result like any hand-written figure.
 */

/** Fields the loader computes: writing one by hand beside `survey` is an error, never silently replaced. */
export const COMPUTED_FIELDS = [
  'question',
  'questionWording',
  'unit',
  'currency',
  'per',
  'multiSelect',
  'rows',
  'base',
  'previousBase',
  'source',
  'segments',
] as const;

/** The key of every own-survey source (internal, never shown). */
export const OWN_SURVEY_KEY = 'own-survey';

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** The source every figure computed from the survey carries. */
export function ownSurveySource(survey: Survey) {
  const respondents = survey.responses.respondents.length;
  const from = isoDate(survey.meta.fielded.from);
  const to = isoDate(survey.meta.fielded.to);
  return {
    kind: OWN_SURVEY,
    key: OWN_SURVEY_KEY,
    // What "About this data" and the trend's sources name: the source line without the question.
    title: `Survey of ${respondents} ${survey.meta.population}, fielded ${fieldedDates(from, to)}`,
    population: survey.meta.population,
    respondents,
    fielded: { from, to },
  };
}

/**
 * Who a computed value is of: "All respondents", or "Respondents who answered, of 500 asked"; where a skip
 * rule chose who was asked (`who`, "Q4 “Yes, in use” or “Being built”"), it is named after a colon, never in
 * brackets (pages put the base in brackets with its n): "All 330 respondents asked: those answering “Yes, in
 * use” or “Being built” to Q4".
 */
export function computedBaseText(asked: number, answered: number, who?: string): string {
  if (!who) return answered === asked ? 'All respondents' : `Respondents who answered, of ${asked} asked`;
  const those = who.replace(/^(Q\d+) (.*)$/, 'those answering $2 to $1');
  return answered === asked
    ? `All ${asked} respondents asked: ${those}`
    : `Respondents who answered, of ${asked} asked: ${those}`;
}

/**
 * The figure `item` (from `file`, the figures.json it is in) with every computed field filled in from the
 * series' survey. Throws an error naming the file, the figure and the field.
 */
export function surveyFigure(item: Record<string, unknown>, survey: Survey, file: string): Record<string, unknown> {
  const key = `${file}\n${JSON.stringify(item)}`;
  const figures = computed.get(survey) ?? new Map<string, Record<string, unknown>>();
  computed.set(survey, figures);
  const known = figures.get(key);
  if (known) return known;
  const figure = computeFigure(item, survey, file);
  figures.set(key, figure);
  return figure;
}

/** The figures computed from each survey (while it is in use), by figures.json and the figure as written. */
const computed = new WeakMap<Survey, Map<string, Record<string, unknown>>>();

function computeFigure(item: Record<string, unknown>, survey: Survey, file: string): Record<string, unknown> {
  const where = `${file}: figure "${String(item.id)}"`;
  const problems: string[] = [];
  for (const field of COMPUTED_FIELDS) {
    if (field in item) {
      problems.push(
        `${where}: field "${field}" is computed from ${survey.dir}/${SURVEY_FILES.responses}: remove it (the figure has "survey")`,
      );
    }
  }
  const parsed = FigureSurveySchema.safeParse(item.survey);
  if (!parsed.success) {
    problems.push(
      ...formatIssues(parsed.error.issues.map((i) => ({ ...i, path: ['survey', ...i.path] }))).map(
        (line) => `${where}: ${line}`,
      ),
    );
  }
  if (problems.length > 0) throw new SurveyFileError(problems.join('\n'));
  const spec = parsed.data!;
  const questionsFile = `${survey.dir}/${SURVEY_FILES.questions}`;
  const question = survey.questions.find((q) => q.id === spec.question);
  if (!question) {
    throw new SurveyFileError(
      `${where}: field "survey.question" names "${spec.question}", which is not a question in ${questionsFile} (${survey.questions
        .map((q) => `"${q.id}"`)
        .join(', ')})`,
    );
  }
  const problem = computationProblem(question, spec.compute);
  if (problem) throw new SurveyFileError(`${where}: field "survey.compute": ${problem}`);
  if (spec.draw === 'stacked') {
    const stackable =
      spec.compute === 'shares' &&
      spec.segmentBy !== undefined &&
      (question.type === 'single' || question.type === 'scale');
    if (!stackable) {
      throw new SurveyFileError(
        `${where}: field "survey.draw": "stacked" draws shares that add to 100% by group: it needs "compute": "shares" of a question with one answer each (single choice or scale) and "segmentBy"`,
      );
    }
    const options = question.options?.length ?? (question.scale ? question.scale.max - question.scale.min + 1 : 0);
    if (options > STACK_TONES) {
      throw new SurveyFileError(
        `${where}: field "survey.draw": "stacked" tells at most ${STACK_TONES} answers apart by colour; question "${question.id}" has ${options}`,
      );
    }
  }
  const optionProblems = computeOptionProblems(spec, where, survey);
  if (optionProblems.length > 0) throw new SurveyFileError(optionProblems.join('\n'));
  const { respondents } = survey.responses;
  const total = computeValues(question, respondents, spec.compute, spec.atOrAbove);
  if (total.answered === 0) {
    throw new SurveyFileError(
      `${where}: no respondent answered question "${question.id}": there is nothing to compute`,
    );
  }

  let segments: unknown[] | undefined;
  let ratio: (NonNullable<typeof spec.ratio> & RatioValue) | undefined;
  if (spec.ratio && spec.segmentBy === undefined) {
    throw new SurveyFileError(`${where}: field "survey.ratio" compares groups: it needs "survey.segmentBy"`);
  }
  if (spec.segmentBy !== undefined) {
    const declared = survey.meta.segments.find((s) => s.question === spec.segmentBy);
    if (!declared) {
      throw new SurveyFileError(
        `${where}: field "survey.segmentBy" names "${spec.segmentBy}", which ${survey.dir}/${SURVEY_FILES.meta} does not list under "segments"`,
      );
    }
    if (spec.segmentBy === question.id) {
      throw new SurveyFileError(`${where}: field "survey.segmentBy" is the figure's own question`);
    }
    const by = survey.questions.find((q) => q.id === spec.segmentBy)!;
    // One group per answer, or per set of answers survey.yaml merges under one label.
    const groups = segmentGroups(by, declared).map((group, i) => {
      const within = respondents.filter((r) => group.values.includes(r.answers[by.id] as string));
      return { group, i, within, values: computeValues(question, within, spec.compute, spec.atOrAbove) };
    });
    const withheld = withheldGroups(
      groups.map((g) => g.values.answered),
      survey.meta.minimumN,
    );
    segments = groups.map(({ group, i, within, values }) => {
      const why = withheld.get(i);
      return {
        id: group.id,
        label: group.label,
        group: declared.label ?? by.wording,
        n: values.answered,
        ...(why === 'complementary' ? { complementary: true as const } : {}),
        ...(why ? {} : npsScore(question, within, spec.compute)),
        rows: total.rows.map((row) => {
          const cell = values.rows.find((r) => r.label === row.label);
          return why || !cell
            ? { label: row.label, suppressed: true as const }
            : { label: row.label, value: cell.value, interval: cell.interval };
        }),
      };
    });
    if (spec.ratio) {
      const { of, over } = spec.ratio;
      const label = spec.ratio.label ?? total.rows[0]!.label;
      if (!RATIO_COMPUTATIONS.includes(spec.compute)) {
        throw new SurveyFileError(
          `${where}: field "survey.ratio": a ratio is of ${RATIO_COMPUTATIONS.map((c) => `"${c}"`).join(', ')}, not "${spec.compute}"`,
        );
      }
      if (!total.rows.some((r) => r.label === label)) {
        throw new SurveyFileError(`${where}: field "survey.ratio.label": "${label}" is not a row of the figure`);
      }
      const members = [of, ...over].map((id) => {
        const found = groups.find((g) => g.group.id === id);
        if (!found) {
          throw new SurveyFileError(
            `${where}: field "survey.ratio": "${id}" is not a group of the figure (${groups.map((g) => g.group.id).join(', ')})`,
          );
        }
        if (withheld.has(found.i)) {
          throw new SurveyFileError(`${where}: field "survey.ratio": "${id}" is withheld (too few answered)`);
        }
        return found.within;
      });
      ratio = {
        ...spec.ratio,
        label,
        ...ratioValue(question, members[0]!, members.slice(1).flat(), spec.compute, label),
      };
    }
  }

  const whole = wholeAnswers(question.id, respondents, spec.compute);
  const bins = spec.compute === 'histogram' ? histogramOf(question, respondents, spec.binWidth, where) : undefined;
  const who = askedText(question, survey.questions);
  // Shares of a question a skip rule put to part of the sample: the subtitle says "Share of the 322 who answered"
  // (src/lib/chart/summary.ts) and the note who was asked and how many.
  const askedNote =
    who && total.answered < total.asked && !segments && (spec.compute === 'shares' || spec.compute === 'top2box')
      ? `Asked of the ${total.asked} respondents ${who.replace(/^(Q\d+) (.*)$/, 'answering $2 to $1')}; ${total.answered} answered.`
      : undefined;
  const notes = [
    typeof item.note === 'string' ? item.note : undefined,
    askedNote,
    whole ? wholeAnswersNote(total.unit) : undefined,
  ];
  const note = notes.filter(Boolean).join(' ');
  const figure = {
    ...item,
    ...(note ? { note } : {}),
    survey: {
      ...spec,
      number: question.number,
      intervalMethod: COMPUTED_INTERVAL_METHODS[spec.compute],
      effectiveN: total.effectiveN,
      ...(question.type === 'scale' && spec.compute === 'shares' ? { ordered: true as const } : {}),
      ...(whole ? { wholeAnswers: true as const } : {}),
      ...(bins ? { bins } : {}),
      ...(spec.compute === 'top2box' ? { points: { min: question.scale!.min, max: question.scale!.max } } : {}),
      ...(segments ? { minimumN: survey.meta.minimumN } : {}),
      ...npsScore(question, respondents, spec.compute),
      ...(ratio ? { ratio } : {}),
    },
    question: question.wording,
    questionWording: 'published',
    unit: total.unit,
    ...(total.unit === 'currency' ? { currency: question.currency } : {}),
    ...(total.unit === 'count' && question.per ? { per: question.per } : {}),
    multiSelect: question.type === 'multiple',
    rows: ranked(question.type === 'multiple' && !segments, total.rows).map((row) => ({
      label: row.label,
      value: row.value,
      interval: row.interval,
    })),
    base: {
      text: computedBaseText(total.asked, total.answered, who),
      n: total.answered,
    },
    source: ownSurveySource(survey),
    ...(segments ? { segments } : {}),
  };
  return typeof item.title === 'string' ? { ...figure, title: boundTitle(item.title, figure, where) } : figure;
}

/**
 * Problems of the options only some computations take, each naming the field: `binWidth` is a histogram's,
 * `atOrAbove` a tail-share's; a histogram draws counts of respondents, so it takes neither weights nor groups.
 */
function computeOptionProblems(spec: z.output<typeof FigureSurveySchema>, where: string, survey: Survey): string[] {
  const problems: string[] = [];
  const only = (field: 'binWidth' | 'atOrAbove', compute: string) => {
    if (spec[field] !== undefined && spec.compute !== compute) {
      problems.push(
        `${where}: field "survey.${field}" is for "compute": "${compute}" only, and this figure computes "${spec.compute}": remove it`,
      );
    }
  };
  only('binWidth', 'histogram');
  only('atOrAbove', 'tail-share');
  if ((spec.compute === 'histogram' || spec.compute === 'tail-share') && spec.segmentBy !== undefined) {
    problems.push(
      `${where}: field "survey.segmentBy": "${spec.compute}" is computed of all who answered, not by group: remove "segmentBy" (a "mean" or "median" figure can be drawn by group)`,
    );
  }
  if (spec.compute === 'histogram' && survey.responses.weighted) {
    problems.push(
      `${where}: field "survey.compute": "histogram" draws counts of respondents, and ${survey.dir}/${SURVEY_FILES.responses} weights them: use "spread", whose percentiles are weighted`,
    );
  }
  return problems;
}

/** The bins of a histogram of `question`'s answers; more than MAX_BINS is an error naming "survey.binWidth". */
function histogramOf(question: Question, respondents: readonly Respondent[], width: number | undefined, where: string) {
  const values = respondents.flatMap((r) => {
    const answer = r.answers[question.id];
    return typeof answer === 'number' && wasAsked(question, r.answers) ? [answer] : [];
  });
  const histogram = histogramBins(values, width);
  if (histogram.bins.length > MAX_BINS) {
    throw new SurveyFileError(
      `${where}: field "survey.binWidth": ${width ?? 'the default width'} makes ${histogram.bins.length} bars from ${Math.min(...values)} to ${Math.max(...values)}; at most ${MAX_BINS} fit a chart: make it wider`,
    );
  }
  return histogram;
}

/**
 * For "nps-groups" (the split behind an NPS): the score the split gives, with its interval, computed as an
 * "nps" figure computes it, so a chart of the split can print each group's score beside its bar.
 */
function npsScore(question: Question, respondents: readonly Respondent[], compute: string) {
  if (compute !== 'nps-groups') return {};
  const row = computeValues(question, respondents, 'nps').rows[0]!;
  return { score: { value: row.value, interval: row.interval } };
}

/**
 * A title with its values bound: each `{group-id}` is that group's first value, written as the chart writes
 * it ("Where a platform is in use: {platform-yes}" → "…: 9.1"), so a title states a finding without a number
 * typed by hand. A name that is no group of the figure, or a group withheld, is an error.
 */
function boundTitle(title: string, figure: Record<string, unknown>, where: string): string {
  const segments = (figure.segments ?? []) as { id: string; rows: { value?: number }[] }[];
  return title.replace(/\{([^{}]+)\}/g, (token, id: string) => {
    const segment = segments.find((s) => s.id === id);
    if (!segment) {
      const known = segments.map((s) => s.id).join(', ') || 'it has none';
      throw new SurveyFileError(`${where}: field "title": "${token}" is not a group of the figure (${known})`);
    }
    const value = segment.rows[0]?.value;
    if (value === undefined) {
      throw new SurveyFileError(
        `${where}: field "title": "${token}" is withheld (too few answered): no value to write`,
      );
    }
    return figureValue(figure as Parameters<typeof figureValue>[0], value);
  });
}

/**
 * The rows of a multi-select question's shares, most picked first: its answers have no order of their own, so
 * the chart ranks them (a tie keeps the questionnaire's order). Any other figure keeps its rows as computed.
 */
function ranked<T extends { value: number }>(rank: boolean, rows: readonly T[]): T[] {
  return rank ? [...rows].sort((a, b) => b.value - a.value) : [...rows];
}

/**
 * The note under a table of percentiles of whole-number answers, said once for every percentile alike (the
 * 10th as much as the median): its value and both ends of its interval fall on whole numbers, so an end can
 * equal the value.
 */
export function wholeAnswersNote(unit: string): string {
  const [whole, one] = unit === 'days' ? ['whole days', 'a whole day'] : ['whole numbers', 'a whole number'];
  return `The answers are ${whole}, so every percentile here, and each end of its 95% interval, falls on ${one}: an end can equal the value itself, and where both do, the table gives that value “at both ends”: the uncertainty is wider than that.`;
}

/** Whether a figure gives percentiles of answers that are all whole numbers (days, counts, scale points). */
function wholeAnswers(
  question: string,
  respondents: readonly { answers: Record<string, unknown> }[],
  compute: string,
): boolean {
  if (!['median', 'quartiles', 'spread', 'histogram'].includes(compute)) return false;
  return respondents.every((r) => {
    const answer = r.answers[question];
    return typeof answer !== 'number' || Number.isInteger(answer);
  });
}

/**
 * For every reader of a series' figures.json (the collection's loader, the downloads, the content check):
 * a function that returns a figure as written, or, where it has `"survey"`, computed from the series'
 * survey, read once on first need. `seriesDir` is absolute; `file` names figures.json in errors.
 */
export function surveyFigures(
  seriesDir: string,
  root: string,
  file: string,
): (item: Record<string, unknown>) => Record<string, unknown> {
  let survey: Survey | undefined;
  return (item) => {
    if (item.survey === undefined) return item;
    survey ??= loadSurvey(seriesDir, root, `figure "${String(item.id)}" of ${file} computes from the survey`);
    return surveyFigure(item, survey, file);
  };
}

/**
 * Which groups of one segment question are withheld, by index, and why: "minimum-n" where fewer than
 * `minimumN` answered (but some did), and "complementary" for the next smallest group where exactly one
 * group is under the minimum: the total and every other group would otherwise give that one group's count
 * by subtraction. An empty group has no value to protect.
 */
export function withheldGroups(
  answered: readonly number[],
  minimumN: number,
): Map<number, 'minimum-n' | 'complementary'> {
  const withheld = new Map<number, 'minimum-n' | 'complementary'>();
  answered.forEach((n, i) => {
    if (n < minimumN) withheld.set(i, 'minimum-n');
  });
  const under = answered.filter((n) => n > 0 && n < minimumN).length;
  if (under === 1) {
    const next = answered
      .map((n, i) => ({ n, i }))
      .filter(({ i }) => !withheld.has(i))
      .sort((a, b) => a.n - b.n || a.i - b.i)[0];
    if (next) withheld.set(next.i, 'complementary');
  }
  return withheld;
}

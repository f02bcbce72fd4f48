/**
 * What the printed report needs of a figure, as JSON for the Typst template: its words (title, subtitle,
 * alt text, source line, question, base), and per row the value with its 95% interval where the base is
 * published. The print page embeds one per figure it shows; the appendix table and the chart are drawn from it.
 */
import type { Figure } from '../schema/figure.ts';
import type { SeriesData } from '../schema/series.ts';
import { figureSummary } from '../chart/describe.ts';
import {
  baseNote,
  figureSourceLine,
  figureSubtitle,
  printSourceLine,
  previousBaseText,
  questionLabel,
  questionText,
  respondentsText,
  sourceMarks,
  surveyCredit,
} from '../chart/summary.ts';
import { anyRowN, baseN, figureBase } from '../chart/base.ts';
import { isOwnSurvey } from '../schema/source.ts';
import { figureIntervals, roundBound, type ValueInterval } from '../stats/figure-intervals.ts';
import { BASE_NOT_PUBLISHED } from '../chart/base.ts';
import { typesetFigure } from '../typography.ts';
import { formatValue } from '../format.ts';
import { exactDigits, unitSpec } from '../chart/unit.ts';
import { totalLabel } from '../chart/kinds/by-segment.ts';
import { coarseText, rangeText } from '../chart/interval.ts';

export interface PrintInterval {
  low: number;
  high: number;
}

export interface PrintRow {
  label: string;
  /** The row's source mark where it comes from another source than the figure ("¹"), else "". */
  mark: string;
  value: number;
  /** Computed from published values (a remainder): marked so in the table. */
  derived: boolean;
  /** The 95% interval in percent (one decimal), or null where the base (n) is not published. */
  interval: PrintInterval | null;
  previous?: number;
  previousInterval?: PrintInterval | null;
  /** The source line of this row alone (a part opener shows one row): no mark of another row's source. */
  source: string;
  /** A value that is not a share, as the page writes it ("11 days", "+12.4"); its interval likewise. */
  shown?: string;
  shownInterval?: string | null;
}

/**
 * What is true of every figure a report prints, so the report says it once (in its note on reading the
 * figures) instead of under each chart: every question reconstructed from a finding, no base published.
 */
export interface ReportReading {
  /** No figure's wording was published or asked as printed: each question is a reconstruction. */
  reconstructed: boolean;
  /** No source states the base of any figure: no value has an interval. */
  basesUnpublished: boolean;
  /** Every figure is computed from the publisher's own responses (questions as asked, bases known). */
  own: boolean;
}

/** The report-wide facts of a set of figures (those a report prints). None: nothing to say once. */
export function reportReading(figures: readonly Figure[]): ReportReading {
  const some = figures.length > 0;
  return {
    reconstructed: some && figures.every((f) => f.questionWording !== 'published' && !isOwnSurvey(f.source)),
    basesUnpublished:
      some && figures.every((f) => !figureBase(f) && (f.kind !== 'paired' || !figureBase(f, true)) && !anyRowN(f)),
    own: some && figures.every((f) => isOwnSurvey(f.source)),
  };
}

/**
 * The words around a printed chart: the question and what is measured over it, the source line under it. What
 * the report says once (`ReportReading`) is left out: no per-figure "Question (reconstructed)" label in the caption, no "base not published".
 */
export interface PrintCaption {
  /** "How did your organization's AI/ML budget change compared with the previous year?" (labelled where mixed). */
  question: string;
  /** "Share of respondents; several answers allowed". */
  measure: string;
  /** "Source: Algorithmia's survey, as reported by the Algorithmia blog." */
  source: string;
}

export interface PrintFigure {
  /** The words a chart and a side note print (see PrintCaption). */
  caption: PrintCaption;
  id: string;
  kind: string;
  title: string;
  subtitle: string;
  /** The chart's text summary: the figure's alt text in the PDF's structure tree. */
  alt: string;
  /** "Source: ..., as reported by ...". */
  source: string;
  /** The question's wording: published (quoted) or reconstructed from the finding. */
  question: string;
  /** "Question reconstructed from the finding" or "Question, as published". */
  questionLabel: string;
  /** Who the shares are of, mid-sentence: "all respondents (n = 403)", "respondents (survey of 403; base not published)". */
  base: string;
  /** The part of the sample the values are of ("organizations with more than 25,000 employees"), where not all. */
  subgroup?: string;
  /** The base as the tables state it: the source's words quoted with the source, or "Survey of 403; base not published". */
  baseLine: string;
  /** The base's size where a source states it, else null (no interval). */
  n: number | null;
  /** Whether any value has a 95% interval (the table has an interval column only then). */
  intervals: boolean;
  previousBase?: string;
  seriesLabels?: string[];
  note?: string;
  rows: PrintRow[];
  /** What a value without an interval says. */
  noInterval: string;
  /** The value column's head for a figure that is not a share ("Days", "Score"); a share's is "Share". */
  valueHeader?: string;
}

/** The value column's head by unit: what the numbers under it are. */
const VALUE_HEADERS: Record<Figure['unit'], string> = {
  percent: 'Share',
  count: 'Count',
  currency: 'Amount',
  days: 'Days',
  score: 'Score',
};

/**
 * The value column's head in print: what a computed figure's number measures where its unit alone would not say
 * ("Satisfied or very satisfied (4–5)" for a top-two box, "Mean a week" for a mean count), else the unit's head
 * (`VALUE_HEADERS`); a share of answers keeps the template's "Share" (none given).
 */
function printValueHeader(figure: Figure): string | undefined {
  const survey = figure.survey;
  if (survey?.compute === 'top2box' && survey.points && figure.rows[0]) {
    const label = figure.rows[0].label;
    const { max } = survey.points;
    return `${label.charAt(0)}${label.slice(1).toLowerCase()} (${max - 1}–${max})`;
  }
  if (figure.unit === 'percent') return undefined;
  if (survey?.compute === 'mean' && figure.unit === 'count') return figure.per ? `Mean a ${figure.per}` : 'Mean';
  return VALUE_HEADERS[figure.unit];
}

const interval = (i: ValueInterval | undefined): PrintInterval | null =>
  i?.known ? { low: roundBound(i.low), high: roundBound(i.high) } : null;

/** The source line of one row of a figure, as if the figure had that row only (in print: the short line). */
function rowSourceLine(figure: Figure, index: number, series: SeriesData): string {
  const { source, ...row } = figure.rows[index]!;
  return printSourceLine({ ...figure, source: source ?? figure.source, rows: [row] }, surveyCredit(series));
}

/**
 * A by-segment figure's groups, as rows under its total in the appendix table: "Platform engineer (n = 111)"
 * (with ": <answer>" where the figure has several), each value with its own interval; a suppressed one says
 * why ("fewer than 30 answered", or withheld to protect such a group), with no interval.
 */
function groupRows(
  figure: Figure,
  series: SeriesData,
  other: boolean,
  shownInterval: (i: PrintInterval | null) => string | null,
  shownShare?: (value: number) => string,
): PrintRow[] {
  if (figure.kind !== 'by-segment' || !figure.segments) return [];
  const spec = exactDigits(unitSpec({ ...figure, locale: series.language }), figure);
  const source = figureSourceLine(figure, surveyCredit(series));
  return figure.segments.flatMap((segment) =>
    figure.rows.map((total) => {
      const cell = segment.rows.find((r) => r.label === total.label);
      const label = `${segment.label} (n = ${segment.n})${figure.rows.length > 1 ? `: ${total.label}` : ''}`;
      const bounds = cell?.interval
        ? { low: roundBound(cell.interval.low), high: roundBound(cell.interval.high) }
        : null;
      const base = { label, mark: '', source, value: cell?.value ?? 0, derived: false, interval: bounds };
      // A group withheld to protect a smaller one is marked short; the table's note gives the reason once.
      if (cell?.value === undefined)
        return {
          ...base,
          shown: segment.complementary ? WITHHELD_MARK : FEWER_MARK,
          shownInterval: '–',
        };
      if (other) return { ...base, shown: formatValue(cell.value, spec), shownInterval: shownInterval(bounds) };
      return shownShare ? { ...base, shown: shownShare(cell.value) } : base;
    }),
  );
}

/** A withheld group's cell in the appendix table (round 11: "withheld: would reveal a group under 30" ran to five lines). */
const WITHHELD_MARK = 'withheld†';

/** A group too small to publish, in the appendix table (round 12: "fewer than 30 answered" wrapped in the cell). */
const FEWER_MARK = '‡';

/** The table notes that say why a cell is marked `FEWER_MARK` or `WITHHELD_MARK`, where one is. */
function withheldNote(figure: Figure): string | undefined {
  if (figure.kind !== 'by-segment' || !figure.segments) return undefined;
  const minimum = figure.survey?.minimumN ?? 30;
  const few = figure.segments.some((s) => !s.complementary && s.rows.some((r) => r.value === undefined));
  const notes = [
    few ? `‡ Fewer than ${minimum} answered: no value is published.` : undefined,
    figure.segments.some((s) => s.complementary) ? `† Withheld: would reveal a group under ${minimum}.` : undefined,
  ];
  return notes.filter(Boolean).join(' ') || undefined;
}

/**
 * The label of a total's line in the appendix table of a figure drawn by group: whom it is of, as the chart's
 * first bar says ("All respondents (n = 500)"), with the answer where the figure has several ("…: Yes, in use").
 * Any other figure's line keeps its row's label.
 */
function totalRowLabel(figure: Figure, row: Figure['rows'][number]): string {
  if (figure.kind !== 'by-segment' || !figure.segments) return row.label;
  const all = `${totalLabel(figure)} (n = ${figure.base?.n ?? 'not known'})`;
  return figure.rows.length > 1 ? `${all}: ${row.label}` : all;
}

/** "Survey of 403; base not published" as the report's tables print it: "Survey of 403; base –". */
export const dashed = (text: string) =>
  text.replace(/\b([Bb])ase not published\b/g, '$1ase –').replace(/\bn not published\b/g, 'n –');

/** The print model of one figure of a series. */
export function printFigure(raw: Figure, series: SeriesData, reading?: ReportReading): PrintFigure {
  const figure = typesetFigure(raw);
  const label = questionLabel(figure);
  // Said once for the whole report, not per figure: the chart's question line is labelled by the template.
  const shortLabel = isOwnSurvey(figure.source)
    ? undefined
    : figure.questionWording === 'published'
      ? 'Question'
      : 'Question (reconstructed)';
  const question = questionText(figure);
  const measure = figureSubtitle(figure);
  const respondents = series.survey.respondents;
  const intervals = figureIntervals(figure);
  const previousBase = previousBaseText(figure);
  // A share prints as the template writes percentages; any other unit as the page writes it, in the series' language.
  const spec = exactDigits(unitSpec({ ...figure, locale: series.language }), figure);
  const other = figure.unit !== 'percent';
  // A share computed from the series' own responses keeps its one decimal, always written ("34.0%" beside
  // "47.4%"): the template's own percentages drop a trailing zero.
  const exact = figure.survey !== undefined;
  // A value stays whole on its line: "11.8 days", never "11.8" and "days".
  // A percentile of whole-number answers prints whole, and its interval of no width as "4 days at both ends" (as on the page).
  const whole = (value: number) => figure.survey?.wholeAnswers === true && Number.isInteger(value);
  const shown = (value: number) =>
    formatValue(value, whole(value) ? { ...spec, digits: 0 } : spec).replace(/ /g, '\u00a0');
  const shownInterval = (i: PrintInterval | null) =>
    i &&
    (figure.survey?.wholeAnswers && i.low === i.high
      ? coarseText(shown(i.low))
      : rangeText(shown(i.low), shown(i.high)));
  return {
    id: figure.id,
    kind: figure.kind,
    title: figure.title,
    subtitle: figureSubtitle(figure),
    alt: figureSummary(figure, respondents),
    source: figureSourceLine(figure, surveyCredit(series)),
    caption: {
      question: reading?.reconstructed || !shortLabel ? question : `${shortLabel}: ${question}`,
      measure: reading?.basesUnpublished ? measure.replace(` · ${BASE_NOT_PUBLISHED}`, '') : measure,
      source: printSourceLine(figure, surveyCredit(series)),
    },
    question,
    // One word and a note, the label of the question line over each chart and in the appendix.
    questionLabel: reading?.reconstructed ? 'Question (reconstructed)' : label,
    base: respondentsText(figure, respondents),
    ...(figure.subgroup ? { subgroup: figure.subgroup } : {}),
    // A base no source states prints as a dash; the appendix's head gives the key once.
    baseLine: `${dashed(baseNote(figure, respondents))}.`,
    n: baseN(figure),
    intervals: anyRowN(figure) || (figure.kind === 'paired' && anyRowN(figure, true)),
    ...(previousBase ? { previousBase: dashed(previousBase) } : {}),
    ...(figure.seriesLabels ? { seriesLabels: [...figure.seriesLabels] } : {}),
    ...(figure.note || withheldNote(figure)
      ? { note: [figure.note, withheldNote(figure)].filter(Boolean).join(' ') }
      : {}),
    rows: [
      ...figure.rows.map((row, i) => ({
        label: totalRowLabel(figure, row),
        // The note mark of a row from another source ("¹"), as the chart and the source line under the table print it.
        mark: sourceMarks(figure).rows[i] ?? '',
        source: rowSourceLine(figure, i, series),
        value: row.value,
        derived: row.derived === true,
        interval: interval(intervals[i]?.value),
        ...(other
          ? {
              shown: shown(row.value),
              shownInterval: shownInterval(row.interval ?? interval(intervals[i]?.value)),
            }
          : exact
            ? { shown: shown(row.value) }
            : {}),
        ...(row.previous === undefined
          ? {}
          : { previous: row.previous, previousInterval: interval(intervals[i]?.previous) }),
      })),
      ...groupRows(figure, series, other, shownInterval, exact ? shown : undefined),
    ],
    noInterval: BASE_NOT_PUBLISHED,
    ...(printValueHeader(figure) ? { valueHeader: printValueHeader(figure) } : {}),
  };
}

/**
 * The report's note on reading its figures, said once before the first chart (on the contents page): whose
 * survey every number comes from, and what is true of every figure (`ReportReading`), so that no chart
 * repeats it. Empty where there is nothing report-wide to say.
 */
/** A survey named mid-sentence: "Survey of 500 …" as "a survey of 500 …"; "a survey …" and "the …" as they are. */
const midSurvey = (survey: string) =>
  /^(a|an|the) /i.test(survey) ? survey : `a ${survey.charAt(0).toLowerCase()}${survey.slice(1)}`;

export function readingNote(reading: ReportReading, survey: string): string[] {
  // An own survey: "… is computed from the responses to a survey of 500 platform engineers, fielded …".
  const lines = [
    reading.own
      ? `Every chart and number in this report is computed from the responses to ${midSurvey(survey)}.`
      : `Every chart and number in this report comes from ${survey}.`,
  ];
  // What none of the sources the series could read gives, said here once: the tables then mark it with a dash.
  if (reading.reconstructed)
    lines.push(
      'None of the sources this report could read gives the questionnaire or its answer scales, so the question over each chart is reconstructed from the finding it reports and a chart shows only the answers a source reports.',
    );
  if (reading.basesUnpublished)
    lines.push(
      `${reading.reconstructed ? 'Nor did any source give' : 'No source gives'} how many people answered any one question, so no chart shows a margin of error.`,
    );
  if (reading.reconstructed || reading.basesUnpublished) lines.push('In the tables, “–” marks what no source gives.');
  lines.push(
    reading.own
      ? 'The line under each chart names the survey and the question it asked; the appendix, “The numbers”, gives each figure’s question, who answered, its interval and its values by group.'
      : 'The line under each chart names who reported its numbers; the appendix, “The numbers”, gives each figure’s question, base and sources in full.',
  );
  return lines;
}

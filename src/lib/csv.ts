import type { Figure } from './schema/figure.ts';
import { citationText as citeSource, withSyntheticNote } from './citation.ts';
import { figureIntervals, intervalMethod, intervalOf, type ValueInterval } from './stats/figure-intervals.ts';
import { chartOnlyParts } from './chart/chart-parts.ts';
import { baseSource, rowBase, rowN } from './chart/base.ts';
import { baseText, sourceOutlet } from './chart/summary.ts';
import { isOwnSurvey } from './schema/source.ts';

/**
 * The dataset behind one figure as CSV (RFC 4180), one row per answer and per part the chart derives
 * (a nested bar's, `derived` true), with base and source on every line
 * (the source as cited to readers, never its internal key), and the 95% interval of each share: bounds in
 * percent to one decimal, empty where no source states the base and its size, with `interval_note` saying
 * so. `base` is the base where a source states it ("All respondents (n = 403)", with the source's words and
 * name in `base_quote`), else "Survey of 403; base not published"; `question_wording` is "published" (the
 * source's exact words), "reconstructed" (written from the published finding) or "as asked" (the series' own questionnaire). A figure computed from
 * the series' own responses adds a line per segment and row (`segment`, `segment_n`); a suppressed cell
 * (fewer answers than the series' minimum n) has no value and no interval.
 */

export const CSV_COLUMNS = [
  'figure',
  'label',
  'question',
  'question_wording',
  'value',
  'previous_value',
  'unit',
  'derived',
  'base',
  'n',
  'base_quote',
  'multi_select',
  'previous_base',
  'previous_n',
  'previous_base_quote',
  'source',
  'source_url',
  'ci95_low',
  'ci95_high',
  'previous_ci95_low',
  'previous_ci95_high',
  'ci95_method',
  'interval_note',
] as const;

/** The columns a figure computed by segment adds: the segment's id and its number of answers. */
export const CSV_SEGMENT_COLUMNS = ['segment', 'segment_n'] as const;

/** An interval bound as the CSV writes it, always with one decimal ("79.0"); empty without an interval. */
const bound = (interval: ValueInterval | undefined, end: 'low' | 'high') =>
  interval?.known ? interval[end].toFixed(1) : undefined;

/**
 * What a percentile's interval of no width means ("4.0" to "4.0"): answers in whole days (or other whole numbers)
 * leave most resamples on the same value, so the interval shows less uncertainty than there is. The page writes
 * "4 days at both ends" in its place (see `coarseText`).
 */
function noWidthNote(figure: Figure, interval: { low: number; high: number } | undefined): string | undefined {
  if (!figure.survey?.wholeAnswers || !interval || interval.low !== interval.high) return undefined;
  const unit = figure.unit === 'days' ? 'days' : 'numbers';
  return `Interval of no width: the answers are whole ${unit}, so nearly every bootstrap resample gives this same percentile; the uncertainty is larger than the interval shows`;
}

/** Why a row has no interval, or undefined when every value it has has one. */
function intervalNote(value: ValueInterval, previous: ValueInterval | undefined): string | undefined {
  if (!value.known && previous && !previous.known) return "No interval: neither edition's base is published";
  if (!value.known && previous) return `No interval for value: ${value.reason}`;
  if (!value.known) return `No interval: ${value.reason}`;
  if (previous && !previous.known) return `No interval for previous_value: ${previous.reason}`;
  return undefined;
}

export function csvField(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The CSV of a figure; `surveySize` (the survey's respondents) is named where no source states the base;
 * `synthetic` (a demonstration series) adds to every line's source that no person answered.
 */
export function figureToCsv(figure: Figure, surveySize?: number, options: { synthetic?: boolean } = {}): string {
  const intervals = figureIntervals(figure);
  // A demonstration series' source says on every line that no person answered.
  const citationText = (source: Figure['source']) =>
    options.synthetic ? withSyntheticNote(citeSource(source)) : citeSource(source);
  // A figure without segments keeps the columns it always had; the total's lines leave the segment empty.
  const columns = figure.segments ? [...CSV_COLUMNS, ...CSV_SEGMENT_COLUMNS] : CSV_COLUMNS;
  const empty = figure.segments ? CSV_SEGMENT_COLUMNS.map(() => '') : [];
  const question = figure.question;
  // "reconstructed" (from the published finding) or "published" (the source's exact words); "as asked" where the
  // series asked the question itself (the questionnaire's exact words).
  const wording = isOwnSurvey(figure.source) ? 'as asked' : figure.questionWording;
  // A row of another source than the one stating the base is not a share of it: no base on its line.
  const stated = (row: Figure['rows'][number] | undefined, previous = false) =>
    row ? rowBase(figure, row, previous) : previous ? figure.previousBase : figure.base;
  const base = (row: Figure['rows'][number] | undefined, previous = false) => {
    const shown = stated(row, previous) ? figure : { ...figure, base: undefined, previousBase: undefined };
    const text = baseText(shown, previous ? undefined : surveySize, previous);
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  const quote = (row: Figure['rows'][number] | undefined, previous = false) => {
    const words = stated(row, previous);
    return words?.quote ? `“${words.quote}” (${sourceOutlet(baseSource(figure, words))})` : undefined;
  };
  const lines = figure.rows.map((row, i) => {
    const source = row.source ?? figure.source;
    const { value, previous } = intervals[i]!;
    return [
      figure.id,
      row.label,
      question,
      wording,
      row.value,
      row.previous,
      figure.unit,
      row.derived,
      base(row),
      rowN(figure, row),
      quote(row),
      figure.multiSelect,
      row.previous === undefined ? undefined : base(row, true),
      row.previous === undefined ? undefined : rowN(figure, row, true),
      row.previous === undefined ? undefined : quote(row, true),
      citationText(source),
      source.url,
      bound(value, 'low'),
      bound(value, 'high'),
      bound(previous, 'low'),
      bound(previous, 'high'),
      value.known || previous?.known ? intervalMethod(figure) : undefined,
      intervalNote(value, previous) ?? noWidthNote(figure, row.interval),
      ...empty,
    ]
      .map(csvField)
      .join(',');
  });
  // The parts the chart derives (a nested bar's), as the chart and its table show them: derived = true.
  for (const part of chartOnlyParts(figure)) {
    const value = intervalOf(part.value, figure.base?.n);
    lines.push(
      [
        figure.id,
        part.label,
        question,
        wording,
        part.value,
        undefined,
        figure.unit,
        true,
        base(undefined),
        figure.base?.n,
        quote(undefined),
        figure.multiSelect,
        undefined,
        undefined,
        undefined,
        citationText(figure.source),
        figure.source.url,
        bound(value, 'low'),
        bound(value, 'high'),
        undefined,
        undefined,
        value.known ? intervalMethod(figure) : undefined,
        intervalNote(value, undefined),
        ...empty,
      ]
        .map(csvField)
        .join(','),
    );
  }
  // An own survey's segments: the same rows within each segment, a suppressed cell without a value.
  for (const segment of figure.segments ?? []) {
    for (const cell of segment.rows) {
      const fields: Record<
        (typeof CSV_COLUMNS)[number] | (typeof CSV_SEGMENT_COLUMNS)[number],
        string | number | boolean | undefined
      > = {
        figure: figure.id,
        label: cell.label,
        question,
        question_wording: wording,
        value: cell.value,
        previous_value: undefined,
        unit: figure.unit,
        derived: false,
        base: `${segment.group}: ${segment.label} (n = ${segment.n})`,
        n: segment.n,
        base_quote: undefined,
        multi_select: figure.multiSelect,
        previous_base: undefined,
        previous_n: undefined,
        previous_base_quote: undefined,
        source: citationText(figure.source),
        source_url: figure.source.url,
        ci95_low: cell.interval?.low.toFixed(1),
        ci95_high: cell.interval?.high.toFixed(1),
        previous_ci95_low: undefined,
        previous_ci95_high: undefined,
        ci95_method: cell.interval ? intervalMethod(figure) : undefined,
        interval_note: cell.suppressed
          ? segment.complementary
            ? `Suppressed: withheld so that a segment with fewer than ${figure.survey?.minimumN ?? 'the minimum number of'} answers cannot be worked out from the total`
            : `Suppressed: fewer than ${figure.survey?.minimumN ?? 'the minimum number of'} answers in this segment`
          : undefined,
        segment: segment.id,
        segment_n: segment.n,
      };
      lines.push(columns.map((column) => csvField(fields[column])).join(','));
    }
  }
  return [columns.join(','), ...lines].join('\r\n') + '\r\n';
}

/**
 * A CSV field for text that came from the public (lead exports). A spreadsheet runs a cell starting with
 * = + - @ (or tab, CR) as a formula, and may split a field on ; , | or tab before looking, so a formula
 * character at the start or after any of those neutralises the whole field with a leading apostrophe.
 * Fields holding a separator (; | and tab too, which some locales and importers split on) are quoted.
 */
export function untrustedCsvField(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /(^|[;,|\t\r\n])[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[;|\t]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : csvField(safe);
}

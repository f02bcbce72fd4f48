import type { Figure, FigureRow } from '../../../lib/schema/figure.ts';
import type { Source } from '../../../lib/schema/source.ts';
import { formatPercent, formatValue } from '../../../lib/format.ts';
import { carriedIntervalText, intervalText } from '../../../lib/chart/interval.ts';
import { axisPosition } from '../../../lib/chart/axis.ts';
import { fewerThan } from '../../../lib/chart/segment-view.ts';
import { groupedRows, isGrouped, totalLabel } from '../../../lib/chart/kinds/by-segment.ts';
import { barValue, figureAxis, figureTick, isShare, unitSpec, type LocalizedFigure } from '../../../lib/chart/unit.ts';
import { bindNumbers } from './html-to-typst.ts';
import { figureSummary } from '../../../lib/chart/describe.ts';
import { nestedSegments } from '../../../lib/chart/kinds/nested.ts';
import { scaleEnd, scaleEndTexts } from '../../../lib/chart/kinds/bars.ts';
import { stackedSegments } from '../../../lib/chart/kinds/stacked.ts';
import { isStackedRows, stackKeyParts, stackRows } from '../../../lib/chart/kinds/stacked-rows.ts';
import { isSpread, spreadAxis } from '../../../lib/chart/kinds/spread.ts';
import { histogramAxis, histogramPrint, isHistogram, type HistogramPrint } from '../../../lib/chart/kinds/histogram.ts';
import { intervalKey } from '../../../lib/chart/shared.ts';

/** The key under a chart with a derived value: what the hatching means, without "not published" (said once in the report). */
export const DERIVED_KEY = 'Hatched: derived, the remainder of the published shares';
import {
  figureSourceLine,
  figureSubtitle,
  midSentence,
  questionText,
  sourceMarks,
  type SurveyCredit,
} from '../../../lib/chart/summary.ts';
import { figureIntervals, type ValueInterval } from '../../../lib/stats/figure-intervals.ts';
import { anyRowN, baseN } from '../../../lib/chart/base.ts';
import { typesetFigure } from '../../../lib/typography.ts';

/**
 * The print chart of a figure as plain data, for `charts.typ` to draw: every text the chart prints is
 * decided here, with the web's own functions (summary sentence, subtitle, source line, intervals, the
 * segments of stacked and nested bars), so the print and the web say the same things in the same words.
 * Typst only places and sizes them.
 */

/** A 95% interval, in percent. */
export interface PrintInterval {
  lo: number;
  hi: number;
  /** As the data tables write it, one decimal: "52.1–61.8%". */
  text: string;
}

export interface PrintChartRow {
  /** The answer, with the footnote mark of a row from another source ("Increased it by more than 50%¹"). */
  label: string;
  /** Where the bar ends on its 0-100 track: the share itself, or another unit's place on its axis. */
  value: number;
  /** The value as printed, in its unit: "57%", "12.5 days", "+23". */
  valueText: string;
  /** Paired: the previous edition's value. */
  previous?: number;
  previousText?: string;
  /** True where the value was computed from published values, not published itself. */
  derived: boolean;
  /** The value's 95% interval, where the base's size is published. */
  interval?: PrintInterval;
  /** Paired: the previous value's 95% interval, where that edition's base size is published. */
  previousInterval?: PrintInterval;
  /**
   * "comparison": all respondents beside a group, in the comparison grey (by-segment). A scale's answers:
   * "low" (the bottom two), "high" (the top two), "middle" (grey), as the web draws them.
   */
  tone?: 'comparison' | 'low' | 'high' | 'middle';
  /** Why there is no bar: a group's value suppressed ("fewer than 30 answered"). */
  missing?: string;
}

/** One panel of a small multiple: a group's values, each beside all respondents'. */
export interface PrintPanel {
  /** "1,000+ employees, n = 178". */
  title: string;
  rows: PrintChartRow[];
}

/** One part of a 100% bar (stacked): its name and value, printed in place. */
export interface PrintSegment {
  name: string;
  value: number;
  valueText: string;
  derived: boolean;
  /** "first": in the series colour like the first part (a nested bar's parts inside its outermost answer). */
  tone?: 'first' | 'mid';
  /** Where the segment starts on the 0-100 bar. */
  start: number;
}

/** One group's 100% bar (the split behind an NPS by group): its parts from the left, its NPS at the end. */
export interface PrintStackRow {
  /** "Application developer (n = 140)". */
  label: string;
  /** Detractors, passives, promoters; none where the group is withheld. */
  parts: { name: string; value: number; valueText: string; tone: 'second' | 'mid' | 'first'; start: number }[];
  /** "NPS +23" and "+10 to +36". */
  score?: string;
  scoreInterval?: string;
  /** Why the group has no bar ("fewer than 30 answered"). */
  missing?: string;
  /** All who answered: drawn in greys, the groups in colour. */
  total?: true;
}

export interface PrintChartModel {
  id: string;
  /**
   * The figure's kind, or "spread": a number's answers as a strip (quartile box, median, mean, 10th to 90th),
   * or "stacked-rows": one 100% bar per group (the split behind an NPS by group, or shares drawn "stacked").
   */
  kind: Figure['kind'] | 'spread' | 'histogram' | 'stacked-rows';
  title: string;
  /** What the chart measures: the question, then the base with its size ("Share of all respondents (n = 403)"). */
  subtitle: string;
  /** One line under the chart: who made the numbers, who reported them. */
  source: string;
  /** The chart's text summary, as screen readers get it on the web. */
  alt: string;
  rows: PrintChartRow[];
  /** Stacked: the parts of the 100% bar, from the left. */
  segments: PrintSegment[];
  /** Nested: the outermost published answer, bracketed over the parts it holds. */
  bracket?: { label: string; value: number; valueText: string };
  /** Paired: the names of the editions, current first (printed next to the first pair's bars). */
  editions: string[];
  /** A small multiple: one panel per group, each answer's value among the group beside all respondents'. */
  panels?: PrintPanel[];
  /** Stacked rows: one 100% bar per group, all who answered first, with a key of the parts once. */
  stackRows?: PrintStackRow[];
  /** Stacked rows: the key of the parts, from the left ("Detractors (0–6)", or the answers). */
  stackKey?: { name: string; tone: string }[];
  /** By-segment: what the colours are ("Each group, beside all respondents in grey"). */
  groupKey?: string;
  /** Where bars start on the 0-100 track: 0, or the zero line of an axis that runs below it (an NPS). */
  origin?: number;
  /** A spread strip's or a histogram's axis ticks, as the web draws them: where on the 0-100 track, and the text. */
  ticks?: { at: number; text: string }[];
  /** A histogram: its bars, count scale, middle-half band and key, placed as the web places them. */
  histogram?: HistogramPrint;
  /** Short keys for what direct labels cannot say: hatching of derived values, interval marks, a unit's axis. */
  keys: { derived?: string; interval?: string; scale?: string; low?: string; high?: string };
  /** Notes under the chart: the figure's caveat, then one per other source ("¹ Trade press: …"). */
  notes: string[];
}

const interval = (value: ValueInterval | undefined): PrintInterval | undefined =>
  value?.known ? { lo: round(value.low), hi: round(value.high), text: intervalText(value) } : undefined;

/**
 * A base's size kept on one line: "(n = 403)", "(survey of 403)", "(n not published)" and "n = 403" get
 * no-break spaces, as the web keeps them in one nowrap span.
 */
export function keepBaseTogether(text: string): string {
  // The converter's rules too: dates, amounts and counts stay whole in a chart's lines as in the text.
  return bindNumbers(
    text.replace(/\((?:n = \d+|n not published)\)|\bn = \d+|\bsurvey of \d+/g, (part) => part.replace(/ /g, '\u00a0')),
  );
}

/** Two decimals are plenty to place a mark; the model stays short and stable. */
const round = (x: number) => Math.round(x * 100) / 100;

/** The interval key: "95% interval (n = 403)", naming each edition's n where a paired figure's differ. */
function intervalKeyText(figure: Figure, editions: string[]): string | undefined {
  // A stacked bar draws no interval mark (see charts.typ): no key for one.
  if (figure.kind === 'stacked') return undefined;
  const sizes: [string, number | null | undefined][] = [[editions[0] ?? '', anyRowN(figure) ? baseN(figure) : null]];
  if (figure.kind === 'paired') sizes.push([editions[1] ?? '', anyRowN(figure, true) ? baseN(figure, true) : null]);
  const known = sizes.filter((s): s is [string, number] => typeof s[1] === 'number');
  if (known.length === 0) return undefined;
  if (known.length === sizes.length && known.every(([, n]) => n === known[0]![1])) {
    return intervalKey(known[0]![1]).lines.join(' ');
  }
  const named = known.map(([edition, n]) => `${edition}: n = ${n}`).join('; ');
  return `95% interval (${named}${known.length < sizes.length ? '; n of the other not published' : ''})`;
}

/** An end of a value axis in the figure's unit, as its ticks write it: whole, without a figure's decimals. */
const axisEnd = (figure: LocalizedFigure, value: number) =>
  formatValue(value, { ...unitSpec(figure), digits: undefined });

/** A figure as its JSON download publishes it: sources without their internal keys, intervals added. */
export type PublishedFigure = Omit<Figure, 'source' | 'rows'> & {
  source: Omit<Source, 'key'> & { key?: string };
  rows: (Omit<FigureRow, 'source'> & { source?: Omit<Source, 'key'> & { key?: string } })[];
};

/**
 * A figure with a key on every source: the published JSON drops the internal keys, and a row's footnote
 * mark depends on whether its source is the figure's, so a keyless source is keyed by what it says.
 */
function keyed(figure: Figure | PublishedFigure): Figure {
  const key = (source: Omit<Source, 'key'> & { key?: string }): Source => ({
    ...source,
    key: source.key ?? JSON.stringify([source.outlet, source.author, source.title, source.url, source.date]),
  });
  // Extra fields of the published JSON (ci95, series) are not read: intervals come from figureIntervals.
  return {
    ...figure,
    source: key(figure.source),
    // A download's chart parts (a nested bar's derived parts) are computed again from the answers, not read.
    rows: figure.rows
      .filter((row) => !('chartPart' in row && row.chartPart))
      .map((row) => (row.source ? { ...row, source: key(row.source) } : { ...row, source: undefined })),
  };
}

/**
 * The print chart of `input` (as in figures.json, or its published JSON), with the survey it comes from
 * for the source line and, where the base's size is unknown, the summary.
 */
/** A question as a sentence before the next: a full stop after a closing bracket or a bare word, none after “…?”. */
const sentence = (text: string) => (/[.?!][”’"')]?$/.test(text.trim()) ? text : `${text.trim()}.`);

export function printChartModel(
  input: Figure | PublishedFigure,
  survey: SurveyCredit,
  locale?: string,
): PrintChartModel {
  const figure: Figure & LocalizedFigure = { ...typesetFigure(keyed(input)), locale };
  // A share on its 0-100 track; another unit placed on its own axis (days from 0 to a round number, an NPS
  // from -100 to +100 with bars from zero), its values and interval in the unit.
  const share = isShare(figure);
  // A spread strip's axis is the web's (its percentiles, not their intervals): one rule for both.
  const histogram = isHistogram(figure);
  const axis = histogram ? histogramAxis(figure) : isSpread(figure) ? spreadAxis(figure) : figureAxis(figure);
  const at = (value: number) => (share ? value : round(axisPosition(axis, value)));
  const carried = (row: FigureRow): PrintInterval | undefined =>
    row.interval
      ? { lo: at(row.interval.low), hi: at(row.interval.high), text: carriedIntervalText(figure, row.interval) }
      : undefined;
  const marks = sourceMarks(figure);
  const intervals = figureIntervals(figure);
  const editions =
    figure.kind === 'paired' ? [...(figure.seriesLabels ?? ['current edition', 'previous edition'])] : [];
  const segmentRows = figure.kind === 'by-segment' && figure.segments ? figure.segments : undefined;
  // One value per group prints as grouped bars: all respondents in grey, then each group.
  const grouped = segmentRows && isGrouped(figure) ? groupedRows(figure).rows : undefined;
  // The split behind an NPS by group prints as the web draws it: one 100% bar per group.
  const stacks = isStackedRows(figure) ? printStackRows(figure) : undefined;
  // A scale's shares are one diverging bar on the web, with no interval marks (its table carries them): the
  // printed bars draw none either, and the appendix table carries them (round 11: the two disagreed).
  const scaleShares = figure.kind === 'bars' && scaleEnd(figure, 0) !== undefined;
  const totalRows: PrintChartRow[] = figure.rows.map((row, i) => {
    // A Wilson interval is a share's; another unit's interval is the one computed from responses.
    const value = scaleShares ? undefined : (carried(row) ?? (share ? interval(intervals[i]?.value) : undefined));
    const previous = interval(intervals[i]?.previous);
    // A scale's answers are coloured by end (bottom two, middle, top two), as the web draws them.
    const end = figure.kind === 'bars' ? scaleEnd(figure, i) : undefined;
    return {
      label: row.label + (marks.rows[i] ?? ''),
      value: at(row.value),
      valueText: barValue(figure, row.value),
      ...(row.previous === undefined ? {} : { previous: row.previous, previousText: formatPercent(row.previous) }),
      derived: row.derived,
      ...(value ? { interval: value } : {}),
      ...(previous && figure.kind === 'paired' ? { previousInterval: previous } : {}),
      ...(end ? { tone: end } : {}),
    };
  });
  const ends = figure.kind === 'bars' ? scaleEndTexts(figure) : undefined;
  const groupRow = (
    row: FigureRow,
    suppressed: boolean,
    tone?: 'comparison',
    segment?: NonNullable<Figure['segments']>[number],
  ): PrintChartRow => {
    const interval = carried(row);
    return {
      label: row.label,
      value: suppressed ? at(axis.origin) : at(row.value),
      valueText: suppressed ? '' : barValue(figure, row.value),
      derived: false,
      ...(interval && !suppressed ? { interval } : {}),
      ...(tone ? { tone } : {}),
      // Why this group has no value: too few answers, or withheld so that a smaller group's cannot be worked out.
      ...(suppressed ? { missing: fewerThan(figure, segment) } : {}),
    };
  };
  const rows: PrintChartRow[] = grouped
    ? grouped.map((row, i) =>
        groupRow(
          row,
          i > 0 && segmentRows![i - 1]!.rows[0]?.value === undefined,
          i === 0 ? 'comparison' : undefined,
          i > 0 ? segmentRows![i - 1] : undefined,
        ),
      )
    : totalRows;
  // Several values per group print as a small multiple: one panel per group, each beside all respondents.
  const panels =
    segmentRows && !grouped && !stacks
      ? segmentRows.map((segment) => ({
          title: `${segment.label}, n = ${segment.n}`,
          rows: figure.rows.flatMap((row) => {
            const cell = segment.rows.find((r) => r.label === row.label);
            const own = { ...row, value: cell?.value ?? 0, interval: cell?.interval };
            return [
              groupRow(own, cell?.value === undefined),
              // Unlabelled: the key names the grey bars once ("all respondents (n = 500) in grey").
              groupRow({ ...row, label: '' }, false, 'comparison'),
            ];
          }),
        }))
      : undefined;
  let start = 0;
  // A nested bar prints as the web draws it: its parts side by side, each named, the derived ones hatched
  // and said to be derived, the parts inside the outermost answer in the series colour.
  const parts =
    figure.kind === 'stacked' ? stackedSegments(figure) : figure.kind === 'nested' ? nestedSegments(figure) : [];
  const segments: PrintSegment[] = parts.map((segment) => {
    const out = {
      ...segment,
      // A derived part is named so where it is drawn, not only hatched (the key explains the hatching).
      name: segment.derived ? `${segment.name} (derived)` : segment.name,
      valueText: formatPercent(segment.value),
      start,
    };
    start += segment.value;
    return out;
  });
  const derived = figure.rows.some((row) => row.derived) || segments.some((segment) => segment.derived);
  // A nested bar prints as parts, and parts carry no interval mark: no key for one.
  // Groups each have their own n (named on their bars or panels): their key names none.
  const keyInterval = figure.kind === 'nested' || segmentRows ? undefined : intervalKeyText(figure, editions);
  return {
    id: figure.id,
    // A small multiple and grouped bars print as bars (in panels, or one bar per group).
    kind: histogram
      ? 'histogram'
      : isSpread(figure)
        ? 'spread'
        : stacks
          ? 'stacked-rows'
          : figure.kind === 'nested'
            ? 'stacked'
            : figure.kind === 'by-segment'
              ? 'bars'
              : figure.kind,
    title: figure.title,
    // In print, every note is short: "Reconstructed question" (the methodology says once what that means).
    subtitle: keepBaseTogether(
      `${figure.questionWording === 'published' ? 'Question' : 'Reconstructed question'}: ${sentence(questionText(figure))} ${figureSubtitle(figure)}.`,
    ),
    source: keepBaseTogether(figureSourceLine(figure, survey)),
    alt: figureSummary(figure, survey.respondents),
    rows,
    segments,
    // A nested figure's outermost published answer, drawn as a bracket over the parts it holds.
    ...(figure.kind === 'nested' && figure.rows[0]
      ? {
          bracket: {
            label: figure.rows[0].label + (marks.rows[0] ?? ''),
            value: figure.rows[0].value,
            valueText: formatPercent(figure.rows[0].value),
          },
        }
      : {}),
    editions,
    ...(panels ? { panels } : {}),
    ...(stacks ? { stackRows: stacks, stackKey: stackKeyParts(figure) } : {}),
    ...(segmentRows && !stacks
      ? {
          groupKey: grouped
            ? `${totalLabel(figure)} in grey, each group in colour`
            : `The ${(figure.segments?.[0]?.group ?? 'group').toLowerCase()} on each panel in colour, ${midSentence(totalLabel(figure))} (n = ${figure.base?.n ?? 'not known'}) in grey`,
        }
      : {}),
    ...(share ? {} : { origin: round(axisPosition(axis, axis.origin)) }),
    // A spread strip draws its own key (its line is the 10th to 90th percentile, not an interval) and ticks.
    ...(isSpread(figure) || histogram
      ? { ticks: axis.ticks.map((t) => ({ at: at(t), text: figureTick(figure, t) })) }
      : {}),
    ...(histogram ? { histogram: histogramPrint(figure) } : {}),
    keys: {
      ...(ends ? { low: ends.low, high: ends.high } : {}),
      ...(derived ? { derived: DERIVED_KEY } : {}),
      ...(keyInterval && !isSpread(figure) && !histogram && !scaleShares
        ? { interval: keepBaseTogether(keyInterval) }
        : {}),
      ...(keyInterval === undefined && !stacks && !scaleShares && figure.rows.some((row) => row.interval)
        ? { interval: '95% interval' }
        : {}),
      // The axis ends are round numbers, written whole ("30 days", not "30.0 days").
      // A count over a period names it once, at the end ("Axis from 0 to 15 a week"), as the web's last tick.
      ...(share
        ? {}
        : { scale: `Axis from ${axisEnd({ ...figure, per: undefined }, axis.min)} to ${axisEnd(figure, axis.max)}` }),
    },
    notes: [
      ...(figure.note ? [figure.note] : []),
      ...marks.notes.map(
        (note) =>
          `${note.mark} ${note.rows.join(', ')}: ${note.source.outlet ?? note.source.title}, “${note.source.title}”.`,
      ),
    ],
  };
}

/** One 100% bar per group (an NPS split, or shares drawn stacked), each part placed from where the last ends. */
function printStackRows(figure: Figure): PrintStackRow[] {
  return stackRows(figure, totalLabel(figure)).map((row) => {
    let start = 0;
    const parts = row.parts.map((part) => {
      const out = {
        name: part.name,
        value: round(part.value),
        valueText: part.text!,
        tone: part.tone,
        start: round(start),
      };
      start += part.value;
      return out;
    });
    return {
      label: keepBaseTogether(row.label),
      parts,
      ...(row.score ? { score: row.score, scoreInterval: row.scoreInterval } : {}),
      ...(row.missing ? { missing: row.missing } : {}),
      ...(row.total ? { total: true as const } : {}),
    };
  });
}

/**
 * A JSON value as a Typst literal (strings escaped, dictionaries with quoted keys), so a model can be
 * written into Typst source: `#print-chart(${toTypst(model)})`.
 */
export function toTypst(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  // JSON's escapes are Typst's, but for \uXXXX, which Typst writes \u{XXXX}.
  if (typeof value === 'string')
    return JSON.stringify(value).replace(/\\(u([0-9a-f]{4})|.)/gi, (escape: string, _: string, hex?: string) =>
      hex ? `\\u{${hex}}` : escape,
    );
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`toTypst: ${value} is not a finite number`);
    return `${value}`;
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `(${value.map(toTypst).join(', ')}${value.length === 1 ? ',' : ''})`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '(:)';
    return `(${entries.map(([k, v]) => `${JSON.stringify(k)}: ${toTypst(v)}`).join(', ')})`;
  }
  throw new TypeError(`toTypst: cannot write a ${typeof value}`);
}

import type { Figure } from '../schema/figure.ts';
import { wilsonInterval, type Interval } from '../stats/wilson.ts';
import { figureTable } from './describe.ts';
import { anyRowN, BASE_NOT_PUBLISHED, baseN, rowN } from './base.ts';
import { figureValue, isShare, unitSpec } from './unit.ts';
import { midSentence } from './summary.ts';

/**
 * The 95% intervals a figure shows: in the "About this data" table and as thin marks on bars. Computed
 * only where the dataset gives the base's size (`n`); where it is null there is no interval, and the page
 * says that the base is not published rather than assume one.
 */

/** The 95% Wilson interval of a share of `n` respondents, or undefined where `n` is not published. */
export function shareInterval(value: number, n: number | null | undefined): Interval | undefined {
  return typeof n === 'number' ? wilsonInterval(value, n) : undefined;
}

const bound = (value: number) => value.toFixed(1);

/** An interval as the table writes it, e.g. "52.1–61.8%"; why there is none where there is none. */
export function intervalText(interval: Interval | undefined, missing: string = BASE_NOT_PUBLISHED): string {
  return interval ? `${bound(interval.low)}–${bound(interval.high)}%` : missing;
}

/** The widest margin of error of a share of `n` respondents (at 50%), in points, e.g. "±4.9 points". */
export function marginOfError(n: number): string {
  const { low, high } = wilsonInterval(50, n);
  return `±${((high - low) / 2).toFixed(1)} points`;
}

/**
 * What is said of an interval of no width, a percentile of whole-number answers: "4 days at both ends" (the note
 * under the table says why), not "4 days to 4 days".
 */
export const coarseText = (value: string) => `${value} at both ends`;

/**
 * Two ends of a range, its unit written once where both ends carry the same one: "10.4 to 11.8 days", "8.4 to
 * 9.7 a week"; "1 day to 3 days" and "€1,200 to €1,500" keep theirs.
 */
export function rangeText(low: string, high: string): string {
  const unit = /^[−+-]?[\d.,\u00a0\u202f ]*\d(\D.*)$/.exec(high)?.[1];
  return unit && low.endsWith(unit) && /^[\s\u00a0\u202f]/.test(unit)
    ? `${low.slice(0, -unit.length)} to ${high}`
    : `${low} to ${high}`;
}

/**
 * An interval computed from responses, as the table writes it: a share's like `intervalText` ("52.1–61.8%"),
 * another unit's with its unit once ("11.2 to 13.9 days").
 */
export function carriedIntervalText(figure: Figure, interval: Interval): string {
  if (isShare(figure)) {
    // Its bounds rounded as the figure's values are: "30–38%" beside "34%" (see unitSpec).
    const digits = unitSpec(figure).digits ?? 1;
    return `${interval.low.toFixed(digits)}–${interval.high.toFixed(digits)}%`;
  }
  // A percentile of whole-number answers can have an interval of no width ("4 days to 4 days"): not a range.
  if (figure.survey?.wholeAnswers && interval.low === interval.high)
    return coarseText(figureValue(figure, interval.low));
  return rangeText(figureValue(figure, interval.low), figureValue(figure, interval.high));
}

/** One interval column of a figure's data table: its header and one cell per row. */
export interface IntervalColumn {
  header: string;
  cells: string[];
}

/**
 * The 95% interval columns of a figure's table: one for its values, and for a paired figure one more for
 * the previous edition, each of its own base. A column exists only where a source states its base's size;
 * a row from another source than the one stating it says "base not published" (it is not a share of that
 * base). Where no base's size is stated there is no column at all (the table says so once, under it).
 */
export function intervalColumns(figure: Figure, table = figureTable(figure)): IntervalColumn[] {
  // One cell per line of the figure's table, derived lines included.
  const lines = table.rows;
  const column = (header: string, previous: boolean): IntervalColumn => ({
    header,
    cells: lines.map((line, i) => {
      // A derived value (100 minus the published shares) was not measured: no interval of its own.
      if (line.derived) return 'derived';
      // A line with its own interval (a group's), or none and why (a suppressed group).
      if (!previous && line.missing !== undefined) return line.missing;
      if (!previous && line.interval) return carriedIntervalText(figure, line.interval);
      const row = figure.rows.find((r) => r.label === line.label) ?? figure.rows[i];
      if (!previous && row?.interval) return carriedIntervalText(figure, row.interval);
      // A Wilson interval is a share's: a mean or a median without a computed interval has none.
      if (!isShare(figure)) return 'not computed';
      const n = row ? rowN(figure, row, previous) : baseN(figure, previous);
      const value = previous ? (line.previous ?? 0) : line.value;
      return intervalText(shareInterval(value, n));
    }),
  });
  const current = anyRowN(figure) || figure.rows.some((row) => row.interval);
  const earlier = figure.kind === 'paired' && anyRowN(figure, true);
  if (figure.kind !== 'paired') return current ? [column('95% interval', false)] : [];
  const [now, before] = figure.seriesLabels ?? ['current edition', 'previous edition'];
  // An edition whose base size is not stated gets no column: the table's note says so.
  return [
    ...(current ? [column(`95% interval, ${midSentence(now)}`, false)] : []),
    ...(earlier ? [column(`95% interval, ${midSentence(before)}`, true)] : []),
  ];
}

import type { Figure } from '../schema/figure.ts';
import { wilsonInterval, type Interval } from '../stats/wilson.ts';
import { figureTable } from './describe.ts';

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

/** An interval as the table writes it, e.g. "52.1–61.8%"; "n not published" where there is none. */
export function intervalText(interval: Interval | undefined): string {
  return interval ? `${bound(interval.low)}–${bound(interval.high)}%` : 'n not published';
}

/** The widest margin of error of a share of `n` respondents (at 50%), in points, e.g. "±4.9 points". */
export function marginOfError(n: number): string {
  const { low, high } = wilsonInterval(50, n);
  return `±${((high - low) / 2).toFixed(1)} points`;
}

/** One interval column of a figure's data table: its header and one cell per row. */
export interface IntervalColumn {
  header: string;
  cells: string[];
}

/**
 * The 95% interval columns of a figure's table: one for its values, and for a paired figure one more for
 * the previous edition, each of its own base. A cell says "n not published" where its base's size is not;
 * where no base's size is published there is no column at all (the table says so once, under it).
 */
export function intervalColumns(figure: Figure, table = figureTable(figure)): IntervalColumn[] {
  // One cell per line of the figure's table, derived lines included.
  const lines = table.rows;
  // A derived value (100 minus the published shares) was not measured: no interval of its own.
  const column = (header: string, values: number[], n: number | null | undefined): IntervalColumn => ({
    header,
    cells: values.map((value, i) => (lines[i]?.derived ? 'derived' : intervalText(shareInterval(value, n)))),
  });
  const noneKnown = typeof figure.n !== 'number' && (figure.kind !== 'paired' || typeof figure.previousN !== 'number');
  if (noneKnown) return [];
  if (figure.kind !== 'paired')
    return [
      column(
        '95% interval',
        lines.map((r) => r.value),
        figure.n,
      ),
    ];
  const [current, previous] = figure.seriesLabels ?? ['current edition', 'previous edition'];
  // An edition whose base size is not published gets no column of "n not published": the table's note says so.
  return [
    ...(typeof figure.n === 'number'
      ? [
          column(
            `95% interval, ${current}`,
            lines.map((r) => r.value),
            figure.n,
          ),
        ]
      : []),
    ...(typeof figure.previousN === 'number'
      ? [
          column(
            `95% interval, ${previous}`,
            lines.map((r) => r.previous ?? 0),
            figure.previousN,
          ),
        ]
      : []),
  ];
}

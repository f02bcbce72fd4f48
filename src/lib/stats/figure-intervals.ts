import type { Figure, FigureRow } from '../schema/figure.ts';
import { BASE_NOT_PUBLISHED, figureBase, rowN } from '../chart/base.ts';
import { wilsonInterval, type Interval } from './wilson.ts';
import { formatPercent } from '../format.ts';

/**
 * The 95% interval of every value of a figure, from the one place the downloads, `<Stat>` and the content
 * check take it: a value's interval needs the number of respondents it is a share of, so a value whose base
 * no source publishes has none, and says so rather than borrowing another edition's n.
 */

/** How the intervals are computed, as the downloads and the docs name the method. */
export const INTERVAL_METHOD = '95% Wilson score interval';

/** How a figure's intervals were computed: the loader's method for an own-survey figure, else Wilson's. */
export function intervalMethod(figure: Pick<Figure, 'survey'>): string {
  return figure.survey?.intervalMethod ?? INTERVAL_METHOD;
}

/** What a value without an interval says where a source states its base but not the base's size. */
export const N_UNKNOWN = 'n not published';

/** Why a value has no interval: no source states its base, or (rarely) the base's size. */
export type NoIntervalReason = typeof N_UNKNOWN | typeof BASE_NOT_PUBLISHED;

/** A value's 95% interval, or the marker that its base is not published. */
export type ValueInterval =
  ({ known: true; value: number; n: number } & Interval) | { known: false; value: number; reason: NoIntervalReason };

/** The intervals of one row: of its value, and of its previous-edition value where it has one. */
export interface RowIntervals {
  label: string;
  value: ValueInterval;
  previous?: ValueInterval;
}

/** The interval of a share of `n` respondents, or "n not published" where n is null or missing. */
export function intervalOf(
  value: number,
  n: number | null | undefined,
  reason: NoIntervalReason = BASE_NOT_PUBLISHED,
): ValueInterval {
  return typeof n === 'number'
    ? { known: true, value, n, ...wilsonInterval(value, n) }
    : { known: false, value, reason };
}

/** The interval of one row's value (or previous value): over its base's stated size, else why there is none. */
export function rowValueInterval(figure: Figure, row: FigureRow, previous = false): ValueInterval {
  // A value computed from the responses carries its own interval (Wilson, bootstrap or NPS), in its unit.
  if (!previous && row.interval) return { known: true, value: row.value, n: figure.base?.n ?? 0, ...row.interval };
  const value = previous ? (row.previous ?? 0) : row.value;
  const n = rowN(figure, row, previous);
  // A base stated without its size, for a row of the source that states it: the size is what is missing.
  const stated = figureBase(figure, previous);
  const sameSource = (row.source?.key ?? figure.source.key) === (stated?.source ?? figure.source.key);
  return intervalOf(value, n, stated && sameSource ? N_UNKNOWN : BASE_NOT_PUBLISHED);
}

/**
 * Per row, in the figure's order: the interval of `value` (over the figure's `n`) and of `previous` (over
 * `previousN`, the previous edition's own base), each with "n not published" where that base is null or
 * missing. A derived row is a share of the same base, so it gets an interval too.
 */
export function figureIntervals(figure: Figure): RowIntervals[] {
  return figure.rows.map((row) => ({
    label: row.label,
    value: rowValueInterval(figure, row),
    ...(row.previous === undefined ? {} : { previous: rowValueInterval(figure, row, true) }),
  }));
}

/** One row's interval, of its value or (with `previous`) of its previous-edition value. */
export function rowInterval(figure: Figure, label: string, previous = false): ValueInterval | undefined {
  const row = figureIntervals(figure).find((r) => r.label === label);
  return previous ? row?.previous : row?.value;
}

/** An interval bound as the downloads give it: one decimal, e.g. 59.3 (a computed value, not a published one). */
export function roundBound(bound: number): number {
  return Math.round(bound * 10) / 10;
}

/** An interval as prose shows it, in whole points: "59–69%" (an en dash, no spaces). */
export function formatInterval(interval: Interval): string {
  return `${Math.round(interval.low)}–${Math.round(interval.high)}%`;
}

/**
 * A value and its interval as a check's message names them, in the figure's unit: "39%, 95% interval
 * 34–44%", or for a computed figure of another unit "11 days, 95% interval 10.4–11.8 days".
 */
export function describeInterval(interval: Interval & { value: number }, unit: Figure['unit'] = 'percent'): string {
  if (unit === 'percent') return `${formatPercent(interval.value)}, 95% interval ${formatInterval(interval)}`;
  const suffix = unit === 'days' ? ' days' : unit === 'currency' ? ' (currency)' : '';
  return `${interval.value}${suffix}, 95% interval ${interval.low}–${interval.high}${suffix}`;
}

/**
 * Whether the change between two editions' shares (separate samples) is within the combined margin: the
 * 95% interval of the difference, by Newcombe's hybrid score method (his method 10, built from the two
 * Wilson intervals), contains zero.
 */
export function changeWithinMargin(
  current: Interval & { value: number },
  earlier: Interval & { value: number },
): boolean {
  const difference = current.value - earlier.value;
  const below = Math.hypot(current.value - current.low, earlier.high - earlier.value);
  const above = Math.hypot(current.high - current.value, earlier.value - earlier.low);
  return difference - below <= 0 && 0 <= difference + above;
}

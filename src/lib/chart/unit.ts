import type { Figure } from '../schema/figure.ts';
import { capitalized, formatPercent, formatTick, formatValue, unitNoun, type UnitSpec } from '../format.ts';
import { valueAxis, type ValueAxis } from './axis.ts';

/**
 * A figure's unit as every output writes it: charts, tables, `<Stat>`, summaries, the PDF and images all
 * format a value through here, so a count is never written with a "%" and a share is.
 */

/** A figure, with the language of its series where the build attached it (`series.yaml` `language`). */
export type LocalizedFigure = Pick<Figure, 'unit' | 'currency' | 'scale'> &
  Partial<Pick<Figure, 'per'>> &
  Partial<Pick<Figure, 'survey' | 'rows' | 'segments'>> & { locale?: string | undefined };

/** The scale of a Net Promoter Score: the share of promoters minus the share of detractors. */
const NPS_SCALE = { min: -100, max: 100 };

/** How a figure's values are written. */
export function unitSpec(figure: LocalizedFigure): UnitSpec {
  const scale = figure.scale ?? (figure.survey?.compute === 'nps' ? NPS_SCALE : undefined);
  return {
    unit: figure.unit,
    currency: figure.currency,
    scale,
    locale: figure.locale,
    digits: computedDigits(figure),
    ...(figure.per ? { per: figure.per } : {}),
  };
}

/** Half an interval's width beyond which a computed value is written to whole numbers, in its unit. */
export const WHOLE_BEYOND = 2;

/**
 * The decimals of a value computed from the series' own responses, on pages, cards and charts: one precision for
 * the whole figure, its total and every group, the coarsest any of its values needs. Whole numbers where any
 * value's 95% interval is wider than ±2 (points of a share or a Net Promoter Score, days, a count, a mean rating:
 * a tenth would claim a precision the data lack), else one decimal, always written ("34.0%", "11.0 days"; never
 * "30–38.3%"). The downloads keep the unrounded value and the report's appendix tables one decimal (see
 * `exactDigits`). A published figure is written as its source wrote it.
 */
export function computedDigits(figure: {
  survey?: unknown;
  rows?: readonly { value?: number; interval?: { low: number; high: number } | undefined }[];
  segments?: readonly { rows: readonly { value?: number; interval?: { low: number; high: number } | undefined }[] }[];
}): number | undefined {
  if (!figure.survey) return undefined;
  const all = [...(figure.rows ?? []), ...(figure.segments ?? []).flatMap((segment) => segment.rows)];
  const wide = all.some(
    (row) => row.interval !== undefined && (row.interval.high - row.interval.low) / 2 > WHOLE_BEYOND,
  );
  return wide ? 0 : 1;
}

/** A computed figure's values to one decimal, as the downloads and the appendix tables keep them. */
export const exactDigits = (spec: UnitSpec, figure: LocalizedFigure): UnitSpec =>
  figure.survey && spec.digits !== undefined ? { ...spec, digits: 1 } : spec;

/** One value of the figure in its unit: "57%", "12.5 days", "€1,250", "+23". */
export function figureValue(figure: LocalizedFigure, value: number): string {
  // A percentile of whole-number answers is itself an answer: "9 days", not "9.0 days".
  const whole = figure.survey?.wholeAnswers === true && Number.isInteger(value);
  return formatValue(value, whole ? { ...unitSpec(figure), digits: 0 } : unitSpec(figure));
}

/**
 * A share as the figure's chart writes it: a value computed from responses at the figure's one precision ("78%",
 * not "77.95%"), what a screen reader hears in its summary; a published share as the dataset types it.
 */
export function shareValue(figure: LocalizedFigure, value: number): string {
  return figure.survey ? figureValue(figure, value) : formatPercent(value);
}

/**
 * The last tick of the figure's value axis, with the unit the other ticks leave out ("25 days"; a share's ticks
 * carry "%" already): whole, as a tick is, not with the decimals of the figure's values.
 */
export function figureAxisEnd(figure: LocalizedFigure, value: number): string {
  const spec = unitSpec(figure);
  // A count has no unit word to add: its last tick is written as the others ("12"). A count over a period names
  // its period there, once ("15 a week"), and its bars' values are bare ("9.1", see `barValue`): "a week" on every
  // bar said it four times (review round 10). Days keep the tick's own decimals ("12.5 days", "25 days").
  if (spec.unit === 'count' && spec.per) return formatValue(value, { ...spec, digits: 0 });
  if (spec.unit !== 'days') return figureTick(figure, value);
  return formatValue(value, { ...spec, digits: Number.isInteger(value) ? 0 : 1 });
}

/**
 * A value as written at the end of its bar: as `figureValue` writes it, but a count over a period bare ("9.1"),
 * its period named once at the axis' end ("15 a week", see `figureAxisEnd`). Text, tables and downloads keep
 * "9.1 a week".
 */
export function barValue(figure: LocalizedFigure, value: number): string {
  return figure.unit === 'count' && figure.per
    ? figureValue({ ...figure, per: undefined }, value)
    : figureValue(figure, value);
}

/**
 * A value without the words of its unit ("4.3" for "4.3 a week", "11.0" for "11.0 days"), for a sentence that
 * writes the unit once (`<Stat unitless>`); a share, money and a score keep their signs ("57%", "€1,200", "+12").
 */
export function bareValue(figure: LocalizedFigure, value: number): string {
  const text = figureValue(figure, value);
  return figure.unit === 'count' || figure.unit === 'days' ? text.replace(/[\s\u00a0\u202f]+\D+$/, '') : text;
}

/** One tick of the figure's value axis. */
export function figureTick(figure: LocalizedFigure, value: number): string {
  return formatTick(value, unitSpec(figure));
}

/** Whether the figure's values are shares of a base (percent), the only unit a part-of-100 bar can draw. */
export const isShare = (figure: Pick<Figure, 'unit'>) => figure.unit === 'percent';

/** The header of a table's value column: "Share" for percentages, else what the unit measures ("Number of days"). */
export function valueHeader(figure: LocalizedFigure): string {
  return capitalized(unitNoun(unitSpec(figure)));
}

/** The value axis of a figure's chart: every value and every carried interval bound stays on it. */
export function figureAxis(
  figure: LocalizedFigure & Pick<Figure, 'rows'> & Partial<Pick<Figure, 'segments'>>,
): ValueAxis {
  const values = figure.rows.flatMap((row) => [
    row.value,
    ...(row.previous === undefined ? [] : [row.previous]),
    ...(row.interval ? [row.interval.low, row.interval.high] : []),
  ]);
  // A figure drawn by group draws each group's values and intervals on the same axis: it must hold them too.
  const groups = (figure.segments ?? []).flatMap((segment) =>
    segment.rows.flatMap((row) => [
      ...(row.value === undefined ? [] : [row.value]),
      ...(row.interval ? [row.interval.low, row.interval.high] : []),
    ]),
  );
  // A share computed from the series' own responses ends at the first round tick above its data (see valueAxis).
  return valueAxis({ ...unitSpec(figure), fit: figure.survey !== undefined }, [...values, ...groups]);
}

import type { Figure } from '../../schema/figure.ts';
import { respondentsText, shareOfText } from '../summary.ts';
import { anyRowN, baseN, rowN } from '../base.ts';
import { derivedKey, intervalKey, keyEntry, type Fill, type KeyEntry } from '../shared.ts';
import { figureValue, isShare, shareValue, unitSpec, valueHeader } from '../unit.ts';
import { unitNoun } from '../../format.ts';
import { bandChart, bandLayout, bandSvg, bandTable, type BandSeries } from './banded.ts';
import type { ChartKindModule } from './types.ts';
import { isSpread, spreadLayout, spreadSummary, spreadSvg } from './spread.ts';
import { histogramLayout, histogramSummary, histogramSvg, isHistogram } from './histogram.ts';
import { divergingLayout, divergingSummary, divergingSvg } from './diverging.ts';

/**
 * "bars": ranked shares, one bar per answer, each with its 95% interval where the base's size is known. The
 * first row is the finding (the chart's title states it): its bar is the series blue, the others muted grey,
 * as the first segment of a stacked bar. An editor puts the finding first.
 */

/** The colour of row `i`'s bar: the finding's (the first row) in the series colour, the others muted. */
export const barsRowFill = (i: number): Fill => (i === 0 ? 1 : 'mid');

/**
 * A scale question's shares (rows in the scale's order, at least four) are drawn in diverging order, as Pew
 * draws Likert bars: the bottom two answers in the second series colour, the top two in the first, any middle
 * grey. Returns which end row `i` is on, or undefined for a figure that is not a scale's.
 */
export function scaleEnd(figure: Figure, i: number): 'low' | 'high' | 'middle' | undefined {
  const n = figure.rows.length;
  if (figure.survey?.ordered !== true || n < 4) return undefined;
  return i < 2 ? 'low' : i >= n - 2 ? 'high' : 'middle';
}

/** The sums of a scale's bottom two and top two answers, written as the bars' values: "Very dissatisfied or Dissatisfied, 23%". */
export function scaleEndTexts(figure: Figure): { low: string; high: string } | undefined {
  if (scaleEnd(figure, 0) === undefined) return undefined;
  const n = figure.rows.length;
  const text = (rows: Figure['rows']) =>
    `${rows.map((r) => r.label).join(' or ')}, ${figureValue(
      figure,
      rows.reduce((sum, r) => sum + r.value, 0),
    )}`;
  return { low: text(figure.rows.slice(0, 2)), high: text(figure.rows.slice(n - 2)) };
}

const SCALE_FILLS = { low: 2, high: 1, middle: 'mid' } as const;

const value = (row: Figure['rows'][number]) => row.value;
const series = (figure: Figure): BandSeries[] => [
  {
    name: figure.seriesLabels?.[0] ?? figure.title,
    value,
    fill: 1,
    rowFill: (i) => {
      const end = scaleEnd(figure, i);
      return end ? SCALE_FILLS[end] : barsRowFill(i);
    },
    n: (i: number) => rowN(figure, figure.rows[i]!),
    marksDerived: true,
  },
];

/** The key of a bar chart: only the hatching and the interval marks need one. */
export function barsKey(figure: Figure): KeyEntry[] {
  const carried = figure.rows.some((row) => row.interval);
  const interval = anyRowN(figure)
    ? [intervalKey(baseN(figure)!)]
    : carried
      ? [keyEntry('interval', '95% interval')]
      : [];
  const derived = figure.rows.findIndex((row) => row.derived);
  const ends = scaleEndTexts(figure);
  return [
    ...(ends ? [keyEntry('fill-2', ends.low), keyEntry('fill-1', ends.high)] : []),
    ...(derived === -1 ? [] : [derivedKey(barsRowFill(derived))]),
    ...interval,
  ];
}

/**
 * The summary of a chart of values in a unit other than percent: what they measure, of whom, and each
 * value with its 95% interval where it has one. "Bar chart of the number of days, all respondents
 * (n = 500): Mean 12.5 days (95% interval 11.2 days to 13.9 days), Median 10 days."
 */
export function unitSummary(figure: Figure, lead: string | undefined, surveySize?: number): string {
  const parts = figure.rows.map((row) => {
    const interval = row.interval
      ? ` (95% interval ${figureValue(figure, row.interval.low)} to ${figureValue(figure, row.interval.high)})`
      : '';
    return `${row.label} ${figureValue(figure, row.value)}${interval}`;
  });
  const noun = unitNoun(unitSpec(figure));
  // A chart says what it is ("Bar chart of the number of days, …"); a lone value starts with what it measures.
  const what = lead ? `${lead} of the ${noun}` : noun.charAt(0).toUpperCase() + noun.slice(1);
  return `${what}, ${respondentsText(figure, surveySize)}: ${parts.join(', ')}.`;
}

export const bars: ChartKindModule<'bars'> = {
  kind: 'bars',
  description: 'ranked shares',
  barThickness: 22,
  validate() {},
  // A histogram of a number's answers (compute "histogram") is drawn as counts per bin; a spread (compute "spread")
  // as a strip on the unit's axis, not as bars; a scale's answers as one diverging bar.
  layout: (figure) =>
    isHistogram(figure)
      ? histogramLayout(figure)
      : isSpread(figure)
        ? spreadLayout(figure)
        : scaleEnd(figure, 0)
          ? divergingLayout(figure)
          : bandLayout(figure, 'bars', bars.barThickness, 1, barsKey(figure)),
  svg: (figure, layout) =>
    isHistogram(figure)
      ? histogramSvg(figure, layout)
      : isSpread(figure)
        ? spreadSvg(figure, layout)
        : scaleEnd(figure, 0)
          ? divergingSvg(figure, layout)
          : bandSvg(figure, layout, series(figure)),
  // A scale's answers have no one finding: each end is coloured.
  chart: (figure) => ({ ...bandChart(figure, series(figure)), ...(scaleEnd(figure, 0) ? {} : { finding: 0 }) }),
  summary(figure, surveySize) {
    if (isHistogram(figure)) return histogramSummary(figure, surveySize);
    if (isSpread(figure)) return spreadSummary(figure, surveySize);
    if (scaleEnd(figure, 0)) return divergingSummary(figure, surveySize);
    if (!isShare(figure)) return unitSummary(figure, 'Bar chart', surveySize);
    const parts = figure.rows.map((r) => `${r.label} ${shareValue(figure, r.value)}${r.derived ? ' (derived)' : ''}`);
    const multi =
      figure.multiSelect === true ? ' Respondents could pick several answers, so shares add to more than 100%.' : '';
    return `Bar chart of the ${shareOfText(figure, surveySize)}: ${parts.join(', ')}.${multi}`;
  },
  table: (figure) => bandTable(figure, [{ name: valueHeader(figure), value }]),
};

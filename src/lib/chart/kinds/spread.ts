import type { Figure } from '../../schema/figure.ts';
import { axisPosition, type ValueAxis } from '../axis.ts';
import {
  CHART,
  keyEntry,
  keyHeight,
  pct,
  svgKey,
  svgPlot,
  svgText,
  type ChartLayout,
  type KeyEntry,
} from '../shared.ts';
import { figureAxis, figureAxisEnd, figureTick, figureValue } from '../unit.ts';
import { respondentsText } from '../summary.ts';
import { SPREAD_ROWS } from '../../survey/spread-rows.ts';
import { carriedIntervalText, rangeText } from '../interval.ts';

/**
 * The shape of a number's answers (a figure computed with `"compute": "spread"`), drawn as a box-plot-like
 * strip on the unit's axis rather than as bars from zero: a box over the middle half of the answers (lower to
 * upper quartile), a line out to the 10th and 90th percentiles (a long tail shows as a long line on one side),
 * a tick across the box at the median, labelled above the strip, and a diamond at the mean, labelled under it
 * (two labels a few days apart never meet, and no line joins a label it does not belong to), with the mean's 95%
 * interval as a short capped bar across its diamond, keyed "Mean, with its 95% interval". Grid lines run
 * only across the strip, never through a label. The "bars" kind draws a spread figure this way; its table and
 * downloads keep every value with its interval.
 */

/** Whether `figure` is a spread, drawn as a strip. */
export const isSpread = (figure: Pick<Figure, 'survey'>) => figure.survey?.compute === 'spread';

/** The median's label row, then the strip, then the mean's label row, then the axis. */
const STRIP_TOP = CHART.lineHeight + 6;
const STRIP = 24;
const MEAN_BASELINE = STRIP_TOP + STRIP + 6 + 13;

/** A value as the key writes it, its number and unit held together by a no-break space ("6 days"). */
const unbroken = (text: string) => text.replace(/ /g, '\u00a0');

const valueOf = (figure: Figure, label: string) => figure.rows.find((r) => r.label === label)?.value ?? 0;

/** The mean's 95% interval, computed with the figure (drawn as a bar across the mean's diamond). */
const meanInterval = (figure: Figure) => figure.rows.find((r) => r.label === 'Mean')?.interval;

function spreadKey(figure: Figure): KeyEntry[] {
  const v = (label: string) => figureValue(figure, valueOf(figure, label));
  // "(6 to 14 days)", kept on one line: its unit once, never "days" alone at the start of a line.
  const range = (low: string, high: string) => unbroken(rangeText(v(low), v(high)));
  return [
    keyEntry(
      'box',
      `Middle half of the answers, lower to upper quartile (${range('Lower quartile', 'Upper quartile')})`,
    ),
    keyEntry('interval', `10th to 90th percentile (${range('10th percentile', '90th percentile')})`),
    ...(meanInterval(figure)
      ? [
          keyEntry(
            'mean',
            `Mean, with its 95% interval (${unbroken(carriedIntervalText(figure, meanInterval(figure)!))})`,
          ),
        ]
      : []),
  ];
}

export function spreadLayout(figure: Figure): ChartLayout {
  const key = spreadKey(figure);
  const plotHeight = MEAN_BASELINE + 6;
  return {
    kind: figure.kind,
    height: plotHeight + CHART.axisHeight + 8 + keyHeight(key),
    plotHeight,
    band: STRIP,
    labels: [],
    key,
    barThickness: STRIP,
  };
}

/** How a label at `x`% of the axis is anchored so that it stays inside the chart. */
const anchorAt = (x: number) => (x < 25 ? 'start' : x > 75 ? 'end' : 'middle');

/**
 * The axis of a spread strip, on the web and in print (one rule for both: review 7 found 0–20 on the page and 0–25
 * in the PDF): it spans the strip's own values, the 10th to the 90th percentile, not their intervals, which the
 * strip does not draw.
 */
export function spreadAxis(figure: Figure): ValueAxis {
  return figureAxis({ ...figure, rows: figure.rows.map((r) => ({ ...r, interval: undefined })) });
}

export function spreadSvg(figure: Figure, layout: ChartLayout): string {
  const axis = spreadAxis(figure);
  const at = (label: string) => axisPosition(axis, valueOf(figure, label));
  const mid = STRIP_TOP + STRIP / 2;
  const line = (cls: string, x1: number, x2: number, y1: number, y2: number, extra = '') =>
    `<line class="${cls}" x1="${pct(x1)}" x2="${pct(x2)}" y1="${y1}" y2="${y2}"${extra} />`;
  const [p10, q1, median, mean, q3, p90] = SPREAD_ROWS.map(([label]) => at(label)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const carried = meanInterval(figure);
  const interval = carried && { low: axisPosition(axis, carried.low), high: axisPosition(axis, carried.high) };
  const label = (name: string, x: number, baseline: number) =>
    svgText(
      pct(x),
      baseline,
      `${name} ${figureValue(figure, valueOf(figure, name))}`,
      `class="mt-chart-value" text-anchor="${anchorAt(x)}"`,
    );
  const body = [
    // The whiskers: 10th to 90th percentile, capped.
    `<g class="mt-chart-interval-mark">${line('mt-chart-interval', p10, p90, mid, mid)}${line('mt-chart-interval', p10, p10, mid - 6, mid + 6)}${line('mt-chart-interval', p90, p90, mid - 6, mid + 6)}</g>`,
    // The box: the middle half of the answers.
    `<rect class="mt-chart-track mt-chart-stroke-1" stroke-width="1.5" x="${pct(q1)}" y="${STRIP_TOP}" width="${pct(q3 - q1)}" height="${STRIP}" />`,
    // The median: a solid tick across the box only, its label right above the box.
    line('mt-chart-stroke-1', median, median, STRIP_TOP, STRIP_TOP + STRIP, ' stroke-width="3"'),
    label('Median', median, 13),
    // The mean's 95% interval: a bar in the series colour across the strip, capped, under the diamond.
    ...(interval
      ? [
          `<g class="mt-chart-mean-interval"><rect class="mt-chart-fill-1" x="${pct(interval.low)}" y="${mid - 2}" width="${pct(interval.high - interval.low)}" height="4" />${line('mt-chart-stroke-1', interval.low, interval.low, mid - 7, mid + 7, ' stroke-width="2"')}${line('mt-chart-stroke-1', interval.high, interval.high, mid - 7, mid + 7, ' stroke-width="2"')}</g>`,
        ]
      : []),
    // The mean: a diamond on the strip, its label right under it.
    `<svg x="${pct(mean)}" y="${mid}" width="1" height="1" overflow="visible"><path class="mt-chart-fill-1 mt-chart-stroke-1" d="M0,-7 L7,0 L0,7 L-7,0 Z" /></svg>`,
    label('Mean', mean, MEAN_BASELINE),
  ].join('');
  const plot = svgPlot(
    layout.plotHeight,
    body,
    0,
    0,
    CHART.barArea * 100,
    { axis, tick: (t) => figureTick(figure, t), end: (t) => figureAxisEnd(figure, t) },
    [[STRIP_TOP - 2, STRIP_TOP + STRIP + 2]],
  );
  return [plot, svgKey(figure.id, layout.key, layout.plotHeight + CHART.axisHeight + 8)].join('');
}

/** What a screen reader hears in place of the strip. */
export function spreadSummary(figure: Figure, surveySize?: number): string {
  const v = (label: string) => figureValue(figure, valueOf(figure, label));
  return `Strip of the answers, ${respondentsText(figure, surveySize)}: the middle half lies between ${v('Lower quartile')} and ${v('Upper quartile')}, the median is ${v('Median')} and the mean ${v('Mean')}; 10th percentile ${v('10th percentile')}, 90th percentile ${v('90th percentile')}.`;
}

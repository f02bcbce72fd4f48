import type { Figure } from '../../schema/figure.ts';
import { capitalized, formatPercent } from '../../format.ts';
import { shareInterval } from '../interval.ts';
import { axisPosition, valueAxis } from '../axis.ts';
import { figureAxis, figureTick, figureValue, isShare, valueHeader } from '../unit.ts';
import { unitSummary } from './bars.ts';
import { midSentence, respondentsText } from '../summary.ts';
import { anyRowN, baseN, rowN } from '../base.ts';
import {
  hatchId,
  CHART,
  derivedKey,
  intervalKey,
  keyHeight,
  pct,
  svgHatch,
  svgInterval,
  svgKey,
  svgText,
  keyEntry,
  wrapLabel,
  type ChartLayout,
} from '../shared.ts';
import { bandTable } from './banded.ts';
import type { ChartKindModule } from './types.ts';

/**
 * "number": one published value on a number line: a thin axis over the unit's scale (a share from 0 to
 * 100%), a dot at the value and the value written large over the dot, with its label under the line. About
 * 100 px tall. Not a filled bar in a grey track (issue 20 round 10: that drew the sentence's number as a
 * bar chart of one) nor a poster-sized number. A derived value's dot is hatched; an interval is drawn
 * along the line.
 */

/** Size of the number, in px. */
const NUMBER_SIZE = 32;
/** The line's height from the top, under the number. */
const LINE_Y = NUMBER_SIZE + 14;
/** Radius of the value's dot, in px. */
const DOT = 6;
/** Where the label's first line sits: under the line and the scale's ends. */
const LABEL_Y = LINE_Y + DOT + 18 + CHART.lineHeight;

const row = (figure: Figure) => figure.rows[0]!;

function numberKey(figure: Figure) {
  const interval = anyRowN(figure)
    ? [intervalKey(baseN(figure)!)]
    : row(figure).interval
      ? [keyEntry('interval', '95% interval')]
      : [];
  return [...(row(figure).derived ? [derivedKey(1)] : []), ...interval];
}

/** The value's 95% interval: its own, else a share's from its stated base; none without one. */
const intervalOf = (figure: Figure) => {
  const value = row(figure);
  return value.interval ?? (isShare(figure) ? shareInterval(value.value, rowN(figure, value)) : undefined);
};

/** The number's anchor over its dot: near an end of the line it runs inward, so it stays inside the chart. */
const anchorAt = (at: number) => (at < 12 ? 'start' : at > 88 ? 'end' : 'middle');

/**
 * The figure as its "number" chart shows it on a trend's page: labelled with the trend's `keyFigure.counts`
 * ("Waited a month or more"), in the past tense as the findings are, where the trend has one; else as it
 * is. The dataset's row label (the source's wording, in the table and the summary) is not changed.
 */
export function numberChartFigure(figure: Figure, counts: string | undefined): Figure {
  if (figure.kind !== 'number' || !counts) return figure;
  return { ...figure, rows: [{ ...row(figure), label: capitalized(counts) }] };
}

export const number: ChartKindModule<'number'> = {
  kind: 'number',
  description: 'one value as a number on a 0–100 number line',
  barThickness: DOT * 2,
  validate(figure, report) {
    if (figure.rows.length !== 1) {
      report(['rows'], `of a "number" figure must hold exactly one value, but hold ${figure.rows.length}; use "bars"`);
    }
    figure.rows.forEach((r, i) => {
      if (r.previous !== undefined) {
        report(['rows', i, 'previous'], 'is not shown by a "number" figure: use "paired" to compare editions');
      }
    });
  },
  layout(figure): ChartLayout {
    const labels = [wrapLabel(row(figure).label)];
    const key = numberKey(figure);
    const plotHeight = LABEL_Y - CHART.lineHeight + 6 + labels[0]!.length * CHART.lineHeight;
    return {
      kind: 'number',
      height: plotHeight + keyHeight(key),
      plotHeight,
      band: LINE_Y,
      labels,
      key,
      barThickness: DOT * 2,
    };
  },
  svg(figure, layout) {
    const value = row(figure);
    // A share on 0–100% (a single share is a part of the whole, computed or published); another unit on its axis
    // (an NPS from -100 to 100, days from zero).
    const axis = isShare(figure) ? valueAxis({ unit: 'percent' }, []) : figureAxis(figure);
    const at = (v: number) => axisPosition(axis, v);
    const x = at(value.value);
    const interval = intervalOf(figure);
    const big = svgText(
      pct(x),
      NUMBER_SIZE - 4,
      figureValue(figure, value.value),
      `class="mt-number-value" font-size="${NUMBER_SIZE}" text-anchor="${anchorAt(x)}"`,
    );
    const ends = [
      svgText(0, LINE_Y + DOT + 14, figureTick(figure, axis.min), 'class="mt-chart-tick"'),
      svgText('100%', LINE_Y + DOT + 14, figureTick(figure, axis.max), 'class="mt-chart-tick" text-anchor="end"'),
    ];
    const zero =
      axis.zeroLine && axis.min < 0
        ? [
            `<line class="mt-chart-zero" x1="${pct(at(axis.origin))}" x2="${pct(at(axis.origin))}" y1="${LINE_Y - DOT}" y2="${LINE_Y + DOT}" />`,
          ]
        : [];
    const dot = value.derived
      ? `<circle class="mt-number-dot derived" cx="${pct(x)}" cy="${LINE_Y}" r="${DOT}" fill="url(#${hatchId(figure.id, 1)})" />`
      : `<circle class="mt-number-dot" cx="${pct(x)}" cy="${LINE_Y}" r="${DOT}" />`;
    const line = [
      `<line class="mt-number-axis" x1="0" x2="100%" y1="${LINE_Y}" y2="${LINE_Y}" />`,
      `<line class="mt-number-axis" x1="0" x2="0" y1="${LINE_Y - 4}" y2="${LINE_Y + 4}" />`,
      `<line class="mt-number-axis" x1="100%" x2="100%" y1="${LINE_Y - 4}" y2="${LINE_Y + 4}" />`,
      ...zero,
      interval ? svgInterval({ low: at(interval.low), high: at(interval.high) }, LINE_Y - 8, 16) : '',
      dot,
      ...ends,
    ].join('');
    const label = layout.labels[0]!.map((text, i) =>
      svgText(0, LABEL_Y + i * CHART.lineHeight, text, 'class="mt-number-label"'),
    );
    return [
      svgHatch(figure.id, value.derived ? [1] : []),
      `<g class="mt-number">`,
      big,
      line,
      ...label,
      '</g>',
      svgKey(figure.id, layout.key, layout.plotHeight),
    ].join('');
  },
  chart: (figure) => ({
    labels: [row(figure).label],
    datasets: [{ label: figure.title, data: [row(figure).value], fill: 0 }],
    values: [[figureValue(figure, row(figure).value)]],
    stacked: false,
    callout: true,
  }),
  summary(figure, surveySize) {
    if (!isShare(figure)) return unitSummary(figure, undefined, surveySize);
    const value = row(figure);
    const derived = value.derived ? ' (derived)' : '';
    return `${formatPercent(value.value)}${derived} of ${respondentsText(figure, surveySize)}: ${midSentence(value.label)}.`;
  },
  table: (figure) => bandTable(figure, [{ name: valueHeader(figure), value: (r) => r.value }]),
};

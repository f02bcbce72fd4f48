import type { Figure } from '../../schema/figure.ts';
import { formatPercent } from '../../format.ts';
import { shareInterval } from '../interval.ts';
import { axisPosition } from '../axis.ts';
import { figureAxis, figureTick, figureValue, isShare, valueHeader } from '../unit.ts';
import { unitSummary } from './bars.ts';
import { midSentence, respondentsText } from '../summary.ts';
import { anyRowN, baseN, rowN } from '../base.ts';
import {
  barFill,
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
 * "number": one published value, drawn compactly as a number over a thin part-of-100 bar (the share
 * against the whole base), with its label under it: about 100 px tall, not a lone bar on a 0–100% axis
 * nor a poster-sized number. A share without an interval is the number over its label alone (drawsBar).
 */

/** Size of the number, in px. */
const NUMBER_SIZE = 32;
const BAR_TOP = NUMBER_SIZE + 8;
const BAR = 12;

const row = (figure: Figure) => figure.rows[0]!;

function numberKey(figure: Figure) {
  const interval = anyRowN(figure)
    ? [intervalKey(baseN(figure)!)]
    : row(figure).interval
      ? [keyEntry('interval', '95% interval')]
      : [];
  return [...(row(figure).derived ? [derivedKey(1)] : []), ...interval];
}

/** Room under the bar for the ends of a unit's scale ("-100", "+100"), which a part-of-100 bar does not need. */
const scaleLine = (figure: Figure) => (isShare(figure) ? 0 : CHART.lineHeight);

/** The value's 95% interval: its own, else a share's from its stated base; none without one. */
const intervalOf = (figure: Figure) => {
  const value = row(figure);
  return value.interval ?? (isShare(figure) ? shareInterval(value.value, rowN(figure, value)) : undefined);
};

/**
 * Whether the number stands over a bar. A share with no interval and not derived is a number line, the number
 * over its label (issue 20 round 9: one bar against a grey track drew as a chart what the article's sentence
 * states); the bar stays where it shows more than the number: an interval, a derived value's hatching, a
 * scale other than 0–100%.
 */
const drawsBar = (figure: Figure) => !isShare(figure) || row(figure).derived || intervalOf(figure) !== undefined;

export const number: ChartKindModule<'number'> = {
  kind: 'number',
  description: 'one value as a number on a part-of-100 bar',
  barThickness: BAR,
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
    const top = drawsBar(figure) ? BAR_TOP + BAR + 8 + scaleLine(figure) : NUMBER_SIZE + 4;
    const plotHeight = top + labels[0]!.length * CHART.lineHeight;
    return {
      kind: 'number',
      height: plotHeight + keyHeight(key),
      plotHeight,
      band: drawsBar(figure) ? BAR_TOP + BAR : NUMBER_SIZE,
      labels,
      key,
      barThickness: BAR,
    };
  },
  svg(figure, layout) {
    const value = row(figure);
    const big = svgText(
      0,
      NUMBER_SIZE - 4,
      figureValue(figure, value.value),
      `class="mt-number-value" font-size="${NUMBER_SIZE}"`,
    );
    // A share on a part-of-100 bar; another unit on its axis (an NPS from -100 to 100, a bar from zero).
    const axis = figureAxis(figure);
    const at = (v: number) => axisPosition(axis, v);
    const origin = at(axis.origin);
    const interval = intervalOf(figure);
    const left = Math.min(origin, at(value.value));
    const ends = isShare(figure)
      ? []
      : [
          svgText(0, BAR + 16, figureTick(figure, axis.min), 'class="mt-chart-tick"'),
          svgText('100%', BAR + 16, figureTick(figure, axis.max), 'class="mt-chart-tick" text-anchor="end"'),
          ...(axis.zeroLine
            ? [`<line class="mt-chart-zero" x1="${pct(origin)}" x2="${pct(origin)}" y1="-3" y2="${BAR + 3}" />`]
            : []),
        ];
    const bar = [
      `<svg x="0" y="${BAR_TOP}" width="100%" height="${BAR}" overflow="visible">`,
      `<rect class="mt-chart-track" x="0" y="0" width="100%" height="${BAR}" />`,
      `<rect ${barFill(figure.id, 1, value.derived)} x="${left === 0 ? 0 : pct(left)}" y="0" width="${pct(Math.abs(at(value.value) - origin))}" height="${BAR}" />`,
      interval ? svgInterval({ low: at(interval.low), high: at(interval.high) }, 0, BAR) : '',
      ...ends,
      '</svg>',
    ].join('');
    const under = drawsBar(figure) ? BAR_TOP + BAR + 20 + scaleLine(figure) : NUMBER_SIZE + 16;
    const label = layout.labels[0]!.map((line, i) =>
      svgText(0, under + i * CHART.lineHeight, line, 'class="mt-number-label"'),
    );
    return [
      svgHatch(figure.id, value.derived ? [1] : []),
      `<g class="mt-number">`,
      big,
      drawsBar(figure) ? bar : '',
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

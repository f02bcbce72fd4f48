import type { Figure } from '../../schema/figure.ts';
import { formatPercent } from '../../format.ts';
import { baseText, midSentence } from '../summary.ts';
import { svgText, valueLabel, wrapLabel, type ChartLayout } from '../shared.ts';
import { bandTable } from './banded.ts';
import type { ChartKindModule } from './types.ts';

/**
 * "number": one published value, drawn as a large number with its label under it rather than as a lone
 * bar on a 0–100% axis. The static SVG is the figure: there is no interactive chart to draw.
 */

/** Size of the number, in px; its baseline sits this far down, and the label starts under it. */
const NUMBER_SIZE = 56;
const LABEL_SIZE = 17;
const LABEL_LINE = 22;
/** Label characters per line: the label is set larger than a chart's category labels. */
const LABEL_CHARS = 34;

const row = (figure: Figure) => figure.rows[0]!;

export const number: ChartKindModule<'number'> = {
  kind: 'number',
  description: 'one value as a large number',
  barThickness: 0,
  interactive: false,
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
    const labels = [wrapLabel(row(figure).label, LABEL_CHARS)];
    return {
      kind: 'number',
      height: NUMBER_SIZE + 16 + labels[0]!.length * LABEL_LINE,
      legendTop: 0,
      legendBottom: 0,
      band: NUMBER_SIZE,
      labels,
      legend: [],
      barThickness: 0,
    };
  },
  svg(figure, layout) {
    const value = row(figure);
    const big = svgText(
      0,
      NUMBER_SIZE - 6,
      valueLabel(value.value, value.derived),
      `class="mt-number-value" font-size="${NUMBER_SIZE}"`,
    );
    const label = layout.labels[0]!.map((line, i) =>
      svgText(0, NUMBER_SIZE + 20 + i * LABEL_LINE, line, `class="mt-number-label" font-size="${LABEL_SIZE}"`),
    );
    return [`<g class="mt-number">`, big, ...label, '</g>'].join('');
  },
  chart: (figure) => ({
    labels: [row(figure).label],
    datasets: [{ label: figure.title, data: [row(figure).value], fill: 0 }],
    values: [[valueLabel(row(figure).value, row(figure).derived)]],
    stacked: false,
    callout: true,
  }),
  summary(figure, surveySize) {
    const value = row(figure);
    const derived = value.derived ? ' (derived)' : '';
    return `${formatPercent(value.value)}${derived} of ${baseText(figure, surveySize)}: ${midSentence(value.label)}.`;
  },
  table: (figure) => bandTable(figure, [{ name: 'Share', value: (r) => r.value }]),
};

import type { Figure } from '../../schema/figure.ts';
import { formatPercent } from '../../format.ts';
import { shareInterval } from '../interval.ts';
import { baseText, midSentence } from '../summary.ts';
import {
  barFill,
  CHART,
  derivedKey,
  escapeXml,
  intervalKey,
  keyHeight,
  pct,
  svgHatch,
  svgInterval,
  svgKey,
  svgPlot,
  wrapLabel,
  type ChartLayout,
} from '../shared.ts';
import { bandTable } from './banded.ts';
import type { ChartKindModule } from './types.ts';

/**
 * "nested": answers that contain one another ("did not reduce the team" contains "increased the team"),
 * drawn as one 0–100% bar with each answer inside the one before it, from the left: the outer answer
 * light, the nested one dark. Each answer is labelled directly above the bar, with a bracket as wide as its
 * share, so nobody reads the two shares as parts to add up.
 */

const BAR = 28;
/** Height of a bracket under a label. */
const BRACKET = 8;

const labelLines = (figure: Figure) =>
  figure.rows.map((row) => wrapLabel(`${formatPercent(row.value)} ${row.label}`, CHART.labelChars));

const fillOf = (depth: number) => (depth === 0 ? 'tint' : depth === 1 ? 1 : 3);

function nestedKey(figure: Figure) {
  return [
    ...(figure.rows.some((r) => r.derived) ? [derivedKey(1)] : []),
    ...(figure.n === null ? [] : [intervalKey(figure.n)]),
  ];
}

export const nested: ChartKindModule<'nested'> = {
  kind: 'nested',
  description: 'answers inside one another, in one 100% bar',
  barThickness: BAR,
  validate(figure, report) {
    if (figure.rows.length < 2) {
      report(
        ['rows'],
        `of a "nested" figure must hold at least two values (an answer, then the part of it nested inside), but hold ${figure.rows.length}; use "number" for one value`,
      );
    }
    figure.rows.forEach((r, i) => {
      const parent = figure.rows[i - 1];
      if (parent && r.value > parent.value) {
        report(
          ['rows', i, 'value'],
          `(${r.value}) is larger than the answer it is nested in, "${parent.label}" (${parent.value}): in a "nested" figure each row is part of the row before it, so its share cannot be larger; if the answers do not contain one another, use "bars"`,
        );
      }
      if (r.previous !== undefined) {
        report(['rows', i, 'previous'], 'is not shown by a "nested" figure: use "paired" to compare editions');
      }
    });
  },
  layout(figure): ChartLayout {
    const labels = labelLines(figure);
    const labelsHeight = labels.reduce((sum, lines) => sum + lines.length * CHART.lineHeight + BRACKET + 6, 0);
    const band = labelsHeight + BAR + CHART.labelGap;
    const plotHeight = band + CHART.axisHeight;
    const key = nestedKey(figure);
    return { kind: 'nested', height: plotHeight + keyHeight(key), plotHeight, band, labels, key, barThickness: BAR };
  },
  svg(figure, layout) {
    const parts: string[] = [];
    let y = 0;
    figure.rows.forEach((row, i) => {
      const lines = layout.labels[i]!;
      lines.forEach((line, k) => {
        y += CHART.lineHeight;
        const value = formatPercent(row.value);
        const text =
          k === 0 && line.startsWith(value)
            ? `<tspan class="mt-chart-value">${escapeXml(value)}</tspan>${escapeXml(line.slice(value.length))}`
            : escapeXml(line);
        parts.push(`<text x="0" y="${y - 4}" class="mt-chart-label">${text}</text>`);
      });
      const b = y + 2;
      const end = pct(row.value);
      parts.push(
        `<path class="mt-chart-bracket" d="M0 ${b + BRACKET} V${b} H0" /><line class="mt-chart-bracket" x1="0" x2="${end}" y1="${b}" y2="${b}" /><line class="mt-chart-bracket" x1="${end}" x2="${end}" y1="${b}" y2="${b + BRACKET}" />`,
      );
      y += BRACKET + 6;
    });
    const barTop = layout.band - BAR - CHART.labelGap / 2;
    parts.push(`<rect class="mt-chart-track" x="0" y="${barTop}" width="100%" height="${BAR}" />`);
    const hatched: number[] = [];
    figure.rows.forEach((row, depth) => {
      const fill = fillOf(depth);
      const attrs =
        fill === 'tint' && !row.derived
          ? 'class="mt-chart-fill-tint"'
          : barFill(figure.id, fill === 'tint' ? 1 : fill, row.derived);
      if (row.derived) hatched.push(fill === 'tint' ? 1 : fill);
      parts.push(`<rect ${attrs} x="0" y="${barTop}" width="${pct(row.value)}" height="${BAR}" />`);
    });
    figure.rows.forEach((row) => {
      const interval = shareInterval(row.value, figure.n);
      if (interval) parts.push(svgInterval(interval, barTop, BAR));
    });
    return (
      svgHatch(figure.id, hatched) +
      svgPlot(layout.band, parts.join('')) +
      svgKey(figure.id, layout.key, layout.plotHeight)
    );
  },
  chart: (figure) => ({
    labels: figure.rows.map((r) => r.label),
    datasets: [{ label: figure.title, data: figure.rows.map((r) => r.value), fill: 0 }],
    values: [figure.rows.map((r) => formatPercent(r.value))],
    stacked: false,
  }),
  summary(figure, surveySize) {
    const [outer, ...inner] = figure.rows;
    const parts = inner.map(
      (r, i) => `${formatPercent(r.value)} ${midSentence(r.label)}, all of them within “${figure.rows[i]!.label}”`,
    );
    return `Nested bar of ${baseText(figure, surveySize)}: ${formatPercent(outer!.value)} ${midSentence(outer!.label)}; ${parts.join('; ')}. The shares contain one another and do not add up.`;
  },
  table: (figure) => bandTable(figure, [{ name: 'Share', value: (r) => r.value }]),
};

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
 * drawn as one 0–100% bar with each answer inside the one before it, from the left: the outer answer (the
 * headline) in the strongest blue, each nested one a lighter inset inside it. Each answer, and the rest of
 * the bar ("24% other answers"), is labelled directly above the bar with a bracket as wide as its share, so
 * nobody reads the shares as parts to add up.
 */

const BAR = 28;
/** Height of a bracket under a label. */
const BRACKET = 8;

/** What the bar holds beyond the outer answer, in percent. */
const rest = (figure: Figure) => 100 - figure.rows[0]!.value;

/** The labels: one per answer, then the rest of the bar where there is one. */
const labelLines = (figure: Figure) => [
  ...figure.rows.map((row) => wrapLabel(`${formatPercent(row.value)} ${row.label}`, CHART.labelChars)),
  ...(rest(figure) > 0 ? [wrapLabel(`${formatPercent(rest(figure))} other answers`, CHART.labelChars)] : []),
];

/** Inset of each nested bar inside the one it belongs to, top and bottom, in px. */
const INSET = 8;

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
    const outer = figure.rows[0]!.value;
    layout.labels.forEach((lines, i) => {
      const row = figure.rows[i];
      const value = formatPercent(row ? row.value : rest(figure));
      // The rest of the bar is labelled at its right end, its bracket from the outer answer's end to 100%.
      const [from, to, anchor] = row ? ['0', pct(row.value), ''] : [pct(outer), '100%', ' text-anchor="end"'];
      lines.forEach((line, k) => {
        y += CHART.lineHeight;
        const text =
          k === 0 && line.startsWith(value)
            ? `<tspan class="mt-chart-value">${escapeXml(value)}</tspan>${escapeXml(line.slice(value.length))}`
            : escapeXml(line);
        parts.push(`<text x="${row ? 0 : '100%'}" y="${y - 4}" class="mt-chart-label"${anchor}>${text}</text>`);
      });
      const b = y + 2;
      parts.push(
        `<line class="mt-chart-bracket" x1="${from}" x2="${from}" y1="${b}" y2="${b + BRACKET}" /><line class="mt-chart-bracket" x1="${from}" x2="${to}" y1="${b}" y2="${b}" /><line class="mt-chart-bracket" x1="${to}" x2="${to}" y1="${b}" y2="${b + BRACKET}" />`,
      );
      y += BRACKET + 6;
    });
    const barTop = layout.band - BAR - CHART.labelGap / 2;
    parts.push(`<rect class="mt-chart-track" x="0" y="${barTop}" width="100%" height="${BAR}" />`);
    const hatched: number[] = [];
    figure.rows.forEach((row, depth) => {
      const top = barTop + depth * INSET;
      const height = BAR - 2 * depth * INSET;
      const attrs =
        depth === 0
          ? barFill(figure.id, 1, row.derived)
          : row.derived
            ? barFill(figure.id, 3, true)
            : 'class="mt-chart-fill-inset"';
      if (row.derived) hatched.push(depth === 0 ? 1 : 3);
      parts.push(`<rect ${attrs} x="0" y="${top}" width="${pct(row.value)}" height="${height}" />`);
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

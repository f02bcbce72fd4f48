import type { Figure } from '../schema/figure.ts';
import { formatPercent } from '../format.ts';

/**
 * The geometry shared by the static SVG and the interactive Chart.js chart, so both fill the same box:
 * fixed pixel heights (no layout shift when one replaces the other), widths in percent of the box.
 * Category labels sit above their bars, wrapped to a width that fits a 320 px screen.
 */

export const CHART = {
  fontSize: 14,
  lineHeight: 18,
  /** Gap between a label and its bar. */
  labelGap: 6,
  barThickness: { bars: 22, paired: 14, stacked: 36 },
  /** Height of the x-axis tick labels under the bars. */
  axisHeight: 24,
  /** Height of one line of legend. */
  legendLine: 22,
  /** Share of the width used by bars at 100%; the rest keeps room for value labels. */
  barArea: 0.86,
  /** Characters per label line before wrapping. */
  labelChars: 40,
  ticks: [0, 25, 50, 75, 100],
} as const;

/** The x-axis maximum, so that 100 ends at `barArea` of the width. */
export const AXIS_MAX = 100 / CHART.barArea;

/** Splits a label into lines of at most `max` characters, breaking at spaces (a longer word stays whole). */
export function wrapLabel(text: string, max: number = CHART.labelChars): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

export interface ChartLayout {
  kind: Figure['kind'];
  /** Total height of the chart box in px. */
  height: number;
  /** Height of the legend above the bars (paired: one line per edition) in px. */
  legendTop: number;
  /** Height of the legend under the axis (stacked) in px. */
  legendBottom: number;
  /** Height of one category band in px; bars are centred in their band. */
  band: number;
  /** Lines of the category label drawn above each band's bars (none for stacked). */
  labels: string[][];
  /** Legend entries: for paired, the two editions; for stacked, one per segment with its value. */
  legend: string[];
  barThickness: number;
}

export function chartLayout(figure: Figure): ChartLayout {
  const barThickness = CHART.barThickness[figure.kind];
  if (figure.kind === 'stacked') {
    const legend = figure.rows.map(
      (row) => `${row.label}: ${formatPercent(row.value)}${row.derived ? ' (derived)' : ''}`,
    );
    const legendBottom = legend.length * CHART.legendLine + 8;
    const band = barThickness + 2 * CHART.labelGap;
    return {
      kind: figure.kind,
      height: band + CHART.axisHeight + legendBottom,
      legendTop: 0,
      legendBottom,
      band,
      labels: [],
      legend,
      barThickness,
    };
  }
  const labels = figure.rows.map((row) => wrapLabel(row.label));
  const lines = Math.max(...labels.map((l) => l.length));
  const barsHeight = figure.kind === 'paired' ? 2 * barThickness : barThickness;
  const band = barsHeight + 2 * (lines * CHART.lineHeight + CHART.labelGap + 4);
  const [current, previous] = figure.seriesLabels ?? ['current edition', 'previous edition'];
  const legend = figure.kind === 'paired' ? [`Upper bar: ${current}`, `Lower bar: ${previous}`] : [];
  const legendTop = figure.kind === 'paired' ? 2 * CHART.legendLine + 4 : 0;
  return {
    kind: figure.kind,
    height: legendTop + band * figure.rows.length + CHART.axisHeight,
    legendTop,
    legendBottom: 0,
    band,
    labels,
    legend,
    barThickness,
  };
}

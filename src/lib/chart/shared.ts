import type { Figure } from '../schema/figure.ts';
import { formatPercent } from '../format.ts';

/**
 * What every chart kind shares: the geometry common to the static SVG and the interactive Chart.js chart
 * (fixed pixel heights, so one replaces the other without layout shift; widths in percent of the box),
 * and the SVG pieces every kind draws with (text, axis, legend swatches). Category labels sit above their
 * bars, wrapped to a width that fits a 320 px screen.
 */

export const CHART = {
  fontSize: 14,
  lineHeight: 18,
  /** Gap between a label and its bar. */
  labelGap: 6,
  /** Height of the x-axis tick labels under the bars. */
  axisHeight: 24,
  /** Height of one line of legend. */
  legendLine: 22,
  /** Share of the width used by bars at 100%; the rest keeps room for value labels. */
  barArea: 0.86,
  /** Characters per label line before wrapping. */
  labelChars: 40,
  ticks: [0, 25, 50, 75, 100],
  /** Gap in px between the end of a bar and its value label. */
  valueOffset: 6,
  /** Values (in percent) under this are not written inside a bar segment: they would not fit. */
  minInside: 10,
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

/** Top of the first legend swatch in a box `height` px tall: above the bars, or under the axis. */
export function legendStart(layout: ChartLayout, height: number = layout.height): number {
  return layout.legendBottom > 0 ? height - layout.legendBottom + 8 : 4;
}

/** A value as written on or after its bar; `*` marks a derived value where asked. */
export const valueLabel = (value: number, derivedMark = false) => `${formatPercent(value)}${derivedMark ? '*' : ''}`;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

/** A share of the width as an SVG length. */
export const pct = (value: number) => `${+value.toFixed(4)}%`;

/** SVG text at a fixed pixel position; `x` may be a percentage. */
export function svgText(x: string | number, y: number, content: string, attrs = ''): string {
  return `<text x="${x}" y="${y}"${attrs ? ` ${attrs}` : ''}>${escapeXml(content)}</text>`;
}

/** The plot area: grid lines and 0-100% ticks around `body`, bars ending 100% at `barArea` of the width. */
export function svgPlot(plotHeight: number, body: string, y = 0): string {
  const grid = CHART.ticks.map((t) => `<line class="mt-chart-grid" x1="${t}%" x2="${t}%" y1="0" y2="${plotHeight}" />`);
  const ticks = CHART.ticks.map((t) =>
    svgText(
      `${t}%`,
      plotHeight + 16,
      formatPercent(t),
      `class="mt-chart-tick" text-anchor="${t === 0 ? 'start' : 'middle'}"`,
    ),
  );
  const size = `width="${CHART.barArea * 100}%" height="${plotHeight + CHART.axisHeight}"`;
  return `<svg x="0" y="${y}" ${size} overflow="visible">${[...grid, ...ticks].join('')}${body}</svg>`;
}

/** The legend of a layout: one swatch in the series/segment colour and its text per entry. */
export function svgLegend(layout: ChartLayout): string {
  const start = legendStart(layout);
  return layout.legend
    .map((entry, i) => {
      const top = start + i * CHART.legendLine;
      return `<rect class="mt-chart-fill-${(i % 3) + 1}" x="0" y="${top}" width="14" height="14" />${svgText(0, top + 12, entry, 'class="mt-chart-legend" dx="20"')}`;
    })
    .join('');
}

import type { Figure } from '../../schema/figure.ts';
import { respondentsText } from '../summary.ts';
import { figureValue, shareValue } from '../unit.ts';
import { CHART, escapeXml, pct, type ChartLayout } from '../shared.ts';
import {
  MIN_BAR_WIDTH,
  segmentBarThickness,
  segmentBelowHeight,
  svgSegments,
  WIDE_BAR_WIDTH,
  type DrawnSegment,
} from './segments.ts';

/**
 * A scale question's shares (rows in the scale's order, at least four; see `scaleEnd` in bars.ts) drawn as
 * one diverging stacked bar, as Pew and The Economist draw Likert results: the answers side by side in the
 * scale's order, the bottom two in orange (the extreme one stronger), the top two in blue, the middle grey,
 * and above the bar the sums of the bottom two and the top two written directly, each over a bracket spanning
 * its answers. Every answer is named with its share, in place or under the bar (see `segments.ts`). The 95% intervals are in the table and the downloads.
 */

/** The rows that count as the bottom and top of the scale: two at each end. */
const END = 2;

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** "Dissatisfied or very dissatisfied: 23%": the inner answer named first, as the end reads. */
function endText(figure: Figure, rows: Figure['rows'], inner: Figure['rows'][number]): string {
  const outer = rows.find((r) => r !== inner)!;
  const total = rows.reduce((sum, r) => sum + r.value, 0);
  return `${inner.label} or ${lower(outer.label)}: ${figureValue(figure, total)}`;
}

/** The sums written over the bar, bottom two and top two. */
export function divergingSums(figure: Figure): { low: string; high: string } {
  const n = figure.rows.length;
  const low = figure.rows.slice(0, END);
  const high = figure.rows.slice(n - END);
  return { low: endText(figure, low, low[END - 1]!), high: endText(figure, high, high[0]!) };
}

function divergingSegments(figure: Figure): DrawnSegment[] {
  const n = figure.rows.length;
  const tone = (i: number): DrawnSegment['tone'] =>
    i === 0 ? 'second' : i === 1 ? 'second-tint' : i === n - 1 ? 'first' : i === n - 2 ? 'first-tint' : 'mid';
  return figure.rows.map((row, i) => ({
    name: row.label,
    value: row.value,
    derived: false,
    tone: tone(i),
    text: figureValue(figure, row.value),
  }));
}

/** Average advance of one character of 14 px bold text, in px. */
const SUM_CHAR = 7.4;
/** Space in px between a sum's text and its bracket, and the bracket's height. */
const BRACKET = 8;

/** Whether the two sums fit side by side over a bar `width` px wide. */
const oneRow = (sums: { low: string; high: string }, width: number) =>
  (sums.low.length + sums.high.length) * SUM_CHAR + 24 <= width;

export function divergingLayout(figure: Figure): ChartLayout {
  const segments = divergingSegments(figure);
  const sums = divergingSums(figure);
  const at = (width: number): ChartLayout => {
    const thickness = segmentBarThickness(segments, width);
    const top = (oneRow(sums, width) ? 1 : 2) * CHART.lineHeight + BRACKET + 4;
    const plotHeight = top + thickness + segmentBelowHeight(segments, width) + CHART.labelGap;
    const base = { kind: figure.kind, height: plotHeight, plotHeight, band: plotHeight, labels: [], key: [] };
    return { ...base, barThickness: thickness, segmentWidth: width };
  };
  return { ...at(MIN_BAR_WIDTH), wide: at(WIDE_BAR_WIDTH) };
}

export function divergingSvg(figure: Figure, layout: ChartLayout): string {
  const width = layout.segmentWidth ?? MIN_BAR_WIDTH;
  const segments = divergingSegments(figure);
  const sums = divergingSums(figure);
  const rows = oneRow(sums, width) ? 1 : 2;
  const top = rows * CHART.lineHeight + BRACKET + 4;
  const values = figure.rows.map((r) => r.value);
  const n = values.length;
  const lowEnd = values[0]! + values[1]!;
  const highStart = values.slice(0, n - END).reduce((a, b) => a + b, 0);
  const bracketY = rows * CHART.lineHeight + 4;
  const bracket = (from: number, to: number) =>
    `<line class="mt-chart-bracket" x1="${pct(from)}" x2="${pct(to)}" y1="${bracketY}" y2="${bracketY}" /><line class="mt-chart-bracket" x1="${pct(from)}" x2="${pct(from)}" y1="${bracketY}" y2="${bracketY + BRACKET}" /><line class="mt-chart-bracket" x1="${pct(to)}" x2="${pct(to)}" y1="${bracketY}" y2="${bracketY + BRACKET}" />`;
  const sum = (text: string, x: number, y: number, anchor: 'start' | 'end') =>
    `<text class="mt-chart-value" x="${pct(x)}" y="${y}" text-anchor="${anchor}">${escapeXml(text)}</text>`;
  return [
    sum(sums.low, 0, 13, 'start'),
    sum(sums.high, 100, rows === 1 ? 13 : CHART.lineHeight + 13, 'end'),
    bracket(0, lowEnd),
    bracket(highStart, 100),
    svgSegments(segments, top, layout.barThickness, width, `mt-hatch-${figure.id}-diverging-${width}`),
  ].join('');
}

/** What a screen reader hears in place of the bar. */
export function divergingSummary(figure: Figure, surveySize?: number): string {
  const parts = figure.rows.map((r) => `${r.label} ${shareValue(figure, r.value)}`);
  const sums = divergingSums(figure);
  return `Diverging bar of the share of ${respondentsText(figure, surveySize)}, answers in the scale's order: ${parts.join(', ')}; ${lower(sums.low)}, ${lower(sums.high)}.`;
}

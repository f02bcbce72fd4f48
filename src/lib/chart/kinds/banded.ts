import type { ChartKind, Figure, FigureRow } from '../../schema/figure.ts';
import { shareInterval } from '../interval.ts';
import { axisPosition } from '../axis.ts';
import { barValue, figureAxis, figureAxisEnd, figureTick, figureValue, isShare } from '../unit.ts';
import { sourceMarks } from '../summary.ts';
import {
  barFill,
  CHART,
  escapeXml,
  type Fill,
  keyHeight,
  pct,
  svgHatch,
  svgInterval,
  svgKey,
  svgPlot,
  svgText,
  wrapLabel,
  WIDE,
  type ChartLayout,
  type KeyEntry,
} from '../shared.ts';
import type { ChartData, FigureTable } from './types.ts';

/**
 * What the banded kinds (bars, paired) share: one band per row, its category label above it and one
 * bar per series in it, each with its value written after its end (after its interval mark, where the
 * base's size is known). Only the first series hatches derived values (the previous edition is published
 * as it is).
 */

/** One bar in every band: the series' name and its value in a row. */
export interface BandSeries {
  name: string;
  value: (row: FigureRow) => number;
  /** The series' colour: a fill (1-3) or the neutral grey of a comparison. */
  fill: number | 'neutral';
  /** Where rows differ: the colour of row `i`'s bar (the finding's in the series colour, the others muted; all
   * respondents in grey among groups in blue). */
  rowFill?: (i: number) => Fill | 'neutral';
  /** Respondents in the series' base, for its 95% interval marks; null or undefined draws none. */
  n?: number | null | ((row: number) => number | null);
  /** Whether derived rows are hatched in this series. */
  marksDerived: boolean;
  /** A direct label written inside the bar of row `i` (e.g. the edition's name), if any. */
  inside?: (i: number) => string | undefined;
  /** The 95% interval of row `i`'s value where the series carries its own (a segment's); default the row's. */
  interval?: (i: number) => { low: number; high: number } | undefined;
  /** What is written in place of row `i`'s bar where it has no value (a suppressed segment); default none. */
  missing?: (i: number) => string | undefined;
}

/** Gap between two bars of one band, and under the last bar of a band, in px. */
const BAR_GAP = 2;
const ROW_GAP = 14;
/** Room above a band's bars for `lines` lines of its label. */
const labelBlock = (lines: number) => lines * CHART.lineHeight + CHART.labelGap;

export function bandLayout(
  figure: Figure,
  kind: ChartKind,
  barThickness: number,
  bars: number,
  key: KeyEntry[],
): ChartLayout {
  // A row from another source than the figure's carries its footnote mark (explained in the source line).
  const marks = sourceMarks(figure).rows;
  const text = figure.rows.map((row, i) => row.label + (marks[i] ?? ''));
  const labels = text.map((label) => wrapLabel(label));
  const lines = Math.max(...labels.map((l) => l.length));
  const barsBlock = bars * barThickness + (bars - 1) * BAR_GAP;
  const band = labelBlock(lines) + barsBlock + ROW_GAP;
  const plotHeight = band * figure.rows.length + CHART.axisHeight;
  // Wide: labels left of the bars, the band as tall as its bars or its label, whichever is taller.
  const wideLabels = text.map((label) => wrapLabel(label, WIDE.labelChars));
  const wideLines = Math.max(...wideLabels.map((l) => l.length));
  const wideBand = Math.max(barsBlock, wideLines * CHART.lineHeight) + ROW_GAP;
  const widePlot = wideBand * figure.rows.length + CHART.axisHeight;
  const wide: ChartLayout = {
    kind,
    height: widePlot + keyHeight(key),
    plotHeight: widePlot,
    band: wideBand,
    labels: wideLabels,
    key,
    barThickness,
    labelColumn: true,
  };
  return { kind, height: plotHeight + keyHeight(key), plotHeight, band, labels, key, barThickness, wide };
}

/**
 * The bands of `figure` in `layout`. `segmentOf(i)` names the segment row `i` is (grouped bars): its label
 * and marks then carry `data-segment`, for the reader's lens to highlight.
 */
export function bandSvg(
  figure: Figure,
  layout: ChartLayout,
  series: readonly BandSeries[],
  axis = figureAxis(figure),
  segmentOf?: (i: number) => string | undefined,
): string {
  const thickness = layout.barThickness;
  const step = thickness + BAR_GAP;
  const barsBlock = series.length * thickness + (series.length - 1) * BAR_GAP;
  const block = layout.labelColumn ? 0 : labelBlock(Math.max(...layout.labels.map((l) => l.length)));
  const labels: string[] = [];
  const bars: string[] = [];
  const hatched = new Set<Fill>();
  // Where labels sit above the bars, the grid lines run only beside each row's bars.
  const spans: [number, number][] = [];
  // Both layouts are on the page: the wide one's hatching patterns need ids of their own.
  const patternId = layout.labelColumn ? `${figure.id}-wide` : figure.id;
  // Shares run 0-100%; other units on their own axis, bars from its origin (zero, or a scale's minimum).
  const at = (value: number) => axisPosition(axis, value);
  const origin = at(axis.origin);
  figure.rows.forEach((row, i) => {
    const content = layout.band - ROW_GAP;
    const barsTop = i * layout.band + ROW_GAP / 2 + (layout.labelColumn ? (content - barsBlock) / 2 : block);
    const lines = layout.labels[i]!;
    spans.push([barsTop - ROW_GAP / 4, barsTop + barsBlock + ROW_GAP / 4]);
    const segment = segmentOf?.(i);
    const tag = segment === undefined ? '' : ` data-segment="${escapeXml(segment)}"`;
    lines.forEach((line, k) => {
      if (layout.labelColumn) {
        // Right-aligned left of the bars, the lines centred on the band.
        const top = i * layout.band + ROW_GAP / 2 + (content - lines.length * CHART.lineHeight) / 2;
        const attrs = `class="mt-chart-label" text-anchor="end" dominant-baseline="central"${tag}`;
        labels.push(svgText(`${(layout.column ?? WIDE).labelEnd}%`, top + (k + 0.5) * CHART.lineHeight, line, attrs));
      } else {
        const y = barsTop - CHART.labelGap - (lines.length - 1 - k) * CHART.lineHeight - 4;
        labels.push(svgText(0, y, line, `class="mt-chart-label"${tag}`));
      }
    });
    if (tag) bars.push(`<g${tag}>`);
    series.forEach(({ value, fill: seriesFill, rowFill, n, marksDerived, inside, interval: own, missing }, j) => {
      const fill = rowFill?.(i) ?? seriesFill;
      const y = barsTop + j * step;
      const none = missing?.(i);
      if (none !== undefined) {
        bars.push(svgText(0, y + thickness / 2, none, 'class="mt-chart-missing" dominant-baseline="central"'));
        return;
      }
      const share = value(row);
      const derived = row.derived && marksDerived && fill !== 'neutral';
      if (derived) hatched.add(fill);
      const left = Math.min(origin, at(share));
      bars.push(
        `<rect ${barFill(patternId, fill, derived)} x="${left === 0 ? 0 : pct(left)}" y="${y}" width="${pct(Math.abs(at(share) - origin))}" height="${thickness}" />`,
      );
      // An interval computed from responses is drawn as carried; a share's otherwise from its base's n.
      const carried = own ? own(i) : j === 0 ? row.interval : undefined;
      const interval =
        carried ?? (isShare(figure) ? shareInterval(share, typeof n === 'function' ? n(i) : n) : undefined);
      if (interval) bars.push(svgInterval({ low: at(interval.low), high: at(interval.high) }, y, thickness));
      bars.push(
        valueLabel(barValue(figure, share), y + thickness / 2, fill, {
          at: at(share),
          origin,
          interval: interval && { low: at(interval.low), high: at(interval.high) },
        }),
      );
      const name = inside?.(i);
      if (name) {
        const on = fill === 'neutral' ? 'mt-chart-on-neutral' : 'mt-chart-on-fill';
        bars.push(
          svgText(0, y + thickness / 2, name, `class="mt-chart-inside ${on}" dx="6" dominant-baseline="central"`),
        );
      }
    });
    if (tag) bars.push('</g>');
  });
  const height = layout.band * figure.rows.length;
  const ticks = { axis, tick: (t: number) => figureTick(figure, t), end: (t: number) => figureAxisEnd(figure, t) };
  const plot = layout.labelColumn
    ? labels.join('') +
      svgPlot(height, bars.join(''), 0, (layout.column ?? WIDE).plotX, (layout.column ?? WIDE).plotWidth, ticks)
    : svgPlot(height, bars.join('') + labels.join(''), 0, 0, CHART.barArea * 100, ticks, spans);
  return svgHatch(patternId, [...hatched]) + plot + svgKey(patternId, layout.key, layout.plotHeight);
}

/** Width in px of a bold value label of `text` (14 px), as the narrowest chart would set it. */
const labelWidth = (text: string) => text.length * CHART.charWidth * (CHART.fontSize / CHART.smallSize);

/**
 * A bar's value label, on the side away from the axis' origin so it never sits across the zero line: right
 * of a bar (and its interval) that runs right of the origin; left of one that runs left of it (a negative
 * score), or inside that bar where the narrowest chart (320 px) leaves no room on its left, or right of the
 * origin where neither fits. Positions are percentages of the plot.
 */
export function valueLabel(
  text: string,
  y: number,
  fill: Fill | 'neutral',
  bar: { at: number; origin: number; interval?: { low: number; high: number } | undefined },
): string {
  const { at, origin, interval } = bar;
  const px = (percent: number) => (percent / 100) * CHART.minPlotWidth;
  const width = labelWidth(text) + CHART.valueOffset;
  if (at < origin) {
    const outer = Math.min(at, interval ? interval.low : at);
    if (px(outer) >= width) {
      const attrs = `class="mt-chart-value" dx="-${CHART.valueOffset}" text-anchor="end" dominant-baseline="central"`;
      return svgText(pct(outer), y, text, attrs);
    }
    if (px(origin - at) >= width + CHART.valueOffset) {
      const on = fill === 'neutral' ? 'mt-chart-on-neutral' : 'mt-chart-on-fill';
      const attrs = `class="mt-chart-inside ${on}" dx="${CHART.valueOffset}" dominant-baseline="central"`;
      return svgText(pct(at), y, text, attrs);
    }
  }
  const end = pct(Math.max(at, origin, interval ? interval.high : 0));
  return svgText(end, y, text, `class="mt-chart-value" dx="${CHART.valueOffset}" dominant-baseline="central"`);
}

/** Whether some row of `figure` is hatched in a series of fill `fill`, and the key entry to explain it. */
export const hasDerived = (figure: Figure) => figure.rows.some((row) => row.derived);

export function bandChart(figure: Figure, series: readonly BandSeries[]): ChartData {
  // A share is its own bar length; another unit's value is placed on the chart's axis (days from 0 to 20).
  const axis = figureAxis(figure);
  const length = (v: number) => (isShare(figure) ? v : axisPosition(axis, v));
  return {
    labels: figure.rows.map((r) => r.label),
    datasets: series.map(({ name, value }, j) => ({
      label: name,
      data: figure.rows.map((row) => length(value(row))),
      fill: j % 3,
    })),
    values: series.map(({ value }) => figure.rows.map((row) => figureValue(figure, value(row)))),
    stacked: false,
  };
}

export function bandTable(figure: Figure, series: readonly Pick<BandSeries, 'name' | 'value'>[]): FigureTable {
  return {
    columns: series.map((s) => s.name),
    rows: figure.rows.map((row) => ({
      label: row.label,
      derived: row.derived,
      cells: series.map(({ value }) => figureValue(figure, value(row))),
      value: row.value,
      ...(row.previous === undefined ? {} : { previous: row.previous }),
    })),
  };
}

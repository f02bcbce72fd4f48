import type { Figure } from '../schema/figure.ts';
import { formatPercent } from '../format.ts';
import type { Interval } from '../stats/wilson.ts';
import { axisPosition, valueAxis, type ValueAxis } from './axis.ts';

/**
 * What every chart kind shares: pixel heights and text sizes that do not change with the width, widths in
 * percent of the box, so one SVG fills any column from 320 px up with its text at the same size (no
 * viewBox scaling: 14 px labels stay 14 px on a phone). Category labels sit above their bars, wrapped to
 * a width that fits a 320 px screen; keys (where direct labels cannot work) sit under the axis.
 */

export const CHART = {
  fontSize: 14,
  lineHeight: 18,
  /** Size of the axis ticks, the keys and of labels written inside bars: never under 12 px. */
  smallSize: 13,
  /** Gap between a label and its bar. */
  labelGap: 6,
  /** Height of the x-axis tick labels under the bars. */
  axisHeight: 24,
  /** Height of one line of a key entry. */
  keyLine: 18,
  /** Gap between two key entries. */
  keyGap: 6,
  /** Share of the width used by bars at 100%; the rest keeps room for value labels. */
  barArea: 0.86,
  /** Characters per label line before wrapping: about 250 px of 14 px text, the chart's width at 320 px. */
  labelChars: 34,
  /** Characters per key line (after the 20 px swatch). */
  keyChars: 32,
  ticks: [0, 25, 50, 75, 100],
  /** Gap in px between the end of a bar (or of its interval mark) and its value label. */
  valueOffset: 6,
  /** Values (in percent) under this are not written inside a bar segment: they would not fit. */
  minInside: 10,
  /**
   * Width in px of the bar area (barArea of the chart) on the narrowest screen, 320 px: what a label written
   * inside a bar must fit in.
   */
  minPlotWidth: 210,
  /** Average advance of one character of 13 px bold text, in px (a generous estimate for Source Sans 3). */
  charWidth: 7.2,
} as const;

/**
 * Splits a label into lines of at most `max` characters, breaking at spaces (a longer word stays whole),
 * balanced: as few lines as a greedy wrap needs, each as short as it can be, so no word is left alone on
 * the last line ("Infrastructure and / operations leaders", not "Infrastructure and operations / leaders").
 */
export function wrapLabel(text: string, max: number = CHART.labelChars): string[] {
  const greedy = wrapGreedy(text, max);
  const longestWord = Math.max(...text.split(BREAKABLE).map((word) => word.length));
  for (let width = Math.max(longestWord, Math.ceil(text.length / greedy.length)); width < max; width++) {
    const lines = wrapGreedy(text, width);
    if (lines.length <= greedy.length) return lines;
  }
  return greedy;
}

/** Spaces a line may break at: not the no-break space, which holds "¹ Forbes" or "n = 403" together. */
const BREAKABLE = /[ \t\n\r]+/;

/** Splits text into lines of at most `max` characters, at spaces (a longer word gets a line of its own). */
export function wrapGreedy(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(BREAKABLE).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/**
 * The swatch of a key entry: a series fill (1-3), the neutral grey of a comparison, the hatching of a
 * derived value, or the thin line of a 95% interval.
 */
export type Swatch =
  | 'fill-1'
  | 'fill-2'
  | 'fill-3'
  | 'fill-mid'
  | 'neutral'
  | 'derived'
  | 'interval'
  | 'nested-outer'
  | 'box'
  | 'mean'
  | 'track';

/** A bar's colour: a series fill (1-3), or the muted grey of the bars beside a chart's finding. */
export type Fill = number | 'mid';

export interface KeyEntry {
  swatch: Swatch;
  /** Text of the entry, wrapped to `CHART.keyChars`. */
  lines: string[];
  /** For a derived entry: the fill its hatching is drawn in. */
  fill?: Fill;
}

export interface ChartLayout {
  kind: Figure['kind'];
  /** Total height of the chart box in px. */
  height: number;
  /** Height of the drawing above the key: bands (or the number) and the axis, in px. */
  plotHeight: number;
  /** Height of one category band in px; bars are centred in their band. */
  band: number;
  /** Lines of the category label drawn above each band's bars (none for stacked). */
  labels: string[][];
  /** The key under the chart: only what direct labels cannot say. */
  key: KeyEntry[];
  barThickness: number;
  /** Stacked and nested: the narrowest bar, in px, the labels in place are fitted to. */
  segmentWidth?: number;
  /** True in the wide variant: category labels sit in a column left of the bars (see `WIDE`). */
  labelColumn?: boolean;
  /** The wide variant's label column and plot where they are not `WIDE`'s (see `fitLabelColumn`). */
  column?: WideColumn;
  /**
   * The same chart laid out for a chart box at least `WIDE.minWidth` px wide, where a kind has one (bars,
   * paired): labels left of the bars. The page draws both and shows one by a container query.
   */
  wide?: ChartLayout;
}

/**
 * The wide variant of a banded chart: category labels right-aligned in a column ending at `labelEnd`% of
 * the width, bars from `plotX`% over `plotWidth`% (100% of the axis). Labels wrap at `labelChars`, what
 * the column holds at `minWidth` px (14 px text, about 6.8 px a character).
 */
export const WIDE = {
  minWidth: 600,
  labelEnd: 42,
  plotX: 44,
  plotWidth: 48,
  labelChars: 37,
} as const;

/** Where the wide variant's labels end and its plot starts and spans, in percent of the chart's width. */
export interface WideColumn {
  labelEnd: number;
  plotX: number;
  plotWidth: number;
}

/** Average advance of one character of a 14 px label, in px (Source Sans 3, generous). */
const LABEL_CHAR = 7;

/**
 * The wide variant with its label column as wide as its longest label line, no wider than `WIDE`'s, and the
 * plot taking the rest (short labels such as "Yes, in use" left 200 px empty beside a plot under half the
 * column). Widths are fitted at `WIDE.minWidth`, the narrowest box the wide variant is shown in.
 */
export function fitLabelColumn(layout: ChartLayout): ChartLayout {
  const wide = layout.wide;
  if (!wide?.labelColumn) return layout;
  const longest = Math.max(0, ...wide.labels.flat().map((line) => line.length));
  const labelEnd = Math.min(WIDE.labelEnd, Math.ceil(((longest * LABEL_CHAR + 8) / WIDE.minWidth) * 100));
  const plotX = labelEnd + (WIDE.plotX - WIDE.labelEnd);
  const right = 100 - WIDE.plotX - WIDE.plotWidth;
  return { ...layout, wide: { ...wide, column: { labelEnd, plotX, plotWidth: 100 - plotX - right } } };
}

/** Builds a key entry, wrapping its text. */
export const keyEntry = (swatch: Swatch, text: string, fill?: Fill): KeyEntry => ({
  swatch,
  lines: wrapLabel(text, CHART.keyChars),
  ...(fill === undefined ? {} : { fill }),
});

/** Space in px between the axis labels and a key under them: the key belongs to the chart, close under it. */
const KEY_MARGIN = 0;

/** Height in px of a key: its lines and the gaps between entries, plus a margin above. */
export function keyHeight(key: readonly KeyEntry[]): number {
  if (key.length === 0) return 0;
  const lines = key.reduce((sum, entry) => sum + entry.lines.length, 0);
  return KEY_MARGIN + lines * CHART.keyLine + (key.length - 1) * CHART.keyGap;
}

/** A value as written on or after its bar. */
export const valueLabel = (value: number) => formatPercent(value);

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

/** A share of the width as an SVG length. */
export const pct = (value: number) => `${+value.toFixed(4)}%`;

/** SVG text at a fixed pixel position; `x` may be a percentage. */
export function svgText(x: string | number, y: number, content: string, attrs = ''): string {
  return `<text x="${x}" y="${y}"${attrs ? ` ${attrs}` : ''}>${escapeXml(content)}</text>`;
}

/** Id of the hatching pattern of a figure's derived values in fill `fill` (unique on a page). */
export const hatchId = (figureId: string, fill: Fill) => `mt-hatch-${figureId}-${fill}`;

/**
 * The hatching of a derived value: thin diagonal stripes of the series colour on the page's background,
 * so the value reads as "not published as such" while keeping its series' colour.
 */
export function svgHatch(figureId: string, fills: readonly Fill[]): string {
  const patterns = [...new Set(fills)].map(
    (fill) =>
      `<pattern id="${hatchId(figureId, fill)}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect class="mt-chart-bg" width="6" height="6" /><rect class="mt-chart-fill-${fill}" width="2.5" height="6" /></pattern>`,
  );
  return patterns.length > 0 ? `<defs>${patterns.join('')}</defs>` : '';
}

/** The attributes of a bar: its series fill, or the hatching where its value is derived. */
export function barFill(figureId: string, fill: Fill | 'neutral', derived: boolean): string {
  if (fill === 'neutral') return 'class="mt-chart-fill-neutral"';
  if (derived) return `class="mt-chart-derived mt-chart-stroke-${fill}" fill="url(#${hatchId(figureId, fill)})"`;
  return `class="mt-chart-fill-${fill}"`;
}

/** A thin 95% interval mark (whisker with end caps) across a bar `thickness` px tall whose top is `y`. */
export function svgInterval(interval: Interval, y: number, thickness: number): string {
  const mid = y + thickness / 2;
  const cap = Math.min(thickness - 4, 10) / 2;
  const line = (x1: string, x2: string, y1: number, y2: number) =>
    `<line class="mt-chart-interval" x1="${x1}" x2="${x2}" y1="${y1}" y2="${y2}" />`;
  const low = pct(interval.low);
  const high = pct(interval.high);
  return `<g class="mt-chart-interval-mark">${line(low, high, mid, mid)}${line(low, low, mid - cap, mid + cap)}${line(high, high, mid - cap, mid + cap)}</g>`;
}

/** The axis of a share: 0-100%. */
export const SHARE_AXIS: ValueAxis = valueAxis({ unit: 'percent' }, []);

/** How a plot's axis is drawn: its range and ticks, and how a tick is written. */
export interface PlotAxis {
  axis: ValueAxis;
  tick: (value: number) => string;
  /** The last tick, where it names the unit the others leave out ("25 days"): written to end at its line. */
  end?: (value: number) => string;
}

const SHARE_PLOT: PlotAxis = { axis: SHARE_AXIS, tick: formatPercent };

/**
 * The plot area: grid lines and ticks around `body` (0-100% for shares, the unit's axis otherwise, with
 * a darker line at zero where it runs below it), the axis' end at `barArea` of the width (or from `x`%
 * over `width`% of it, in the wide variant).
 */
export function svgPlot(
  plotHeight: number,
  body: string,
  y = 0,
  x = 0,
  width: number = CHART.barArea * 100,
  plot: PlotAxis = SHARE_PLOT,
  spans: readonly (readonly [number, number])[] = [[0, plotHeight]],
): string {
  const { axis, tick, end } = plot;
  const at = (t: number) => pct(axisPosition(axis, t));
  // One line per tick down the plot, or, where labels sit above the bars, one per row of bars (`spans`, from
  // and to in px), so no line runs through a label.
  const grid = axis.ticks.flatMap((t) =>
    spans.map(
      ([y1, y2]) =>
        `<line class="${axis.zeroLine && t === 0 ? 'mt-chart-zero' : 'mt-chart-grid'}" x1="${at(t)}" x2="${at(t)}" y1="${y1}" y2="${y2}" />`,
    ),
  );
  const last = axis.ticks.length - 1;
  const ticks = axis.ticks.map((t, i) => {
    const text = i === last && end ? end(t) : tick(t);
    // The unit written on the last tick ends at its line, so it never runs past the plot's right edge.
    const anchor = i === 0 ? 'start' : i === last && text !== tick(t) ? 'end' : 'middle';
    return svgText(at(t), plotHeight + 17, text, `class="mt-chart-tick" text-anchor="${anchor}"`);
  });
  const size = `width="${width}%" height="${plotHeight + CHART.axisHeight}"`;
  return `<svg x="${x === 0 ? 0 : `${x}%`}" y="${y}" ${size} overflow="visible">${[...grid, ...ticks].join('')}${body}</svg>`;
}

function swatch(figureId: string, entry: KeyEntry, top: number): string {
  const box = (attrs: string) => `<rect ${attrs} x="0" y="${top + 1}" width="14" height="14" />`;
  switch (entry.swatch) {
    case 'interval':
      return `<g class="mt-chart-interval-mark"><line class="mt-chart-interval" x1="0" x2="14" y1="${top + 8}" y2="${top + 8}" /><line class="mt-chart-interval" x1="0.75" x2="0.75" y1="${top + 3}" y2="${top + 13}" /><line class="mt-chart-interval" x1="13.25" x2="13.25" y1="${top + 3}" y2="${top + 13}" /></g>`;
    case 'derived':
      return box(barFill(figureId, entry.fill ?? 1, true));
    case 'neutral':
      return box('class="mt-chart-fill-neutral"');
    case 'nested-outer':
      return box('class="mt-chart-fill-tint"');
    case 'mean':
      // A spread's mean: its diamond on the capped bar of its 95% interval.
      return `<rect class="mt-chart-fill-1" x="0" y="${top + 6}" width="14" height="4" /><line class="mt-chart-stroke-1" stroke-width="2" x1="1" x2="1" y1="${top + 2}" y2="${top + 14}" /><line class="mt-chart-stroke-1" stroke-width="2" x1="13" x2="13" y1="${top + 2}" y2="${top + 14}" /><path class="mt-chart-fill-1 mt-chart-stroke-1" d="M7,${top + 3} L12,${top + 8} L7,${top + 13} L2,${top + 8} Z" />`;
    case 'box':
      return box('class="mt-chart-track mt-chart-stroke-1" stroke-width="1.5"');
    default:
      return box(`class="mt-chart-${entry.swatch}"`);
  }
}

/** The key under the chart, from `top`: one swatch and its wrapped text per entry. */
export function svgKey(figureId: string, key: readonly KeyEntry[], top: number): string {
  let y = top + KEY_MARGIN;
  return key
    .map((entry) => {
      const out =
        swatch(figureId, entry, y) +
        entry.lines
          .map((line, i) => svgText(0, y + 12 + i * CHART.keyLine, line, 'class="mt-chart-key" dx="20"'))
          .join('');
      y += entry.lines.length * CHART.keyLine + CHART.keyGap;
      return out;
    })
    .join('');
}

/** The key entry that explains the hatching of derived values, in the fill of the first derived bar. */
export const derivedKey = (fill: Fill) =>
  keyEntry('derived', 'Hatched: derived from published values, not published itself', fill);

/** The key entry of the interval marks, naming the base's size. */
export const intervalKey = (n: number) => keyEntry('interval', `95% interval (n = ${n})`);

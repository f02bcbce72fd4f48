import type { Figure } from '../../schema/figure.ts';
import { formatPercent } from '../../format.ts';
import { baseText, sourceMarks } from '../summary.ts';
import {
  CHART,
  pct,
  svgPlot,
  svgText,
  valueLabel,
  type ChartLayout,
  type InlineKeyEntry,
  type InlineSwatch,
} from '../shared.ts';
import { bandTable } from './banded.ts';
import type { ChartKindModule } from './types.ts';

/**
 * "stacked": parts of a whole in one bar, each segment starting where the previous one ends. The parts are
 * an ordered scale (increased / stayed the same / decreased), so the colours are too: the first segment
 * (the finding) in the series blue, the middle ones in a neutral grey, the last in a muted opposite colour.
 * A derived segment is a light tint of its colour with a thin outline, never the loudest mark. Every value
 * is written: inside its segment where it fits, after the bar (or under it) where it does not. A one-line
 * key above the bar names the segments in order and says once which one is derived and how.
 */

const derived = (row: Figure['rows'][number]) => (row.derived ? ' (derived)' : '');

type Role = 'first' | 'mid' | 'last';
const role = (i: number, count: number): Role => (i === 0 ? 'first' : i === count - 1 ? 'last' : 'mid');

/** Height of the row under the bar that holds the values of small segments other than the last. */
const CALLOUT_ROW = 18;

/** Small segments (under `CHART.minInside`) not at the end of the bar: their values go under it. */
const smallInside = (figure: Figure) =>
  figure.rows.some((row, i) => row.value < CHART.minInside && i < figure.rows.length - 1);

/** "derived: 100 − 64 − 6": how a derived segment follows from the published ones. */
function derivation(figure: Figure, index: number): string {
  const others = figure.rows.filter((_, i) => i !== index).map((row) => formatPercent(row.value).replace('%', ''));
  return `derived: 100 − ${others.join(' − ')}`;
}

/** The key above the bar: each segment's name, in order; the derived one says how it was computed. */
export function stackedKey(figure: Figure): InlineKeyEntry[] {
  const marks = sourceMarks(figure).rows;
  return figure.rows.map((row, i) => {
    const label = row.label + (marks[i] ?? '');
    const swatch: InlineSwatch = `${role(i, figure.rows.length)}${row.derived ? '-derived' : ''}`;
    return { swatch, text: row.derived ? `${label} (${derivation(figure, i)})` : label };
  });
}

export const stacked: ChartKindModule<'stacked'> = {
  kind: 'stacked',
  description: 'parts of a whole',
  barThickness: 36,
  validate(figure, report) {
    const total = figure.rows.reduce((sum, row) => sum + row.value, 0);
    if (Math.abs(total - 100) > 1e-9) {
      report(['rows'], `of a "stacked" figure must add up to 100 (parts of a whole), but add up to ${total}`);
    }
  },
  layout(figure): ChartLayout {
    const band = stacked.barThickness + 2 * CHART.labelGap + (smallInside(figure) ? CALLOUT_ROW : 0);
    const plotHeight = band + CHART.axisHeight;
    return {
      kind: 'stacked',
      height: plotHeight,
      plotHeight,
      band,
      labels: [],
      key: [],
      inlineKey: stackedKey(figure),
      barThickness: stacked.barThickness,
    };
  },
  svg(figure, layout) {
    const y = CHART.labelGap;
    const mid = y + layout.barThickness / 2;
    const count = figure.rows.length;
    let start = 0;
    const segments = figure.rows.map((row, i) => {
      const r = role(i, count);
      const cls = row.derived ? `mt-chart-derived mt-chart-derived-${r}` : `mt-chart-fill-${r}`;
      const rect = `<rect class="${cls}" x="${pct(start)}" y="${y}" width="${pct(row.value)}" height="${layout.barThickness}" />`;
      let label: string;
      if (row.value >= CHART.minInside) {
        const on = row.derived ? 'mt-chart-on-derived' : r === 'mid' ? 'mt-chart-on-neutral' : 'mt-chart-on-fill';
        const attrs = `class="mt-chart-inside ${on}" text-anchor="middle" dominant-baseline="central"`;
        label = svgText(pct(start + row.value / 2), mid, valueLabel(row.value), attrs);
      } else if (i === count - 1) {
        const attrs = `class="mt-chart-value" dx="${CHART.valueOffset}" dominant-baseline="central"`;
        label = svgText('100%', mid, valueLabel(row.value), attrs);
      } else {
        const attrs = 'class="mt-chart-value" text-anchor="middle"';
        label = svgText(pct(start + row.value / 2), y + layout.barThickness + 15, valueLabel(row.value), attrs);
      }
      start += row.value;
      return rect + label;
    });
    return svgPlot(layout.band, segments.join(''));
  },
  chart: (figure) => ({
    labels: [figure.title],
    datasets: figure.rows.map((row, i) => ({
      label: row.label,
      data: [row.value],
      fill: i % 3,
    })),
    values: figure.rows.map((row) => [valueLabel(row.value)]),
    stacked: true,
  }),
  summary(figure, surveySize) {
    const parts = figure.rows.map((r) => `${r.label} ${formatPercent(r.value)}${derived(r)}`);
    return `Stacked bar of ${baseText(figure, surveySize)}, parts adding up to 100%: ${parts.join(', ')}.`;
  },
  table: (figure) => bandTable(figure, [{ name: 'Share', value: (row) => row.value }]),
};

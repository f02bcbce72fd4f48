import type { Figure } from '../../schema/figure.ts';
import { formatPercent } from '../../format.ts';
import { baseText } from '../summary.ts';
import {
  barFill,
  CHART,
  derivedKey,
  keyEntry,
  keyHeight,
  pct,
  svgHatch,
  svgKey,
  svgPlot,
  svgText,
  valueLabel,
  type ChartLayout,
  type Swatch,
} from '../shared.ts';
import { bandTable } from './banded.ts';
import type { ChartKindModule } from './types.ts';

/**
 * "stacked": parts of a whole in one bar, each segment starting where the previous one ends. Values wide
 * enough are written inside their segment; the key under the axis names every segment with its value
 * (segments as narrow as 6% cannot carry a name at 320 px). A derived segment is hatched, and the key
 * says why.
 */

const derived = (row: Figure['rows'][number]) => (row.derived ? ' (derived)' : '');
const fill = (i: number) => (i % 3) + 1;

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
    const firstDerived = figure.rows.findIndex((row) => row.derived);
    const key = [
      ...figure.rows.map((row, i) =>
        keyEntry(
          row.derived ? 'derived' : (`fill-${fill(i)}` as Swatch),
          `${row.label}: ${formatPercent(row.value)}`,
          fill(i),
        ),
      ),
      ...(firstDerived === -1 ? [] : [derivedKey(fill(firstDerived))]),
    ];
    const band = stacked.barThickness + 2 * CHART.labelGap;
    const plotHeight = band + CHART.axisHeight;
    return {
      kind: 'stacked',
      height: plotHeight + keyHeight(key),
      plotHeight,
      band,
      labels: [],
      key,
      barThickness: stacked.barThickness,
    };
  },
  svg(figure, layout) {
    const y = CHART.labelGap;
    let start = 0;
    const segments = figure.rows.map((row, i) => {
      const rect = `<rect ${barFill(figure.id, fill(i), row.derived)} x="${pct(start)}" y="${y}" width="${pct(row.value)}" height="${layout.barThickness}" />`;
      const on = row.derived ? 'mt-chart-on-derived' : 'mt-chart-on-fill';
      const attrs = `class="${on}" text-anchor="middle" dominant-baseline="central"`;
      const inside =
        row.value >= CHART.minInside
          ? svgText(pct(start + row.value / 2), y + layout.barThickness / 2, valueLabel(row.value), attrs)
          : '';
      start += row.value;
      return rect + inside;
    });
    const hatched = figure.rows.flatMap((row, i) => (row.derived ? [fill(i)] : []));
    return (
      svgHatch(figure.id, hatched) +
      svgPlot(layout.band, segments.join('')) +
      svgKey(figure.id, layout.key, layout.plotHeight)
    );
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

import type { Figure } from '../../schema/figure.ts';
import { formatPercent } from '../../format.ts';
import { baseText } from '../summary.ts';
import { CHART, pct, svgLegend, svgPlot, svgText, valueLabel, type ChartLayout } from '../shared.ts';
import { bandTable } from './banded.ts';
import type { ChartKindModule } from './types.ts';

/**
 * "stacked": parts of a whole in one bar, each segment starting where the previous one ends. Values wide
 * enough are written inside their segment; every value is in the legend under the axis.
 */

const derived = (row: Figure['rows'][number]) => (row.derived ? ' (derived)' : '');

export const stacked: ChartKindModule<'stacked'> = {
  kind: 'stacked',
  description: 'parts of a whole',
  barThickness: 36,
  interactive: true,
  validate(figure, report) {
    const total = figure.rows.reduce((sum, row) => sum + row.value, 0);
    if (Math.abs(total - 100) > 1e-9) {
      report(['rows'], `of a "stacked" figure must add up to 100 (parts of a whole), but add up to ${total}`);
    }
  },
  layout(figure): ChartLayout {
    const legend = figure.rows.map((row) => `${row.label}: ${formatPercent(row.value)}${derived(row)}`);
    const legendBottom = legend.length * CHART.legendLine + 8;
    const band = stacked.barThickness + 2 * CHART.labelGap;
    return {
      kind: 'stacked',
      height: band + CHART.axisHeight + legendBottom,
      legendTop: 0,
      legendBottom,
      band,
      labels: [],
      legend,
      barThickness: stacked.barThickness,
    };
  },
  svg(figure, layout) {
    const y = CHART.labelGap;
    let start = 0;
    const segments = figure.rows.map((row, i) => {
      const rect = `<rect class="mt-chart-fill-${(i % 3) + 1}" x="${pct(start)}" y="${y}" width="${pct(row.value)}" height="${layout.barThickness}" />`;
      const attrs = 'class="mt-chart-on-fill" text-anchor="middle" dominant-baseline="central"';
      const inside =
        row.value >= CHART.minInside
          ? svgText(pct(start + row.value / 2), y + layout.barThickness / 2, valueLabel(row.value), attrs)
          : '';
      start += row.value;
      return rect + inside;
    });
    return svgPlot(layout.band, segments.join('')) + svgLegend(layout);
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

import type { Figure } from '../schema/figure.ts';
import { formatPercent } from '../format.ts';
import { chartKind } from './kinds/index.ts';
import type { ChartSpec, ChartTheme } from './kinds/types.ts';
import { AXIS_MAX, CHART, type ChartLayout } from './shared.ts';

/**
 * Figure -> Chart.js configuration, as plain data plus a tick formatter. The labels that
 * Chart.js cannot place itself (category labels above bars, values at bar ends, legends) travel in
 * `options.plugins.mtLabels` for the small drawing plugin of the client script.
 */

export type { ChartSpec, ChartTheme };

export interface LabelPluginOptions {
  layout: ChartLayout;
  /** Value label per dataset, per bar. */
  values: string[][];
  /** Whether a dataset's values go inside the bar (stacked) or after its end. */
  inside: boolean;
  /** Values under this share of the axis are not written inside a stacked segment. */
  minInside: number;
  /** Gap between the end of a bar and its value label, in px. */
  valueOffset: number;
  theme: ChartTheme;
  fontSize: number;
  lineHeight: number;
  labelGap: number;
  legendLine: number;
}

/** What the page embeds for the interactive chart of `figure` (build time). */
export function figureChartSpec(figure: Figure): ChartSpec {
  const kind = chartKind(figure.kind);
  return { title: figure.title, layout: kind.layout(figure), ...kind.chart(figure) };
}

export function figureToChartConfig(figure: Figure, theme: ChartTheme) {
  return chartConfig(figureChartSpec(figure), theme);
}

/** The Chart.js configuration of an embedded spec in the page's theme (in the browser). */
export function chartConfig(spec: ChartSpec, theme: ChartTheme) {
  const { layout, labels: categories, datasets, values, stacked } = spec;
  const labels: LabelPluginOptions = {
    layout,
    values,
    inside: stacked,
    minInside: CHART.minInside,
    valueOffset: CHART.valueOffset,
    theme,
    fontSize: CHART.fontSize,
    lineHeight: CHART.lineHeight,
    labelGap: CHART.labelGap,
    legendLine: CHART.legendLine,
  };
  return {
    type: 'bar' as const,
    data: {
      labels: categories,
      datasets: datasets.map(({ label, data, fill }) => ({
        label,
        data,
        backgroundColor: theme.fills[fill]!,
        barThickness: layout.barThickness,
        categoryPercentage: 1,
        barPercentage: 1,
        borderWidth: 0,
      })),
    },
    options: {
      indexAxis: 'y' as const,
      responsive: true,
      maintainAspectRatio: false,
      animation: theme.animate ? { duration: 400 } : (false as const),
      layout: { padding: { top: layout.legendTop, bottom: layout.legendBottom, left: 0, right: 0 } },
      font: { family: theme.fontFamily, size: CHART.fontSize },
      scales: {
        x: {
          min: 0,
          max: AXIS_MAX,
          stacked,
          border: { display: false },
          grid: { color: theme.grid, drawTicks: false },
          ticks: {
            stepSize: 25,
            includeBounds: false,
            align: 'inner' as const,
            padding: 8,
            color: theme.muted,
            font: { size: 12 },
            callback: (value: string | number) => (Number(value) <= 100 ? formatPercent(Number(value)) : ''),
          },
        },
        y: { display: false, stacked },
      },
      plugins: {
        legend: { display: false },
        mtLabels: labels,
      },
    },
  };
}

export type FigureChartConfig = ReturnType<typeof chartConfig>;

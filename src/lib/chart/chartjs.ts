import type { Figure } from '../schema/figure.ts';
import { formatPercent } from '../format.ts';
import { AXIS_MAX, CHART, chartLayout, type ChartLayout } from './layout.ts';

/**
 * Figure -> Chart.js configuration, as plain data plus a tick formatter. The labels that
 * Chart.js cannot place itself (category labels above bars, values at bar ends, legends) travel in
 * `options.plugins.mtLabels` for the small drawing plugin of the client script.
 */

export interface ChartTheme {
  /** Fill colours of the series/segments, in order. */
  fills: readonly [string, string, string];
  text: string;
  muted: string;
  grid: string;
  /** Text colour on top of a fill. */
  onFill: string;
  fontFamily: string;
  /** False under prefers-reduced-motion. */
  animate: boolean;
}

export interface LabelPluginOptions {
  layout: ChartLayout;
  /** Value label per dataset, per bar. */
  values: string[][];
  /** Whether a dataset's values go inside the bar (stacked) or after its end. */
  inside: boolean;
  /** Values under this share of the axis are not written inside a stacked segment. */
  minInside: number;
  theme: ChartTheme;
  fontSize: number;
  lineHeight: number;
  labelGap: number;
  legendLine: number;
}

export function figureToChartConfig(figure: Figure, theme: ChartTheme) {
  const layout = chartLayout(figure);
  const stacked = figure.kind === 'stacked';
  const datasets = stacked
    ? figure.rows.map((row, i) => ({ label: row.label, data: [row.value], backgroundColor: theme.fills[i % 3] }))
    : [
        {
          label: figure.seriesLabels?.[0] ?? figure.title,
          data: figure.rows.map((r) => r.value),
          backgroundColor: theme.fills[0],
        },
        ...(figure.kind === 'paired'
          ? [
              {
                label: figure.seriesLabels?.[1] ?? 'previous edition',
                data: figure.rows.map((r) => r.previous ?? 0),
                backgroundColor: theme.fills[1],
              },
            ]
          : []),
      ];
  const values = datasets.map((d, j) =>
    d.data.map((v, i) => `${formatPercent(v)}${!stacked && j === 0 && figure.rows[i]?.derived ? '*' : ''}`),
  );
  const labels: LabelPluginOptions = {
    layout,
    values,
    inside: stacked,
    minInside: 10,
    theme,
    fontSize: CHART.fontSize,
    lineHeight: CHART.lineHeight,
    labelGap: CHART.labelGap,
    legendLine: CHART.legendLine,
  };
  return {
    type: 'bar' as const,
    data: {
      labels: stacked ? [figure.title] : figure.rows.map((r) => r.label),
      datasets: datasets.map((d) => ({
        ...d,
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

export type FigureChartConfig = ReturnType<typeof figureToChartConfig>;

import type { ChartKind, Figure, FigureRow } from '../../schema/figure.ts';
import { formatPercent } from '../../format.ts';
import { CHART, pct, svgLegend, svgPlot, svgText, valueLabel, wrapLabel, type ChartLayout } from '../shared.ts';
import type { ChartData, FigureTable } from './types.ts';

/**
 * What the banded kinds (bars, paired) share: one band per row, its category label above it and one
 * bar per series in it, each with its value written after its end. Only the first series marks derived
 * values with an asterisk (the previous edition is published as it is).
 */

/** One bar in every band: the series' name and its value in a row. */
export interface BandSeries {
  name: string;
  value: (row: FigureRow) => number;
}

export function bandLayout(figure: Figure, kind: ChartKind, barThickness: number, bars: number, legend: string[]) {
  const labels = figure.rows.map((row) => wrapLabel(row.label));
  const lines = Math.max(...labels.map((l) => l.length));
  const band = bars * barThickness + 2 * (lines * CHART.lineHeight + CHART.labelGap + 4);
  const legendTop = legend.length > 0 ? legend.length * CHART.legendLine + 4 : 0;
  return {
    kind,
    height: legendTop + band * figure.rows.length + CHART.axisHeight,
    legendTop,
    legendBottom: 0,
    band,
    labels,
    legend,
    barThickness,
  } satisfies ChartLayout;
}

export function bandSvg(figure: Figure, layout: ChartLayout, series: readonly BandSeries[]): string {
  const thickness = layout.barThickness;
  const labels: string[] = [];
  const bars: string[] = [];
  figure.rows.forEach((row, i) => {
    const barsTop = i * layout.band + layout.band / 2 - (series.length * thickness) / 2;
    const lines = layout.labels[i]!;
    lines.forEach((line, k) => {
      const y = layout.legendTop + barsTop - CHART.labelGap - (lines.length - 1 - k) * CHART.lineHeight - 4;
      labels.push(svgText(0, y, line, 'class="mt-chart-label"'));
    });
    series.forEach(({ value }, j) => {
      const y = barsTop + j * thickness;
      const width = pct(value(row));
      bars.push(`<rect class="mt-chart-fill-${j + 1}" x="0" y="${y}" width="${width}" height="${thickness}" />`);
      const label = valueLabel(value(row), row.derived && j === 0);
      const attrs = `class="mt-chart-value" dx="${CHART.valueOffset}" dominant-baseline="central"`;
      bars.push(svgText(width, y + thickness / 2, label, attrs));
    });
  });
  const plot = svgPlot(layout.band * figure.rows.length, bars.join(''), layout.legendTop);
  return svgLegend(layout) + plot + labels.join('');
}

export function bandChart(figure: Figure, series: readonly BandSeries[]): ChartData {
  return {
    labels: figure.rows.map((r) => r.label),
    datasets: series.map(({ name, value }, j) => ({
      label: name,
      data: figure.rows.map(value),
      fill: j % 3,
    })),
    values: series.map(({ value }, j) => figure.rows.map((row) => valueLabel(value(row), row.derived && j === 0))),
    stacked: false,
  };
}

export function bandTable(figure: Figure, series: readonly BandSeries[]): FigureTable {
  return {
    columns: series.map((s) => s.name),
    rows: figure.rows.map((row) => ({
      label: row.label,
      derived: row.derived,
      cells: series.map(({ value }) => formatPercent(value(row))),
    })),
  };
}

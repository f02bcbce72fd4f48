import { describe, expect, it } from 'vitest';
import { figureToChartConfig, type ChartTheme } from '../../src/lib/chart/chartjs.ts';
import { chartLayout } from '../../src/lib/chart/layout.ts';
import { AXIS_MAX, CHART } from '../../src/lib/chart/shared.ts';
import { figureToSvg } from '../../src/lib/chart/svg.ts';
import { barsFigure, pairedFigure, stackedFigure } from './fixtures/figures.ts';

const theme: ChartTheme = {
  fills: ['#1f4e79', '#9dc3e6', '#c55a11'],
  text: '#1a1a1a',
  muted: '#595959',
  grid: '#d9d9d9',
  onFill: '#ffffff',
  fontFamily: 'system-ui, sans-serif',
  animate: true,
};

describe('figureToChartConfig', () => {
  it('draws a bar figure as one horizontal dataset holding its values', () => {
    const config = figureToChartConfig(barsFigure(), theme);
    expect(config.type).toBe('bar');
    expect(config.options.indexAxis).toBe('y');
    expect(config.data.labels).toEqual([
      'Infrastructure and operations leaders',
      'CTOs',
      'CIOs',
      'Heads of data science',
    ]);
    expect(config.data.datasets.map((d) => d.data)).toEqual([[57, 39, 35, 31]]);
    expect(config.data.datasets[0]?.backgroundColor).toBe('#1f4e79');
  });

  it('draws a paired figure as two datasets, the current edition then the previous one', () => {
    const { datasets } = figureToChartConfig(pairedFigure(), theme).data;
    expect(datasets.map((d) => [d.label, d.data])).toEqual([
      ['2021 edition', [83, 20]],
      ['2020 edition', [71, 7]],
    ]);
    expect(datasets.map((d) => d.backgroundColor)).toEqual(['#1f4e79', '#9dc3e6']);
  });

  it('draws a stacked figure as one dataset per segment on a single stacked bar', () => {
    const config = figureToChartConfig(stackedFigure(), theme);
    expect(config.data.labels).toEqual(['AI/ML moved up the list of IT priorities']);
    expect(config.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['Increased', [64]],
      ['Stayed the same', [30]],
      ['Decreased', [6]],
    ]);
    expect(config.options.scales.x.stacked).toBe(true);
    expect(config.options.scales.y.stacked).toBe(true);
  });

  it('does not stack the bars of bar and paired figures', () => {
    expect(figureToChartConfig(barsFigure(), theme).options.scales.x.stacked).toBe(false);
    expect(figureToChartConfig(pairedFigure(), theme).options.scales.x.stacked).toBe(false);
  });

  it('uses the same bar thickness as the static SVG', () => {
    for (const figure of [barsFigure(), pairedFigure(), stackedFigure()]) {
      const config = figureToChartConfig(figure, theme);
      for (const dataset of config.data.datasets) expect(dataset.barThickness).toBe(chartLayout(figure).barThickness);
    }
  });

  it('ends 100% at the same share of the width as the static SVG', () => {
    const { x } = figureToChartConfig(barsFigure(), theme).options.scales;
    expect(x.min).toBe(0);
    expect(x.max).toBe(AXIS_MAX);
    expect((100 / x.max) * 100).toBeCloseTo(CHART.barArea * 100, 10);
  });

  it('labels axis ticks as percentages and hides the ticks past 100%', () => {
    const { callback } = figureToChartConfig(barsFigure(), theme).options.scales.x.ticks;
    expect(callback(0)).toBe('0%');
    expect(callback(25)).toBe('25%');
    expect(callback('100')).toBe('100%');
    expect(callback(AXIS_MAX)).toBe('');
  });

  it('animates only when the theme allows motion', () => {
    expect(figureToChartConfig(barsFigure(), theme).options.animation).toEqual({ duration: 400 });
    expect(figureToChartConfig(barsFigure(), { ...theme, animate: false }).options.animation).toBe(false);
  });

  it('hands the value labels to the label plugin, with an asterisk on derived bars', () => {
    const figure = barsFigure({
      rows: [
        { label: 'Published', value: 57 },
        { label: 'Computed', value: 12.5, derived: true },
      ],
      note: 'Computed is derived.',
    });
    const labels = figureToChartConfig(figure, theme).options.plugins.mtLabels;
    expect(labels.values).toEqual([['57%', '12.5%*']]);
    expect(labels.inside).toBe(false);
  });

  it('writes paired value labels for both editions', () => {
    expect(figureToChartConfig(pairedFigure(), theme).options.plugins.mtLabels.values).toEqual([
      ['83%', '20%'],
      ['71%', '7%'],
    ]);
  });

  it('writes stacked values inside their segments, without asterisks', () => {
    const labels = figureToChartConfig(stackedFigure(), theme).options.plugins.mtLabels;
    expect(labels.values).toEqual([['64%'], ['30%'], ['6%']]);
    expect(labels.inside).toBe(true);
    expect(labels.layout.legend).toContain('Stayed the same: 30% (derived)');
  });

  it('hands the label plugin the value offset and inside threshold the static SVG uses', () => {
    const labels = figureToChartConfig(stackedFigure(), theme).options.plugins.mtLabels;
    expect(labels.valueOffset).toBe(CHART.valueOffset);
    expect(labels.minInside).toBe(CHART.minInside);
    expect(figureToSvg(barsFigure())).toContain(`class="mt-chart-value" dx="${CHART.valueOffset}"`);
    const inside = [...figureToSvg(stackedFigure()).matchAll(/class="mt-chart-on-fill"[^>]*>([\d.]+)%/g)];
    expect(inside.map((m) => Number(m[1]))).toEqual(
      stackedFigure()
        .rows.map((r) => r.value)
        .filter((v) => v >= labels.minInside),
    );
  });
});

import { BarController, BarElement, CategoryScale, Chart, LinearScale, type Plugin } from 'chart.js';
import { chartConfig, type ChartSpec, type ChartTheme, type LabelPluginOptions } from '../lib/chart/chartjs.ts';
import { legendStart } from '../lib/chart/shared.ts';

/** Draws the labels Chart.js does not place itself: category labels above bars, values, legends. */
const labels: Plugin<'bar', LabelPluginOptions> = {
  id: 'mtLabels',
  afterDatasetsDraw(chart, _args, opts) {
    const { ctx, chartArea } = chart;
    const { layout, theme } = opts;
    const font = (weight: string) => `${weight} ${opts.fontSize}px ${theme.fontFamily}`;
    ctx.save();
    chart.data.datasets.forEach((dataset, j) => {
      chart.getDatasetMeta(j).data.forEach((bar, i) => {
        const { x, y, base } = bar.getProps(['x', 'y', 'base'], true) as { x: number; y: number; base: number };
        const text = opts.values[j]?.[i] ?? '';
        ctx.font = font('700');
        ctx.textBaseline = 'middle';
        if (opts.inside) {
          if (Number(dataset.data[i]) < opts.minInside) return;
          ctx.fillStyle = theme.onFill;
          ctx.textAlign = 'center';
          ctx.fillText(text, (x + base) / 2, y);
        } else {
          ctx.fillStyle = theme.text;
          ctx.textAlign = 'left';
          ctx.fillText(text, x + opts.valueOffset, y);
        }
      });
    });
    ctx.font = font('400');
    ctx.fillStyle = theme.text;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
    if (!opts.inside) {
      chart.getDatasetMeta(0).data.forEach((bar, i) => {
        const { y, height } = bar.getProps(['y', 'height'], true) as { y: number; height: number };
        const top = y - height / 2;
        const lines = layout.labels[i] ?? [];
        lines.forEach((line, k) => {
          ctx.fillText(line, chartArea.left, top - opts.labelGap - (lines.length - 1 - k) * opts.lineHeight - 4);
        });
      });
    }
    const swatch = (x: number, top: number, colour: string, text: string) => {
      ctx.fillStyle = colour;
      ctx.fillRect(x, top, 14, 14);
      ctx.fillStyle = theme.text;
      ctx.fillText(text, x + 20, top + 12);
    };
    const legendTop = legendStart(layout, chart.height);
    layout.legend.forEach((entry, i) => swatch(0, legendTop + i * opts.legendLine, theme.fills[i % 3]!, entry));
    ctx.restore();
  },
};

// Only what a horizontal bar chart needs. Values are written on the bars, so no tooltip plugin.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, labels);

/**
 * The chart colours of the theme in force at `box`. Tokens are `light-dark()` pairs, so each is resolved
 * through a probe element's computed colour, as the SVG fallback resolves the same tokens.
 */
function readTheme(box: HTMLElement): ChartTheme {
  const probe = document.createElement('span');
  probe.hidden = true;
  box.append(probe);
  const token = (name: string) => {
    probe.style.color = `var(--mt-color-${name})`;
    return getComputedStyle(probe).color;
  };
  const theme: ChartTheme = {
    fills: [token('chart-1'), token('chart-2'), token('chart-3')],
    text: token('text'),
    muted: token('muted'),
    grid: token('chart-grid'),
    onFill: token('chart-on'),
    fontFamily: getComputedStyle(box).fontFamily,
    animate: !matchMedia('(prefers-reduced-motion: reduce)').matches,
  };
  probe.remove();
  return theme;
}

/** Replaces the static SVG in `box` with a Chart.js chart of the same size, kept in step with the theme. */
export function drawChart(box: HTMLElement): void {
  const figureElement = box.closest('figure');
  const data = figureElement?.querySelector('[data-chart-data]')?.textContent;
  if (!figureElement || !data) return;
  const spec = JSON.parse(data) as ChartSpec;
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  const summary = box.querySelector('svg')?.getAttribute('aria-labelledby');
  if (summary) canvas.setAttribute('aria-labelledby', summary);
  canvas.textContent = document.getElementById(summary ?? '')?.textContent ?? spec.title;
  box.append(canvas);
  let chart = new Chart(canvas, chartConfig(spec, readTheme(box)));
  box.classList.add('is-interactive');
  box.dataset.chartReady = 'true';
  const redraw = () => {
    chart.destroy();
    chart = new Chart(canvas, chartConfig(spec, readTheme(box)));
  };
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', redraw);
  // The theme button sets `data-theme` on <html>.
  new MutationObserver(redraw).observe(document.documentElement, { attributeFilter: ['data-theme'] });
  matchMedia('(prefers-reduced-motion: reduce)').addEventListener('change', redraw);
}

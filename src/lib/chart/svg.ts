import type { Figure } from '../schema/figure.ts';
import { formatPercent } from '../format.ts';
import { CHART, chartLayout } from './layout.ts';

/**
 * The static chart: an SVG drawn at build time from the same layout as the interactive chart, readable
 * without JavaScript and in print. Pixel heights, percentage widths: it fills any width from 320 px up.
 * Colours come from the theme's custom properties through class names.
 */

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

const pct = (value: number) => `${+value.toFixed(4)}%`;

/** Text at a fixed pixel position; `x` may be a percentage. */
function text(x: string | number, y: number, content: string, attrs = ''): string {
  return `<text x="${x}" y="${y}"${attrs ? ` ${attrs}` : ''}>${escapeXml(content)}</text>`;
}

function axis(height: number): string {
  const grid = CHART.ticks.map((t) => `<line class="mt-chart-grid" x1="${t}%" x2="${t}%" y1="0" y2="${height}" />`);
  const labels = CHART.ticks.map((t) =>
    text(`${t}%`, height + 16, formatPercent(t), `class="mt-chart-tick" text-anchor="${t === 0 ? 'start' : 'middle'}"`),
  );
  return [...grid, ...labels].join('');
}

function bars(figure: Figure): string {
  const layout = chartLayout(figure);
  const paired = figure.kind === 'paired';
  const out: string[] = [];
  const bands: string[] = [];
  figure.rows.forEach((row, i) => {
    const centre = i * layout.band + layout.band / 2;
    const barsTop = centre - (paired ? layout.barThickness : layout.barThickness / 2);
    const lines = layout.labels[i]!;
    lines.forEach((line, k) => {
      const y = layout.legendTop + barsTop - CHART.labelGap - (lines.length - 1 - k) * CHART.lineHeight - 4;
      out.push(text(0, y, line, 'class="mt-chart-label"'));
    });
    const values = paired ? [row.value, row.previous ?? 0] : [row.value];
    values.forEach((value, j) => {
      const y = barsTop + j * layout.barThickness;
      bands.push(
        `<rect class="mt-chart-fill-${j + 1}" x="0" y="${y}" width="${pct(value)}" height="${layout.barThickness}" />`,
      );
      const label = `${formatPercent(value)}${row.derived && j === 0 ? '*' : ''}`;
      bands.push(
        text(
          pct(value),
          y + layout.barThickness / 2,
          label,
          'class="mt-chart-value" dx="6" dominant-baseline="central"',
        ),
      );
    });
  });
  const plotHeight = layout.band * figure.rows.length;
  const legend = paired
    ? layout.legend
        .map((name, j) => {
          const top = 4 + j * CHART.legendLine;
          return `<rect class="mt-chart-fill-${j + 1}" x="0" y="${top}" width="14" height="14" />${text(0, top + 12, name, 'class="mt-chart-legend" dx="20"')}`;
        })
        .join('')
    : '';
  const plot = `<svg x="0" y="${layout.legendTop}" width="${CHART.barArea * 100}%" height="${plotHeight + CHART.axisHeight}" overflow="visible">${axis(plotHeight)}${bands.join('')}</svg>`;
  return legend + plot + out.join('');
}

function stacked(figure: Figure): string {
  const layout = chartLayout(figure);
  const y = CHART.labelGap;
  let start = 0;
  const segments = figure.rows.map((row, i) => {
    const rect = `<rect class="mt-chart-fill-${(i % 3) + 1}" x="${pct(start)}" y="${y}" width="${pct(row.value)}" height="${layout.barThickness}" />`;
    const inside =
      row.value >= 10
        ? text(
            pct(start + row.value / 2),
            y + layout.barThickness / 2,
            formatPercent(row.value),
            'class="mt-chart-on-fill" text-anchor="middle" dominant-baseline="central"',
          )
        : '';
    start += row.value;
    return rect + inside;
  });
  const plot = `<svg x="0" y="0" width="${CHART.barArea * 100}%" height="${layout.band + CHART.axisHeight}" overflow="visible">${axis(layout.band)}${segments.join('')}</svg>`;
  const legendTop = layout.band + CHART.axisHeight + 8;
  const legend = layout.legend
    .map((entry, i) => {
      const top = legendTop + i * CHART.legendLine;
      return `<rect class="mt-chart-fill-${(i % 3) + 1}" x="0" y="${top}" width="14" height="14" />${text(0, top + 12, entry, 'class="mt-chart-legend" dx="20"')}`;
    })
    .join('');
  return plot + legend;
}

export interface SvgOptions {
  /** Id of the element whose text names the chart (the figure's summary). */
  labelledBy?: string;
}

/** The whole `<svg>` element for a figure. */
export function figureToSvg(figure: Figure, options: SvgOptions = {}): string {
  const { height } = chartLayout(figure);
  const naming = options.labelledBy ? ` aria-labelledby="${escapeXml(options.labelledBy)}"` : '';
  const body = figure.kind === 'stacked' ? stacked(figure) : bars(figure);
  return `<svg class="mt-chart-svg" xmlns="http://www.w3.org/2000/svg" width="100%" height="${height}" role="img"${naming} font-size="${CHART.fontSize}">${body}</svg>`;
}

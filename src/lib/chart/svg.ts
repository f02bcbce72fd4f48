import type { Figure } from '../schema/figure.ts';
import { chartKind } from './kinds/index.ts';
import { CHART, escapeXml } from './shared.ts';

/**
 * The chart: an SVG drawn at build time, readable
 * without JavaScript and in print. Pixel heights, percentage widths: it fills any width from 320 px up.
 * Colours come from the theme's custom properties through class names.
 */

export interface SvgOptions {
  /** Id of the element whose text names the chart (the figure's summary). */
  labelledBy?: string;
  /** The wide variant (labels left of the bars), where the kind has one; else the narrow layout. */
  wide?: boolean;
}

/** The whole `<svg>` element for a figure. */
export function figureToSvg(figure: Figure, options: SvgOptions = {}): string {
  const kind = chartKind(figure.kind);
  const narrow = kind.layout(figure);
  const layout = options.wide && narrow.wide ? narrow.wide : narrow;
  const naming = options.labelledBy ? ` aria-labelledby="${escapeXml(options.labelledBy)}"` : '';
  const body = kind.svg(figure, layout);
  return `<svg class="mt-chart-svg" xmlns="http://www.w3.org/2000/svg" width="100%" height="${layout.height}" role="img"${naming} font-size="${CHART.fontSize}">${body}</svg>`;
}

import { formatPercent } from '../format.ts';
import { escapeXml } from '../chart/shared.ts';

/** One column of the cover graphic: a trend's position and its headline value, where it has one. */
export interface CoverValue {
  order: number;
  value?: number | undefined;
}

const WIDTH = 600;
const HEIGHT = 400;
/** Room under the columns for the trend numbers, and above them for the value labels. */
const FOOT = 28;
const HEAD = 26;

/**
 * The cover's graphic, drawn from the data: one column per trend, as tall as its headline share, the
 * report's lead number in the accent colour. A trend without a published value gets an empty outline.
 * Sized in a viewBox, so it scales to the cover; colours come from the classes in report-print.css.
 */
export function coverGraphicSvg(values: readonly CoverValue[], highlight?: number): string {
  const slot = WIDTH / Math.max(values.length, 1);
  const column = slot * 0.62;
  const plot = HEIGHT - FOOT - HEAD;
  const parts = values.map(({ order, value }, i) => {
    const x = +(i * slot + (slot - column) / 2).toFixed(2);
    const centre = +(x + column / 2).toFixed(2);
    const number = `<text class="cover-graphic-order" x="${centre}" y="${HEIGHT - 8}" text-anchor="middle">${order}</text>`;
    if (value === undefined) {
      const y = HEAD + plot - 4;
      return `<rect class="cover-graphic-empty" x="${x}" y="${y}" width="${+column.toFixed(2)}" height="4" />${number}`;
    }
    const height = +((plot * value) / 100).toFixed(2);
    const y = +(HEAD + plot - height).toFixed(2);
    const fill = order === highlight ? 'cover-graphic-lead' : 'cover-graphic-bar';
    const label = `<text class="cover-graphic-value" x="${centre}" y="${y - 8}" text-anchor="middle">${escapeXml(formatPercent(value))}</text>`;
    return `<rect class="${fill}" x="${x}" y="${y}" width="${+column.toFixed(2)}" height="${height}" />${label}${number}`;
  });
  const baseline = `<line class="cover-graphic-axis" x1="0" x2="${WIDTH}" y1="${HEAD + plot}" y2="${HEAD + plot}" />`;
  return `<svg class="cover-graphic" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" aria-hidden="true">${parts.join('')}${baseline}</svg>`;
}

/**
 * A figure as a standalone image: the chart's own SVG (`figureToSvg`) with its title above, its source
 * line below and the site's name and the article's address at the foot, so that a copy of it names where
 * it came from. The same SVG is the SVG download and, rasterised by resvg, the figure's social image
 * (1200 px wide) and the PNG download (2400 px wide, `@2x`). Colours and type come from the site's own stylesheet, resolved
 * to the light theme (`chartStyles`), since an image cannot follow a reader's theme.
 */
import type { Figure } from './schema/figure.ts';
import { figureCreditLine, figureSubtitle, type SurveyCredit } from './chart/summary.ts';
import { chartLayout } from './chart/layout.ts';
import { figureToSvg } from './chart/svg.ts';
import { wrapGreedy, wrapLabel } from './chart/shared.ts';

/** The image's width in SVG units; the PNG is drawn at `PNG_WIDTH`, 1.5 times as large. */
export const IMAGE_WIDTH = 800;
export const PNG_WIDTH = 1200;
const PAD = 32;
const INNER = IMAGE_WIDTH - 2 * PAD;
const TITLE = {
  size: 24,
  line: 30,
  /** average glyph width in em, bold serif: errs wide so no line overruns */ em: 0.56,
};
const SMALL = { size: 14, line: 19, em: 0.46 };
const SUBTITLE = { size: 16, line: 22, em: 0.46 };

/** The font stacks of the image: the site's fonts first (loaded by resvg, named in the SVG download), then system fonts. */
export const IMAGE_FONTS = {
  body: "'Source Sans 3', 'Source Sans Pro', 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
  heading: "'Source Serif 4', 'Source Serif Pro', Georgia, 'Times New Roman', serif",
};

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);

/** Splits text into lines of at most `chars` characters, at breakable spaces. */
export const wrapText = (text: string, chars: number): string[] => wrapGreedy(text, chars).filter(Boolean);

export interface FigureImageInput {
  /** Typeset, as on the page. */
  figure: Figure;
  /** The survey the figure's values come from, named in the source line; its size may stand in the subtitle. */
  survey: SurveyCredit;
  siteName: string;
  /** The article's address, as readers would type it (no scheme); empty for a local build, which credits the site by name. */
  articleAddress: string;
  /** CSS for the chart's classes with concrete colours (`chartStyles`). */
  style: string;
}

/** The standalone SVG and its size in SVG units. */
export function figureImageSvg(input: FigureImageInput): { svg: string; width: number; height: number } {
  const { figure } = input;
  // The title's lines balanced, as the page's caption is: no word alone on a last line.
  const title = wrapLabel(figure.title, Math.floor(INNER / (TITLE.size * TITLE.em)));
  const subtitle = wrapText(figureSubtitle(figure), Math.floor(INNER / (SUBTITLE.size * SUBTITLE.em)));
  // A derived value travels with what "(derived)" means: the image has no "About this data".
  const credit = figureCreditLine(figure, input.survey);
  const source = wrapText(credit, Math.floor(INNER / (SMALL.size * SMALL.em)));
  // The image is wider than WIDE.minWidth: bars and paired charts take their wide layout (labels left).
  const layout = chartLayout(figure);
  const chartHeight = (layout.wide ?? layout).height;
  let y = PAD;
  const parts: string[] = [];
  parts.push(`<rect width="${IMAGE_WIDTH}" height="HEIGHT" class="mt-image-bg"/>`);
  for (const line of title) {
    y += TITLE.line;
    parts.push(`<text x="${PAD}" y="${y - 8}" class="mt-image-title">${escapeXml(line)}</text>`);
  }
  y += 4;
  for (const line of subtitle) {
    y += SUBTITLE.line;
    parts.push(`<text x="${PAD}" y="${y - 5}" class="mt-image-subtitle">${escapeXml(line)}</text>`);
  }
  y += 16;
  const chart = figureToSvg(figure, { wide: true }).replace(
    /^<svg class="mt-chart-svg"([^>]*?) width="100%"/,
    `<svg class="mt-chart-svg" x="${PAD}" y="${y}"$1 width="${INNER}"`,
  );
  parts.push(chart);
  y += chartHeight + 20;
  for (const line of source) {
    y += SMALL.line;
    parts.push(`<text x="${PAD}" y="${y - 5}" class="mt-image-small">${escapeXml(line)}</text>`);
  }
  y += 14;
  parts.push(`<line x1="${PAD}" x2="${IMAGE_WIDTH - PAD}" y1="${y}" y2="${y}" class="mt-image-divider"/>`);
  y += SMALL.line + 6;
  parts.push(
    `<text x="${PAD}" y="${y - 5}" class="mt-image-small"><tspan class="mt-image-site">${escapeXml(input.siteName)}</tspan>${input.articleAddress ? ` · ${escapeXml(input.articleAddress)}` : ''}</text>`,
  );
  const height = Math.ceil(y + PAD - 8);
  const css = `${input.style}
.mt-image-bg{fill:#ffffff}.mt-image-divider{stroke:#d3d9df;stroke-width:1}
.mt-image-title{font-family:${IMAGE_FONTS.heading};font-size:${TITLE.size}px;font-weight:700;fill:#1b1f24}
.mt-image-subtitle{font-family:${IMAGE_FONTS.body};font-size:${SUBTITLE.size}px;fill:#4f5b66}
.mt-image-small{font-family:${IMAGE_FONTS.body};font-size:${SMALL.size}px;fill:#4f5b66}
.mt-image-site{font-weight:700;fill:#1b1f24}`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${IMAGE_WIDTH}" height="${height}" viewBox="0 0 ${IMAGE_WIDTH} ${height}" font-family="${IMAGE_FONTS.body.replace(/'/g, '&apos;')}">` +
    `<title>${escapeXml(figure.title)}</title><style>${css}</style>${parts.join('').replace('height="HEIGHT"', `height="${height}"`)}</svg>\n`;
  return { svg, width: IMAGE_WIDTH, height };
}

/**
 * The PNG's size for a figure (typeset, as drawn): its SVG laid out without styles, which change colours,
 * never the size.
 */
export function figurePngSize(figure: Figure, survey: SurveyCredit): { width: number; height: number } {
  return pngSize(figureImageSvg({ figure, survey, siteName: '', articleAddress: '', style: '' }).height);
}

/** The PNG's size for an SVG of `height` units. */
export const pngSize = (height: number) => ({
  width: PNG_WIDTH,
  height: Math.round((height * PNG_WIDTH) / IMAGE_WIDTH),
});

/**
 * The chart's CSS with concrete colours, from the site's built stylesheets: the rules whose selectors name
 * only chart classes (`.mt-chart…`, `.mt-number…`, outside `@media`), with each `var(--…)` replaced by the
 * light theme's value of the token (`light-dark(light, dark)` resolves to `light`), and the fonts by
 * `IMAGE_FONTS`. Whatever the chart's design becomes, the image draws it as the page does.
 */
export function chartStyles(stylesheets: readonly string[]): string {
  const tokens = new Map<string, string>();
  const rules: string[] = [];
  for (const css of stylesheets) {
    for (const { selector, body } of topLevelRules(css.replace(/\/\*[\s\S]*?\*\//g, ''))) {
      if (/^:root\b/.test(selector) && !selector.includes('[')) {
        for (const decl of declarations(body)) {
          if (decl.name.startsWith('--') && !tokens.has(decl.name)) tokens.set(decl.name, decl.value);
        }
      }
      const selectors = selector.split(',').map((s) => s.trim());
      if (selectors.every((s) => /^(\.mt-(chart|number)[\w-]*)+( \S+)?$/.test(s) && !/[:[]/.test(s))) {
        rules.push(`${selector}{${body}}`);
      }
    }
  }
  tokens.set('--mt-font-body', IMAGE_FONTS.body);
  tokens.set('--mt-font-heading', IMAGE_FONTS.heading);
  const resolve = (value: string, depth = 0): string =>
    depth > 8
      ? value
      : value
          .replace(/var\(\s*(--[\w-]+)\s*(?:,([^()]*))?\)/g, (_, name: string, fallback?: string) =>
            resolve(tokens.get(name) ?? fallback ?? 'initial', depth + 1),
          )
          .replace(/light-dark\(\s*([^,()]+(?:\([^()]*\))?)\s*,[^()]*(?:\([^()]*\))?[^()]*\)/g, '$1');
  return rules.map((rule) => resolve(rule)).join('\n');
}

/** The rules at the top level of a stylesheet (at-rule blocks skipped whole). */
function topLevelRules(css: string): { selector: string; body: string }[] {
  const out: { selector: string; body: string }[] = [];
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open < 0) break;
    const selector = css.slice(i, open).trim();
    let depth = 1;
    let j = open + 1;
    while (j < css.length && depth > 0) {
      if (css[j] === '{') depth++;
      else if (css[j] === '}') depth--;
      j++;
    }
    const body = css.slice(open + 1, j - 1);
    if (selector.startsWith('@')) {
      // `@layer` blocks hold ordinary rules; media, supports and font faces do not apply to the image.
      if (/^@layer\b/.test(selector)) out.push(...topLevelRules(body));
    } else out.push({ selector: selector.replace(/^;+/, '').trim(), body });
    i = j;
  }
  return out;
}

function declarations(body: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    const c = body[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if ((c === ';' || i === body.length) && depth === 0) {
      const decl = body.slice(start, i);
      const colon = decl.indexOf(':');
      if (colon > 0) out.push({ name: decl.slice(0, colon).trim(), value: decl.slice(colon + 1).trim() });
      start = i + 1;
    }
  }
  return out;
}

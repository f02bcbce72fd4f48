/**
 * Pictures of the report for its page: the cover and two spreads (facing pages), drawn from the same
 * typeset document as the PDF (Typst's SVG of it, rasterised with resvg) and stored as WebP next to the
 * PDF, with their size and a text that says what each shows. No browser and no second typesetter.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PREVIEW_DIR, type ReportPreview, type ReportPreviews } from '../../../lib/report-manifest.ts';

/** The longest report whose pages are drawn for the report page (drawing takes the whole document as SVG). */
export const MAX_PREVIEW_PAGES = 300;

/** Width in pixels of one page in a picture: sharp on a 2× screen at the size the report page shows it. */
export const COVER_WIDTH = 560;
export const SPREAD_PAGE_WIDTH = 520;
/** The gap between the two pages of a spread, in pixels, and its colour (the gutter). */
const GUTTER = 4;
const GUTTER_COLOUR = '#9a9a9a';

interface Contents {
  title: string;
  page: number;
}

/** Which pages to show, and what each picture shows in words. */
export interface PreviewPlan {
  name: string;
  pages: number[];
  alt: string;
}

/**
 * "Part 1: Budgets rose" → "the start of part 1, “Budgets rose”"; "1. Budgets" → "the start of chapter 1,
 * “Budgets”", or, on a later page of it, "more of chapter 1, “Budgets”".
 */
function describeEntry(entry: Contents, continued = false): string {
  const part = /^Part (\d+): (.+)$/.exec(entry.title);
  if (part) return `${continued ? 'more of part' : 'the start of part'} ${part[1]}, “${part[2]}”`;
  const chapter = /^(\d+)\. (.+)$/.exec(entry.title);
  if (chapter) return `${continued ? 'more of' : 'the start of'} chapter ${chapter[1]}, “${chapter[2]}”`;
  return `${continued ? 'more of ' : ''}“${entry.title}”`;
}

/** What a page shows: the contents entries that start on it, or the continuation of the last one before. */
function describePage(page: number, contents: readonly Contents[]): string {
  const starting = contents.filter((c) => c.page === page);
  if (starting.length > 0) return starting.map((entry) => describeEntry(entry)).join(' and ');
  const before = contents.filter((c) => c.page < page).at(-1);
  return before ? describeEntry(before, true) : 'the report’s front matter';
}

/** How much of a page is used, and whether it shows colour (a chart): read from its pixels. */
export interface PageInk {
  /** The share of the body area (from the highest first line to the lowest last line of any page) in use. */
  fill: number;
  /** Coloured pixels (a chart's bars or lines; the text is black and grey). */
  colour: boolean;
}

/** A spread whose pages are both at least this full is shown; a half-empty page sells nothing. */
export const FULL_PAGE = 0.7;
/** A blank band taller than this share of the page is empty space; shorter ones are gaps between blocks. */
const EMPTY_BAND = 0.1;

/** An RGBA picture of one page. */
export interface PagePixels {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/**
 * The ink of each page: which rows hold something (a pixel darker than light grey, or coloured), with gaps
 * shorter than a tenth of the page counted as used; `fill` is the used share of the body area common to all
 * pages, so a page that stops halfway (then only its page number) is about half full.
 */
export function inkOf(pages: readonly PagePixels[]): PageInk[] {
  const rows = pages.map(({ width, height, pixels }) => {
    const inked: boolean[] = [];
    let coloured = 0;
    for (let y = 0; y < height; y++) {
      let row = false;
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
        const chroma = Math.max(r, g, b) - Math.min(r, g, b);
        if (chroma > 60) coloured += 1;
        if (Math.min(r, g, b) < 200 || chroma > 60) row = true;
      }
      inked.push(row);
    }
    return { inked, height, colour: coloured > width * height * 0.002 };
  });
  const firsts = rows.map((r) => r.inked.indexOf(true)).filter((y) => y >= 0);
  const lasts = rows.map((r) => r.inked.lastIndexOf(true)).filter((y) => y >= 0);
  const top = Math.min(...firsts);
  const bottom = Math.max(...lasts);
  return rows.map(({ inked, height, colour }) => {
    const used = [...inked];
    // Fill the short blank bands between inked rows.
    let gapStart = -1;
    for (let y = 0; y < inked.length; y++) {
      if (!inked[y]) {
        if (gapStart < 0) gapStart = y;
        continue;
      }
      if (gapStart > 0 && inked[gapStart - 1] && y - gapStart <= height * EMPTY_BAND) used.fill(true, gapStart, y);
      gapStart = -1;
    }
    const span = used.slice(top, bottom + 1);
    return { fill: span.length > 0 ? span.filter(Boolean).length / span.length : 0, colour };
  });
}

/**
 * The pages facing each other in the printed report that hold `page`: an even page on the left, the odd one
 * after it on the right (page 1, the cover, stands alone). A picture of pages 3 and 4 is no spread: no reader
 * ever sees them side by side (review round 8).
 */
export function facingPages(page: number): [number, number] {
  const left = page % 2 === 0 ? page : page - 1;
  return [left, left + 1];
}

/**
 * The cover, and two spreads, each two facing pages (`facingPages`), chosen by where sections start and never
 * by the report's length. With the ink of each page: the spread where the executive summary starts, then the
 * spread where the first part opener starts; without a summary, the part opener's spread and the first later
 * chapter spread whose pages are both full and one of which shows a chart, else the first full one, else
 * none. Without the ink: the spreads where the executive summary and the part opener start (the first two
 * contents entries when there is no such heading).
 */
export function planPreviews(
  title: string,
  pageCount: number,
  contents: readonly Contents[],
  ink?: readonly PageInk[],
): PreviewPlan[] {
  const plans: PreviewPlan[] = [{ name: 'cover', pages: [1], alt: `The cover of the report “${title}”.` }];
  const add = (pages: number[]) => {
    const what = pages.map((page) => `page ${page}, ${describePage(page, contents)}`).join('; ');
    plans.push({ name: `spread-${plans.length}`, pages, alt: `Two facing pages of the report: ${what}.` });
  };
  const part = contents.find((c) => /^Part \d+:/.test(c.title));
  if (ink && part && facingPages(part.page)[1] <= pageCount) {
    // Chapter pages: from the opener to the first entry after the last numbered chapter (the back matter).
    const lastChapter = contents.findLastIndex((c) => /^\d+\. /.test(c.title));
    const backMatter = contents.slice(lastChapter + 1).find((c) => c.page > part.page)?.page ?? pageCount + 1;
    const full = (page: number) => (ink[page - 1]?.fill ?? 0) >= FULL_PAGE;
    const chart = (pages: number[]) => pages.some((page) => ink[page - 1]?.colour);
    // The executive summary, wherever the report has one: the report's argument in one look, first, as a
    // reader meets it (review round 7: a dense chapter spread chosen over it sold nothing); then the first part
    // opener with its chapter.
    const summary = contents.find((c) => /summary/i.test(c.title) && c.page < part.page);
    const opener = facingPages(part.page);
    if (summary && facingPages(summary.page)[1] <= pageCount) {
      add(facingPages(summary.page));
      if (facingPages(summary.page)[0] !== opener[0]) add(opener);
      return plans;
    }
    add(opener);
    const candidates: number[][] = [];
    for (let left = opener[0] + 2; left + 1 < backMatter; left += 2) {
      if (full(left) && full(left + 1)) candidates.push([left, left + 1]);
    }
    const withChart = candidates.find(chart);
    const chosen = withChart ?? candidates[0];
    if (chosen) add(chosen);
    return plans;
  }
  const summary = contents.find((c) => /summary/i.test(c.title)) ?? contents[0];
  const opener = contents.find((c) => /^Part \d+:/.test(c.title) && c !== summary) ?? contents[1];
  for (const entry of [summary, opener]) {
    if (!entry || facingPages(entry.page)[1] > pageCount) continue;
    const pages = facingPages(entry.page);
    if (plans.some((p) => p.pages.includes(pages[0]))) continue;
    add(pages);
  }
  return plans;
}

/**
 * The document's SVG (Typst's plain SVG: each page a top-level group, shifted down by the pages before it,
 * the glyphs in shared `<defs>`) cut into one SVG per page, so that drawing a page reads that page only.
 */
export function pageSvgs(svg: string): { width: number; height: number; pages: string[] } {
  const root = /<svg\b[^>]*>/.exec(svg);
  const box = root && /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(root[0]);
  if (!root || !box) throw new Error('The report’s SVG has no view box: cannot draw its previews.');
  const groups: { start: number; end: number; offset: number }[] = [];
  const shared: string[] = [];
  let depth = 0;
  let start = 0;
  let opening = '';
  for (const tag of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    const [text, close, name, self] = tag;
    if (close) {
      depth -= 1;
      if (depth === 1) {
        const end = tag.index + text.length;
        if (name === 'g') {
          const offset = /^<g transform="matrix\(1 0 0 1 0 ([\d.]+)\)"/.exec(opening)?.[1];
          groups.push({ start, end, offset: Number(offset ?? 0) });
        } else if (name === 'defs' || name === 'style') shared.push(svg.slice(start, end));
      }
      continue;
    }
    if (depth === 1) {
      start = tag.index;
      opening = text;
    }
    if (!self) depth += 1;
  }
  const width = Number(box[1]);
  const height = Number(box[2]) / Math.max(1, groups.length);
  const head = root[0]
    .replace(/viewBox="[^"]*"/, `viewBox="0 0 ${width} ${height}"`)
    .replace(/\swidth="[^"]*"/, ` width="${width}"`)
    .replace(/\sheight="[^"]*"/, ` height="${height}"`);
  const pages = groups.map(
    (g) =>
      `${head}<rect width="${width}" height="${height}" fill="#ffffff"/>` +
      `<g transform="translate(0 ${-g.offset})">${svg.slice(g.start, g.end)}</g>${shared.join('')}</svg>`,
  );
  return { width, height, pages };
}

/** The ink of every page of the document's SVG, drawn small (120 pixels wide) to read its pixels. */
export async function documentInk(svg: string): Promise<PageInk[]> {
  const { Resvg } = await import('@resvg/resvg-js');
  const pictures = pageSvgs(svg).pages.map((page) => {
    const image = new Resvg(page, { fitTo: { mode: 'width', value: 120 }, background: '#ffffff' }).render();
    return { width: image.width, height: image.height, pixels: new Uint8Array(image.pixels) };
  });
  return inkOf(pictures);
}

/** One page's SVG as PNG, `width` pixels wide. */
async function renderPage(page: string, width: number): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  return new Resvg(page, { fitTo: { mode: 'width', value: width }, background: '#ffffff' }).render().asPng();
}

export interface RenderedPreview {
  file: string;
  bytes: Buffer;
  preview: ReportPreview;
}

/** Draws the planned pictures from the document's SVG: WebP files named by their content. */
export async function renderPreviews(
  series: string,
  svg: string,
  pageCount: number,
  plans: readonly PreviewPlan[],
): Promise<RenderedPreview[]> {
  const sharp = (await import('sharp')).default;
  const { pages: pageSvg } = pageSvgs(svg);
  if (pageSvg.length !== pageCount) {
    throw new Error(`The report's SVG has ${pageSvg.length} pages and its PDF ${pageCount}: cannot draw its previews.`);
  }
  const rendered: RenderedPreview[] = [];
  for (const plan of plans) {
    const pageWidth = plan.pages.length === 1 ? COVER_WIDTH : SPREAD_PAGE_WIDTH;
    const pages = await Promise.all(plan.pages.map((page) => renderPage(pageSvg[page - 1]!, pageWidth)));
    const heights = await Promise.all(pages.map(async (png) => (await sharp(png).metadata()).height));
    const height = Math.max(...heights);
    const width = pageWidth * pages.length + GUTTER * (pages.length - 1);
    const bytes = await sharp({ create: { width, height, channels: 3, background: GUTTER_COLOUR } })
      .composite(pages.map((png, i) => ({ input: png, left: i * (pageWidth + GUTTER), top: 0 })))
      .webp({ quality: 82 })
      .toBuffer();
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
    const file = `${series}-${plan.name}-${hash}.webp`;
    rendered.push({ file, bytes, preview: { file, width, height, alt: plan.alt, pages: plan.pages } });
  }
  return rendered;
}

/** The previews entry of the manifest, from the rendered pictures. */
export function previewsEntry(rendered: readonly RenderedPreview[]): ReportPreviews {
  const [cover, ...spreads] = rendered.map((r) => r.preview);
  return { cover: cover!, spreads };
}

/** Removes a series' earlier pictures from `dir` (series ids are letters, digits and hyphens). */
export function clearPreviews(dir: string, series: string): void {
  if (!existsSync(dir)) return;
  const own = new RegExp(`^${series}-(cover|spread-\\d+)-[0-9a-f]{12}\\.webp$`);
  for (const name of readdirSync(dir)) if (own.test(name)) rmSync(join(dir, name));
}

/** Makes `dir` and returns it. */
export function previewDir(outDir: string): string {
  const dir = join(outDir, PREVIEW_DIR);
  mkdirSync(dir, { recursive: true });
  return dir;
}

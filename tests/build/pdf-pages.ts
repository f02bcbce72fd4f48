import { createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Reads a printed PDF as a reader sees it, with pdf.js and a canvas in Node (no browser, no system
 * tools): each page rasterised, and its text with the size each piece is set in.
 */

/** What one page holds: its text items (with their size in points) and how much of it is left blank. */
export interface PdfPage {
  number: number;
  /** Each text item: its size in points, and its baseline's start (x from the left, y from the foot). */
  text: { str: string; size: number; x: number; y: number }[];
  /** Share (0..1) of the text area's height in the longest run of blank rows: the page's biggest hole. */
  blank: number;
}

/** A pixel darker than this in any channel is ink; the page's pale tints are not. */
const INK = 235;
/** Pixels per point when rasterising: enough to see a line of 8 pt text. */
const SCALE = 1;

/**
 * Rasterises every page and measures its blank share inside the text area (the page without the
 * `margins` in points top and bottom, where running heads and page numbers sit: the page margins of
 * src/integrations/report-pdf/typst/report.typ, 23 mm and 21 mm).
 */
export async function readPdfPages(bytes: Uint8Array, margins = { top: 65, bottom: 60 }): Promise<PdfPage[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number);
    const viewport = page.getViewport({ scale: SCALE });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    // pdf.js types its canvas as the DOM's; @napi-rs/canvas draws the same calls.
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
    const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
    const top = Math.round(margins.top * SCALE);
    const bottom = height - Math.round(margins.bottom * SCALE);
    let run = 0;
    let longest = 0;
    for (let y = top; y < bottom; y++) {
      let ink = false;
      for (let x = 0; x < width && !ink; x++) {
        const i = (y * width + x) * 4;
        ink = data[i]! < INK || data[i + 1]! < INK || data[i + 2]! < INK;
      }
      run = ink ? 0 : run + 1;
      longest = Math.max(longest, run);
    }
    const content = await page.getTextContent();
    const text = content.items.flatMap((item) => {
      if (!('str' in item)) return [];
      // The text matrix: its scale is the size the text is set in, its last entries the baseline's start.
      const [a, b, , , x, y] = item.transform as number[];
      return [{ str: item.str, size: Math.hypot(a!, b!), x: x!, y: y! }];
    });
    pages.push({ number, text, blank: longest / (bottom - top) });
  }
  return pages;
}

/** The text of a PDF in page order, white space collapsed: what a reader could find or copy in it. */
export async function readPdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  let text = '';
  for (let number = 1; number <= doc.numPages; number++) {
    const content = await (await doc.getPage(number)).getTextContent();
    for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? ' ' : '');
    text += ' ';
  }
  return text.replace(/\s+/g, ' ');
}

/**
 * Pages that end a chapter, where white space is expected: the page before each chapter's first page
 * (a chapter is a top-level heading below the title: depth 1 in the PDF's bookmarks) and the last page.
 */
export function chapterEnds(pageCount: number, outline: readonly { depth: number; page: number }[]): Set<number> {
  const starts = outline.filter((entry) => entry.depth <= 1).map((entry) => entry.page);
  return new Set([...starts.map((page) => page - 1), pageCount].filter((page) => page >= 1));
}

import { readFileSync } from 'node:fs';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { COUNT_WORDS } from '../../src/lib/number-words.ts';

/**
 * Quality checks on a printed report, each of which fails on a defect a reader or a preflight tool would
 * notice: widow pages, holes in the middle of a chapter, a PDF without tags, figures without alt text,
 * fonts not embedded or named for the wrong weight, a key number printed more than once on a page.
 *
 * `inspectPdf` reads the PDF once (pdf.js for pages, text, drawings and bookmarks; pdf-lib for the
 * structure tree and the fonts' dictionaries) into a `PdfReport`; the checks are plain functions of it.
 *
 * How a page's use of the type area is measured (docs/report-pdf.md, "Checks on every build"):
 * - Content is every text item (from its baseline, 0.25 em below to 0.75 em above) and every painted path or
 *   image (its bounding box under the current transform; clipping paths and page-sized backgrounds are not
 *   content). Text marked as an Artifact (Typst marks running heads and folios so) is not body content, nor
 *   is content at the same height in the page's outer eighth on half the pages or more (running heads, folios
 *   and their rules in a PDF that does not mark them). Typst also marks shapes as artifacts: drawings count.
 * - The type area is the page minus `margins` when the caller gives them; otherwise it is taken from the
 *   document: the highest top of the body content on nine pages in ten, and the lowest bottom likewise (full
 *   pages reach the type area's edges; a bleeding cover, one page in ten or fewer, does not move them).
 * - `fill`: the share of the type area's height between the highest and the lowest body content.
 * - `holes`: vertical runs of the type area with no body content, taller than `minHole` (two lines of
 *   10 pt text with their leading, 30 pt): the space above the first and below the last content count.
 */

/** A vertical stretch of a page, in points from the page's top edge. */
export interface Span {
  top: number;
  bottom: number;
}

/** A run of blank type area, and what borders it. */
export interface Hole extends Span {
  /** The content just above the hole (undefined: the type area's top edge) belongs to a figure. */
  afterFigure: boolean;
  /** The content just below it (undefined: the type area's foot) belongs to a figure. */
  beforeFigure: boolean;
}

export interface PageReport {
  /** 1-based page number. */
  number: number;
  /** The body text (artifacts left out), items joined by spaces. */
  text: string;
  /** The body text outside figures and tables ("running text"). */
  runningText: string;
  /** The text of each figure that has content on this page, keyed by the figure's index in `figures`. */
  figureText: Map<number, string>;
  /** The text of each Table element with content on this page, by its order in the structure tree. */
  tableText: Map<number, string>;
  /**
   * Text marked as an Artifact away from the page's outer eighths: a note in the margin, which shows a value but
   * stays out of the reading order (running heads and folios are left out).
   */
  noteText: string;
  /** The highest and lowest body content, clipped to the type area; undefined on a page without any. */
  content?: Span;
  /** The body content of each figure on the page, keyed like `figureText`. */
  figureSpans: Map<number, Span>;
  /** The body content as vertical runs, top down, clipped to the type area (pieces that touch are one run). */
  blocks: Span[];
  /** Share (0..1) of the type area's height between the highest and lowest body content. */
  fill: number;
  /** Share (0..1) of the type area's height outside holes: `fill` less the holes between content. */
  used: number;
  holes: Hole[];
  /** The page's first body content belongs to a figure. */
  opensWithFigure: boolean;
  /** The page has a running head or folio (text tagged as an Artifact, or found by `markFurniture`). */
  furniture: boolean;
  typeArea: Span;
}

/** A bookmark, with the page it opens and where on that page (points from the top, when known). */
export interface Bookmark {
  title: string;
  page: number;
  /** 1 for the outline's top level. */
  level: number;
  top?: number;
  children: Bookmark[];
}

/** A Figure element of the structure tree. */
export interface FigureReport {
  index: number;
  alt?: string;
  /** Pages its marked content sits on (empty: a Figure element with no content). */
  pages: number[];
}

export interface FontReport {
  /** The font's name without its subset prefix ("SourceSans3-Regular"). */
  name: string;
  subtype: string;
  embedded: boolean;
  /** The weight the font declares: the descriptor's FontWeight, else the embedded file's (`fileWeight`). */
  weight?: number;
}

export interface PdfReport {
  pages: PageReport[];
  outline: Bookmark[];
  /** The catalog's MarkInfo says Marked and the document has a structure tree root. */
  tagged: boolean;
  figures: FigureReport[];
  fonts: FontReport[];
  typeArea: Span;
  /** The document's title, author, subject and keywords (Info dictionary) and language (catalog's Lang). */
  metadata: Record<MetadataField, string | undefined>;
}

export type MetadataField = 'title' | 'author' | 'subject' | 'keywords' | 'language';

export interface InspectOptions {
  /** Page margins in points: the type area is the page without them. Default: taken from the document. */
  margins?: { top: number; bottom: number };
  /** The shortest blank run counted as a hole, in points. */
  minHole?: number;
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
/** The vertical extent (PDF units, y up) of a box under a matrix. */
const yExtent = (m: Matrix, x0: number, y0: number, x1: number, y1: number): [number, number] => {
  const ys = [
    [x0, y0],
    [x0, y1],
    [x1, y0],
    [x1, y1],
  ].map(([x, y]) => m[1] * x! + m[3] * y! + m[5]);
  return [Math.min(...ys), Math.max(...ys)];
};

const PAINTS = new Set<number>([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fill,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const IMAGES = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintSolidColorImageMask,
]);

/** A piece of body content on a page: where it sits (points from the top) and its marked-content id. */
interface Piece extends Span {
  id?: string;
  text?: string;
  /** Marked as an Artifact: Typst marks shapes so, and running heads and folios. */
  artifact?: boolean;
}

/**
 * Running heads, folios and their rules where the PDF does not mark them as artifacts (Chromium's): content in
 * the page's outer eighth, top or bottom, that sits at the same height on at least half the pages.
 */
function markFurniture(pages: { pieces: Piece[]; height: number }[]): void {
  const key = (piece: Piece) => `${piece.text === undefined ? 'd' : 't'}${Math.round(piece.top)}`;
  const outer = (piece: Piece, height: number) => piece.bottom < height / 8 || piece.top > (height * 7) / 8;
  const count = new Map<string, number>();
  for (const { pieces, height } of pages) {
    const keys = new Set(pieces.filter((piece) => !piece.artifact && outer(piece, height)).map(key));
    for (const k of keys) count.set(k, (count.get(k) ?? 0) + 1);
  }
  if (pages.length < 2) return;
  for (const { pieces, height } of pages)
    for (const piece of pieces)
      if (!piece.artifact && outer(piece, height) && (count.get(key(piece)) ?? 0) >= pages.length / 2)
        piece.artifact = true;
}

/** The value a share `q` (0..1) of the values lie below, nearest rank. */
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.round((sorted.length - 1) * q)]!;
};

/** Reads a PDF (a path or its bytes) into a report of its pages, outline, tags, figures and fonts. */
export async function inspectPdf(input: string | Uint8Array, options: InspectOptions = {}): Promise<PdfReport> {
  const bytes = typeof input === 'string' ? new Uint8Array(readFileSync(input)) : new Uint8Array(input);
  const minHole = options.minHole ?? 30;
  const lib = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  const structure = readStructure(lib);
  const fonts = readFonts(lib);
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;

  // Every page's body content, with the figure each piece belongs to.
  const raw: { pieces: Piece[]; height: number; furniture?: boolean; notes?: string[] }[] = [];
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number);
    const [, y0, , y1] = page.view as [number, number, number, number];
    const height = y1 - y0;
    const down = (y: number) => y1 - y;
    const prefix = `p${page.ref!.num}R${page.ref!.gen === 0 ? '' : page.ref!.gen}_mc`;
    const pieces: Piece[] = [];
    let furniture = false;
    const notes: string[] = [];

    // Text: from the text content, with its marked content.
    const content = await page.getTextContent({ includeMarkedContent: true });
    const marks: { artifact: boolean; id?: string }[] = [];
    const current = () => marks.findLast((mark) => mark.id !== undefined)?.id;
    for (const item of content.items) {
      if ('type' in item) {
        if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
          const tag = (item as { tag?: string }).tag;
          marks.push({ artifact: tag === 'Artifact', id: (item as { id?: string | null }).id ?? undefined });
        } else if (item.type === 'endMarkedContent') marks.pop();
        continue;
      }
      if (item.str.trim() === '') continue;
      const [a, b, , , , y] = item.transform as number[];
      const size = Math.hypot(a!, b!);
      if (marks.some((mark) => mark.artifact)) {
        furniture = true;
        // A margin note (not a running head or folio in the page's outer eighths): it shows values too.
        const [top, bottom] = [down(y! + 0.75 * size), down(y! - 0.25 * size)];
        if (top > height / 8 && bottom < (height * 7) / 8) notes.push(item.str);
        continue;
      }
      pieces.push({ top: down(y! + 0.75 * size), bottom: down(y! - 0.25 * size), id: current(), text: item.str });
    }

    // Drawings and images: from the operator list, under the current transform.
    const list = await page.getOperatorList();
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    // The colours paths are filled and stroked with: white paints nothing a reader sees.
    let fill = '#000000';
    let stroke = '#000000';
    const saved: { ctm: Matrix; fill: string; stroke: string }[] = [];
    const opMarks: { artifact: boolean; id?: string }[] = [];
    const pageArea = (page.view[2]! - page.view[0]!) * height;
    for (let i = 0; i < list.fnArray.length; i++) {
      const fn = list.fnArray[i]!;
      const args = list.argsArray[i] as unknown[];
      if (fn === OPS.save) saved.push({ ctm, fill, stroke });
      else if (fn === OPS.restore) ({ ctm, fill, stroke } = saved.pop() ?? { ctm, fill, stroke });
      else if (fn === OPS.setFillRGBColor) fill = String(args[0]).toLowerCase();
      else if (fn === OPS.setStrokeRGBColor) stroke = String(args[0]).toLowerCase();
      else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm);
      else if (fn === OPS.paintFormXObjectBegin) {
        saved.push({ ctm, fill, stroke });
        if (Array.isArray(args[0]) || ArrayBuffer.isView(args[0]))
          ctm = multiply(Array.from(args[0] as ArrayLike<number>) as Matrix, ctm);
      } else if (fn === OPS.paintFormXObjectEnd) ({ ctm, fill, stroke } = saved.pop() ?? { ctm, fill, stroke });
      else if (fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps) {
        const props = args[1];
        const mcid =
          typeof props === 'number' ? props : ((props as { mcid?: number } | null | undefined)?.mcid ?? undefined);
        opMarks.push({ artifact: args[0] === 'Artifact', id: mcid === undefined ? undefined : `${prefix}${mcid}` });
      } else if (fn === OPS.endMarkedContent) opMarks.pop();
      else if (fn === OPS.constructPath || IMAGES.has(fn)) {
        let box: [number, number, number, number];
        if (fn === OPS.constructPath) {
          const paint = args[0] as number;
          if (!PAINTS.has(paint)) continue; // a clipping path paints nothing
          const fills = paint !== OPS.stroke && paint !== OPS.closeStroke;
          const strokes = !(paint === OPS.fill || paint === OPS.eoFill);
          if ((!fills || fill === '#ffffff') && (!strokes || stroke === '#ffffff')) continue;
          const minMax = args[2] as ArrayLike<number> | null;
          if (!minMax || !Number.isFinite(minMax[0])) continue;
          box = [minMax[0]!, minMax[1]!, minMax[2]!, minMax[3]!];
        } else box = [0, 0, 1, 1]; // an image fills the unit square of its transform
        const [low, high] = yExtent(ctm, ...box);
        const xs = [box[0], box[2]].map((x) => ctm[0] * x + ctm[2] * box[1]);
        const area = Math.abs((xs[1]! - xs[0]!) * (high - low));
        if (area >= 0.9 * pageArea) continue; // a page background
        pieces.push({
          top: down(high),
          bottom: down(low),
          id: opMarks.findLast((m) => m.id !== undefined)?.id,
          artifact: opMarks.some((mark) => mark.artifact),
        });
      }
    }
    raw.push({ pieces, height, furniture, notes });
  }
  markFurniture(raw);
  for (const page of raw) {
    page.furniture ||= page.pieces.some((piece) => piece.artifact && piece.text !== undefined);
    page.pieces = page.pieces.filter((piece) => !(piece.artifact && piece.text !== undefined));
  }

  // The type area: the caller's margins, or where the pages' body content starts and ends on most pages.
  const marked = raw.map((page) => page.pieces.filter((piece) => !piece.artifact)).filter((p) => p.length > 0);
  const height = raw[0]?.height ?? 0;
  const typeArea: Span = options.margins
    ? { top: options.margins.top, bottom: height - options.margins.bottom }
    : {
        top: quantile(
          marked.map((pieces) => Math.min(...pieces.map((p) => p.top))),
          0.1,
        ),
        bottom: quantile(
          marked.map((pieces) => Math.max(...pieces.map((p) => p.bottom))),
          0.9,
        ),
      };
  const areaHeight = Math.max(1, typeArea.bottom - typeArea.top);

  const pages = raw.map(({ pieces, furniture, notes }, index): PageReport => {
    const marks = (piece: Piece) => (piece.id === undefined ? undefined : structure.figureOfContent.get(piece.id));
    const inside = pieces
      .map((piece) => ({
        ...piece,
        top: Math.max(piece.top, typeArea.top),
        bottom: Math.min(piece.bottom, typeArea.bottom),
      }))
      .filter((piece) => piece.bottom > piece.top);
    const figureText = new Map<number, string>();
    const tableText = new Map<number, string>();
    const figureSpans = new Map<number, Span>();
    const running: string[] = [];
    const add = (map: Map<number, string>, key: number, text: string) =>
      map.set(key, [map.get(key), text].filter(Boolean).join(' '));
    for (const piece of pieces) {
      const figure = marks(piece);
      const table = piece.id === undefined ? undefined : structure.tableOfContent.get(piece.id);
      if (piece.text !== undefined) {
        if (figure !== undefined) add(figureText, figure, piece.text);
        else if (table !== undefined) add(tableText, table, piece.text);
        else running.push(piece.text);
      }
      if (figure !== undefined) {
        const span = figureSpans.get(figure);
        figureSpans.set(figure, {
          top: Math.min(span?.top ?? Infinity, piece.top),
          bottom: Math.max(span?.bottom ?? -Infinity, piece.bottom),
        });
      }
    }
    // Typst leaves shapes out of the structure tree: a drawing with no figure of its own that overlaps a
    // figure's marked content (its labels, image, caption) or comes within 7 pt of it (the gap Typst leaves above a caption) is part of its drawing.
    const loose = pieces.filter((piece) => piece.text === undefined && marks(piece) === undefined);
    for (let grown = true; grown;) {
      grown = false;
      for (const [figure, span] of figureSpans)
        for (const piece of loose) {
          const near = piece.top <= span.bottom + 7 && piece.bottom >= span.top - 7;
          if (near && (piece.top < span.top || piece.bottom > span.bottom)) {
            const wider = { top: Math.min(span.top, piece.top), bottom: Math.max(span.bottom, piece.bottom) };
            figureSpans.set(figure, wider);
            grown = true;
            break;
          }
        }
    }
    const figureOf = (piece: Piece) => {
      const own = marks(piece);
      if (own !== undefined || piece.text !== undefined) return own;
      const middle = (piece.top + piece.bottom) / 2;
      return [...figureSpans].find(([, span]) => middle >= span.top && middle <= span.bottom)?.[0];
    };
    const sorted = [...inside].sort((a, b) => a.top - b.top);
    const holes: Hole[] = [];
    let reach = typeArea.top;
    let above: Piece | undefined;
    for (const piece of [...sorted, undefined]) {
      const top = piece?.top ?? typeArea.bottom;
      if (top - reach >= minHole)
        holes.push({
          top: reach,
          bottom: top,
          afterFigure: above !== undefined && figureOf(above) !== undefined,
          beforeFigure: piece !== undefined && figureOf(piece) !== undefined,
        });
      if (piece && piece.bottom >= reach) {
        reach = piece.bottom;
        above = piece;
      }
    }
    const blocks: Span[] = [];
    for (const piece of sorted) {
      const last = blocks.at(-1);
      if (last && piece.top <= last.bottom) last.bottom = Math.max(last.bottom, piece.bottom);
      else blocks.push({ top: piece.top, bottom: piece.bottom });
    }
    const content =
      sorted.length === 0
        ? undefined
        : { top: sorted[0]!.top, bottom: Math.max(...sorted.map((piece) => piece.bottom)) };
    return {
      number: index + 1,
      text: pieces.flatMap((piece) => (piece.text === undefined ? [] : [piece.text])).join(' '),
      runningText: running.join(' '),
      noteText: (notes ?? []).join(' '),
      figureText,
      tableText,
      content,
      figureSpans,
      blocks,
      fill: content ? (content.bottom - content.top) / areaHeight : 0,
      used: 1 - holes.reduce((sum, hole) => sum + hole.bottom - hole.top, 0) / areaHeight,
      holes,
      opensWithFigure: sorted.length > 0 && figureOf(sorted[0]!) !== undefined,
      furniture: furniture === true,
      typeArea,
    };
  });

  // Bookmarks, nested, with the page and the height each opens at.
  const outline: Bookmark[] = [];
  const walk = async (
    items: Awaited<ReturnType<typeof doc.getOutline>> | null | undefined,
    level: number,
    into: Bookmark[],
  ) => {
    for (const item of items ?? []) {
      const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
      const target = dest?.[0] as { num: number; gen: number } | number | undefined;
      let page: number | undefined;
      if (typeof target === 'number') page = target + 1;
      else if (target) page = (await doc.getPageIndex(target)) + 1;
      const kind = (dest?.[1] as { name?: string } | undefined)?.name;
      const y: unknown =
        kind === 'XYZ' || kind === 'FitH' || kind === 'FitBH' ? dest?.[kind === 'XYZ' ? 3 : 2] : undefined;
      const children: Bookmark[] = [];
      await walk(item.items, level + 1, children);
      if (page === undefined) {
        into.push(...children);
        continue;
      }
      const pageHeight = raw[page - 1]?.height ?? height;
      into.push({
        title: item.title.trim(),
        page,
        level,
        top: typeof y === 'number' ? pageHeight - y : undefined,
        children,
      });
    }
  };
  await walk(await doc.getOutline(), 1, outline);
  const markInfo = await doc.getMarkInfo();
  await doc.destroy();
  const info = (value: string | undefined) => value?.trim() || undefined;
  const lang = lib.catalog.lookup(PDFName.of('Lang'));

  return {
    pages,
    outline,
    tagged: markInfo?.Marked === true && structure.hasRoot,
    figures: structure.figures,
    fonts,
    typeArea,
    metadata: {
      title: info(lib.getTitle()),
      author: info(lib.getAuthor()),
      subject: info(lib.getSubject()),
      keywords: info(lib.getKeywords()),
      language: textOf(lang)?.trim() || undefined,
    },
  };
}

/** The metadata fields the PDF leaves empty: title, author, subject, keywords, language. */
export const missingMetadata = (report: PdfReport): MetadataField[] =>
  (Object.keys(report.metadata) as MetadataField[]).filter((field) => report.metadata[field] === undefined);

/** Every bookmark, depth first, with its parent. */
export function bookmarks(report: PdfReport): (Bookmark & { parent?: Bookmark })[] {
  const all: (Bookmark & { parent?: Bookmark })[] = [];
  const walk = (items: Bookmark[], parent: Bookmark | undefined) => {
    for (const item of items) {
      all.push({ ...item, parent });
      walk(item.children, item);
    }
  };
  walk(report.outline, undefined);
  return all;
}

/**
 * Which bookmarks open a chapter: those at `level` (2 for chapters under parts, 1 without parts), or those
 * `isChapter` accepts (say, chapters under parts and the front and back matter at the top level).
 */
export interface ChapterRule {
  level?: number;
  isChapter?: (bookmark: Bookmark, parent: Bookmark | undefined) => boolean;
}

const chapterTest = (rule: ChapterRule) =>
  rule.isChapter ?? ((bookmark: Bookmark) => bookmark.level === (rule.level ?? 1));

/** A chapter: its bookmark, and its first and last page. */
export interface Chapter {
  title: string;
  first: number;
  last: number;
  /** The next chapter (or part, or back matter) starts on `last` below this chapter's text. */
  sharesLastPage: boolean;
}

/**
 * The chapters (`ChapterRule`). A chapter runs to the page before the next bookmark that opens a chapter or
 * sits at the chapter's level or above; when that bookmark opens lower down its page, below more than `SHARED`
 * (15%) of the type area's height of body content (more than a kicker or chapter number over the heading), the
 * chapter ends on that page, shared with what follows. The last chapter ends on the last page with a running
 * head or folio (when any page has one): a back cover without them belongs to no chapter. Blank pages at a
 * chapter's end (a verso left empty before a right-hand opener) are not its last page.
 */
export function chapters(report: PdfReport, rule: ChapterRule | number): Chapter[] {
  const isChapter = chapterTest(typeof rule === 'number' ? { level: rule } : rule);
  const all = bookmarks(report);
  const result: Chapter[] = [];
  // The last chapter ends on the last page with a running head or folio: a back cover after it is no chapter's.
  const furnished = report.pages.filter((page) => page.furniture);
  const end = furnished.length > 0 ? furnished.at(-1)!.number : report.pages.length;
  // Blank pages (a verso left empty so that a part opens on a right-hand page) end no chapter.
  const lastWithContent = (first: number, last: number) => {
    let page = last;
    while (page > first && report.pages[page - 1]?.content === undefined) page--;
    return Math.max(first, page);
  };
  all.forEach((bookmark, i) => {
    if (!isChapter(bookmark, bookmark.parent)) return;
    const next = all.slice(i + 1).find((b) => b.level <= bookmark.level || isChapter(b, b.parent));
    if (!next) {
      result.push({
        title: bookmark.title,
        first: bookmark.page,
        last: lastWithContent(bookmark.page, end),
        sharesLastPage: false,
      });
      return;
    }
    const page = report.pages[next.page - 1];
    const above = page?.blocks.filter((block) => next.top !== undefined && block.bottom < next.top + 6) ?? [];
    const reach = Math.max(page?.typeArea.top ?? 0, ...above.map((block) => block.bottom));
    const height = report.typeArea.bottom - report.typeArea.top;
    // More than a kicker or a chapter number above the next bookmark: this chapter's own text. Not on a part
    // opener: its large number above the part's title is the opener's, and the chapter ended the page before.
    const opener = partOpeners(report, typeof rule === 'number' ? { level: rule } : rule).has(next.page);
    const shares = page !== undefined && !opener && (reach - page.typeArea.top) / height > SHARED;
    const last = shares ? next.page : lastWithContent(bookmark.page, next.page - 1);
    result.push({ title: bookmark.title, first: bookmark.page, last, sharesLastPage: shares });
  });
  return result;
}

/** The share of a page above the next chapter's bookmark that makes the page this chapter's last. */
export const SHARED = 0.15;

/** Pages where a part opens: a bookmark one of whose children opens a chapter. */
export function partOpeners(report: PdfReport, rule: ChapterRule): Set<number> {
  const isChapter = chapterTest(rule);
  return new Set(
    bookmarks(report)
      .filter((b) => b.children.some((child) => isChapter(child, b)))
      .map((b) => b.page),
  );
}

export interface PageProblem {
  page: number;
  chapter: string;
  /** What a reader would see, in numbers. */
  detail: string;
}

/**
 * A widow page: a chapter's last page (not shared with what follows) with less than `minFill` (25%) of its type
 * area used (`used`: two lines at the top and a figure at the foot use little more than the figure does).
 */
export function widowPages(
  report: PdfReport,
  options: ChapterRule & { minFill?: number } = { level: 1 },
): PageProblem[] {
  const minFill = options.minFill ?? 0.25;
  return chapters(report, options).flatMap((chapter) => {
    if (chapter.last === chapter.first || chapter.sharesLastPage) return [];
    const page = report.pages[chapter.last - 1]!;
    return page.used < minFill
      ? [{ page: page.number, chapter: chapter.title, detail: `${Math.round(page.used * 100)}% full` }]
      : [];
  });
}

/**
 * The last page before each page in `opens` (where a part's band opens a page) when less than `minUsed` (60%) of
 * its type area is used: a chapter's end left mostly blank because the next part starts a page. `detail` says how
 * empty it is.
 */
export function emptyPagesBeforeOpeners(
  report: PdfReport,
  opens: readonly number[],
  minUsed = 0.6,
): { page: number; detail: string }[] {
  return opens.flatMap((open) => {
    const page = report.pages[open - 2];
    if (!page || page.used >= minUsed) return [];
    return [
      { page: page.number, detail: `${Math.round((1 - page.used) * 100)}% empty before the opener on page ${open}` },
    ];
  });
}

/**
 * Pages from `from` to `to` (inclusive, 1-based) with less than `minUsed` (50%) of their type area used, but the
 * caller's `exempt` pages (the cover, a part opener that has its page by design): a report's body read as paced
 * has no half-empty page before its back matter (issue 19, round 14: the part-4 opener 65% blank, page 10 half
 * empty). A chapter's last page counts too. `detail` says how full the page is.
 */
export function halfEmptyPages(
  report: PdfReport,
  options: { from: number; to: number; exempt?: readonly number[]; minUsed?: number },
): { page: number; detail: string }[] {
  const minUsed = options.minUsed ?? 0.5;
  const exempt = new Set(options.exempt ?? []);
  return report.pages
    .filter((page) => page.number >= options.from && page.number <= options.to && !exempt.has(page.number))
    .filter((page) => page.used < minUsed)
    .map((page) => ({ page: page.number, detail: `${Math.round(page.used * 100)}% used` }));
}

/**
 * Pages inside a chapter (its first to its last but one) whose holes add up to more than `maxEmpty` (30%) of
 * the type area. Not counted: on the chapter's first page, the space above its first content (the opener's
 * sink); a hole at the page's foot when the next page opens with a figure (it did not fit here); a hole
 * higher up that a figure borders, above or below; pages where a part opens (`partOpeners`); and the caller's
 * `exempt` pages.
 */
export function emptyMidChapterPages(
  report: PdfReport,
  options: ChapterRule & { maxEmpty?: number; exempt?: number[] } = { level: 1 },
): PageProblem[] {
  const maxEmpty = options.maxEmpty ?? 0.3;
  const openers = partOpeners(report, options);
  const exempt = new Set(options.exempt ?? []);
  const height = report.typeArea.bottom - report.typeArea.top;
  return chapters(report, options).flatMap((chapter) => {
    const problems: PageProblem[] = [];
    for (let number = chapter.first; number < chapter.last; number++) {
      if (openers.has(number) || exempt.has(number)) continue;
      const page = report.pages[number - 1]!;
      const next = report.pages[number];
      const counted = page.holes.filter((hole, i) => {
        if (number === chapter.first && i === 0 && hole.top <= page.typeArea.top) return false;
        // At the foot, only a figure that opens the next page (it did not fit here) explains the hole.
        if (hole.bottom >= page.typeArea.bottom) return next?.opensWithFigure !== true;
        return !(hole.afterFigure || hole.beforeFigure);
      });
      const empty = counted.reduce((sum, hole) => sum + hole.bottom - hole.top, 0) / height;
      if (empty > maxEmpty)
        problems.push({ page: number, chapter: chapter.title, detail: `${Math.round(empty * 100)}% empty` });
    }
    return problems;
  });
}

/** The PDF is tagged: marked, with a structure tree. */
export const isTagged = (report: PdfReport): boolean => report.tagged;

/** Figure elements of the structure tree with no alternate text (empty or white space counts as none). */
export const figuresWithoutAlt = (report: PdfReport): FigureReport[] =>
  report.figures.filter((figure) => !figure.alt?.trim());

/** Fonts whose glyphs are not in the file (Type 3 fonts draw their glyphs in the file itself). */
/**
 * Alt text shared by two or more Figure elements (round 16): each margin recall of a summary chart was a Figure
 * carrying that chart's alt text, so a screen reader met the same chart described again. `figures` are 1-based.
 */
export function sharedFigureAlt(report: PdfReport): { alt: string; figures: number[]; pages: number[] }[] {
  const byAlt = new Map<string, FigureReport[]>();
  for (const figure of report.figures) {
    const alt = figure.alt?.trim();
    if (!alt) continue;
    byAlt.set(alt, [...(byAlt.get(alt) ?? []), figure]);
  }
  return [...byAlt]
    .filter(([, figures]) => figures.length > 1)
    .map(([alt, figures]) => ({
      alt,
      figures: figures.map((f) => f.index + 1),
      pages: [...new Set(figures.flatMap((f) => f.pages))].sort((a, b) => a - b),
    }));
}

/**
 * Cross-references ("Table A6, page 23", "Figure 1, page 3") in text marked as an Artifact away from the page's
 * edges, a margin note (round 16): the report links each such reference, and an Artifact is neither read by a
 * screen reader nor allowed a link, so the note lost both.
 */
export function linkTextInArtifacts(report: PdfReport): { page: number; text: string }[] {
  return report.pages.flatMap((page) =>
    [...page.noteText.replace(/\s+/g, ' ').matchAll(/\b(?:Table [A-Z]?\d+|Figure \d+), page \d+/g)].map((m) => ({
      page: page.number,
      text: m[0],
    })),
  );
}

export const fontsNotEmbedded = (report: PdfReport): FontReport[] => report.fonts.filter((font) => !font.embedded);

/** Weight words in font names, longest first, with the usWeightClass each names. */
const WEIGHTS: [RegExp, number][] = [
  [/(extra|ultra)light/i, 200],
  [/(extra|ultra)bold/i, 800],
  [/(semi|demi)bold/i, 600],
  [/thin|hairline/i, 100],
  [/light/i, 300],
  [/medium/i, 500],
  [/bold/i, 700],
  [/black|heavy/i, 900],
  [/regular|book|roman/i, 400],
];

/** The weights a font's name claims, in the order the words appear ("SourceSans3ExtraLight-Regular": 200, 400). */
export function weightsInName(name: string): number[] {
  let rest = name;
  const found: { at: number; weight: number }[] = [];
  for (const [pattern, weight] of WEIGHTS) {
    const global = new RegExp(pattern.source, 'gi');
    for (const match of rest.matchAll(global)) found.push({ at: match.index, weight });
    rest = rest.replace(global, (word) => ' '.repeat(word.length));
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.weight);
}

/**
 * Fonts whose name does not say their weight: a name with two different weight words, a weight word 100 or
 * more away from the weight the font declares, or a name matching one of the caller's `forbid` patterns.
 */
export function mislabelledFonts(report: PdfReport, forbid: RegExp[] = []): (FontReport & { reason: string })[] {
  return report.fonts.flatMap((font) => {
    const named = [...new Set(weightsInName(font.name))];
    const banned = forbid.find((pattern) => pattern.test(font.name));
    let reason: string | undefined;
    if (banned) reason = `the name matches ${String(banned)}`;
    else if (named.length > 1) reason = `the name claims weights ${named.join(' and ')}`;
    else if (named.length === 1 && font.weight !== undefined && Math.abs(named[0]! - font.weight) >= 100)
      reason = `the name claims weight ${named[0]}, the font declares ${font.weight}`;
    return reason ? [{ ...font, reason }] : [];
  });
}

/** A pattern that finds a key number ("76%", "n = 403") as a whole: not inside 176% or 76.5%. */
export function keyNumberPattern(keyNumber: string): RegExp {
  const escaped = keyNumber
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '[\\s\\u00a0\\u202f]*')
    .replace(/(\d)(?=[%‰])/g, '$1[\\s\\u00a0\\u202f]?');
  const start = /^\d/.test(keyNumber.trim()) ? '(?<![\\d.,])' : '';
  const end = /\d$/.test(keyNumber.trim()) ? '(?![\\d]|[.,]\\d)' : '';
  return new RegExp(`${start}${escaped}${end}`, 'g');
}

export interface RepeatedNumber {
  page: number;
  keyNumber: string;
  /** Where it appears too often: "running text", "figure N", "table N", or the roles it has on the page. */
  role: string;
  count: number;
}

/**
 * Key numbers printed more than once on a page in one role, or in two displays. The rule (docs/report-pdf.md):
 * a page may print a key number once in the running text (everything outside Figure and Table elements and
 * margin notes: headings, kickers, prose) and once as a display: a figure (chart, key number, margin recap), a
 * margin note or a table's cell. Prose that cites a number beside the chart that labels it passes; the number
 * as kicker and in the sentence, twice in one chart or table, in two charts, in a chart and a margin note, or
 * in text, chart and table on one page, is a repeat. (Two appendix tables that each hold the number once pass:
 * two questions may have the same answer.)
 */
export function repeatedKeyNumbers(report: PdfReport, keyNumbers: string[]): RepeatedNumber[] {
  const problems: RepeatedNumber[] = [];
  for (const page of report.pages) {
    const roles: [string, string][] = [
      ['running text', page.runningText],
      ...[...page.figureText].map(([index, text]): [string, string] => [`figure ${index + 1}`, text]),
      ...[...page.tableText].map(([index, text]): [string, string] => [`table ${index + 1}`, text]),
      ['margin note', page.noteText],
    ];
    for (const keyNumber of keyNumbers) {
      const pattern = keyNumberPattern(keyNumber);
      const found = roles
        .map(([role, text]) => ({ role, count: text.match(pattern)?.length ?? 0 }))
        .filter((role) => role.count > 0);
      for (const { role, count } of found) if (count > 1) problems.push({ page: page.number, keyNumber, role, count });
      // Displays: figures (charts, key numbers, margin recaps) and margin notes; a table counts as one beside them.
      // Two appendix tables each holding the value pass: two questions may share an answer.
      const tables = found.filter((role) => role.role.startsWith('table')).length;
      const displays = found.filter((role) => role.role !== 'running text').length - tables;
      const text = found.some((role) => role.role === 'running text');
      // A margin note beside a sentence that states its value only says it again.
      const note = found.some((role) => role.role === 'margin note');
      if (displays >= 2 || (displays >= 1 && tables >= 1) || (text && tables >= 2) || (text && note))
        problems.push({ page: page.number, keyNumber, role: found.map((r) => r.role).join(', '), count: found.length });
    }
  }
  return problems;
}

/** Shares the running text may state in words ("two in five" states 40%): each phrase and the values it states. */
const SHARE_WORDS: [RegExp, number[]][] = [
  [/\bhalf\b/i, [50]],
  [/\bone in (?:two|2)\b/i, [50]],
  [/\bone in (?:three|3)\b/i, [33]],
  [/\btwo in (?:three|3)\b/i, [66, 67]],
  [/\bone in (?:four|4)\b/i, [25]],
  [/\bthree in (?:four|4)\b/i, [75]],
  [/\bone in (?:five|5)\b/i, [20]],
  [/\btwo in (?:five|5)\b/i, [40]],
  [/\bthree in (?:five|5)\b/i, [60]],
  [/\bfour in (?:five|5)\b/i, [80]],
  [/\bnine in (?:ten|10)\b/i, [90]],
];

/**
 * The values a text states: shares as figures ("40%") or, with `words`, in words ("two in five": "40%"), and
 * signed scores ("+55", "−19").
 */
function valuesStated(text: string, words: boolean): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![\d.,])(\d{1,3})[\s\u00a0\u202f]?%/g)) found.add(`${Number(m[1])}%`);
  for (const m of text.matchAll(/(?<![\w.,])([+\u2212-])(\d{1,3})(?![\d.,%])/g))
    found.add(`${m[1] === '+' ? '+' : '−'}${Number(m[2])}`);
  if (words)
    for (const [pattern, values] of SHARE_WORDS) if (pattern.test(text)) values.forEach((v) => found.add(`${v}%`));
  return found;
}

export interface RestatedShare {
  page: number;
  value: string;
  /** The display that says it again: "margin note" or "callout N" (an unnumbered figure: key number, recall). */
  role: string;
}

/**
 * Any value (a share, a signed score) that a callout or margin note displays while the running text of its page
 * (prose, bold leads, headings) already states it, as a figure or in words ("two in five" for 40%): the display only repeats the
 * sentence. A numbered figure ("Figure 3", its chart or share bar), or an exhibit with its own question and table,
 * may draw what the text states: that is what it is for; a bare callout beside the sentence is not.
 */
export function restatedShares(report: PdfReport): RestatedShare[] {
  const problems: RestatedShare[] = [];
  for (const page of report.pages) {
    const text = valuesStated(page.runningText, true);
    const displays: [string, string][] = [
      ['margin note', page.noteText],
      // A numbered figure, or an exhibit that carries its own question and source (round 18: the summary's
      // deployment answers, three items each with its question and table), labels what its sentence states, as a
      // chart does: "a number in the sentence and a label on its chart" (Our World in Data, McKinsey).
      ...[...page.figureText]
        .filter(([, body]) => !/^\s*Figure\s+\d+/.test(body) && !/Question\b[^]*Table A\d+/.test(body))
        .map(([index, body]): [string, string] => [`callout ${index + 1}`, body]),
    ];
    for (const [role, body] of displays) {
      for (const value of valuesStated(body, false))
        if (text.has(value)) problems.push({ page: page.number, value, role });
    }
  }
  return problems;
}

// ---- pdf-lib readers: the structure tree and the fonts ----

const textOf = (value: PDFObject | undefined) =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

/** The Figure and Table elements of the structure tree and which marked content each holds. */
function readStructure(doc: PDFDocument): {
  hasRoot: boolean;
  figures: FigureReport[];
  figureOfContent: Map<string, number>;
  tableOfContent: Map<string, number>;
} {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const figures: FigureReport[] = [];
  const figureOfContent = new Map<string, number>();
  const tableOfContent = new Map<string, number>();
  let tables = 0;
  if (!root) return { hasRoot: false, figures, figureOfContent, tableOfContent };
  const pageNumber = new Map(doc.getPages().map((page, i) => [page.ref.toString(), i + 1]));
  const roleMap = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
  const standard = (role: string) => {
    let name = role;
    for (let i = 0; i < 10; i++) {
      const mapped = roleMap?.get(PDFName.of(name));
      if (!(mapped instanceof PDFName)) break;
      name = mapped.decodeText();
    }
    return name;
  };
  const contentId = (page: PDFRef | undefined, mcid: number) =>
    page ? `p${page.objectNumber}R${page.generationNumber === 0 ? '' : page.generationNumber}_mc${mcid}` : undefined;
  const seen = new Set<PDFDict>();
  const claimed = new Map<PDFDict, number>();
  const captions = new Map<PDFDict, number>();
  const roleOf = (element: PDFDict) => {
    const role = element.get(PDFName.of('S'));
    return role instanceof PDFName ? standard(role.decodeText()) : undefined;
  };
  /** The structure elements among kids (an element, or an array of them and of content). */
  const elements = (kids: PDFObject | undefined): PDFDict[] => {
    const value = kids instanceof PDFRef ? doc.context.lookup(kids) : kids;
    if (value instanceof PDFArray) return value.asArray().flatMap((kid) => elements(kid));
    return value instanceof PDFDict && !value.has(PDFName.of('MCID')) && value.has(PDFName.of('S')) ? [value] : [];
  };

  /** Walks kids; `figure` and `table` are the indexes of the Figure and Table elements they sit in, if any. */
  const walk = (
    kid: PDFObject | undefined,
    page: PDFRef | undefined,
    figure: number | undefined,
    table?: number,
  ): void => {
    const value = kid instanceof PDFRef ? doc.context.lookup(kid) : kid;
    if (value instanceof PDFArray) {
      for (let i = 0; i < value.size(); i++) walk(value.get(i), page, figure, table);
      return;
    }
    if (value instanceof PDFNumber) {
      const id = contentId(page, value.asNumber());
      if (table !== undefined && id) tableOfContent.set(id, table);
      if (figure !== undefined && id) {
        figureOfContent.set(id, figure);
        const number = pageNumber.get(page!.toString());
        if (number && !figures[figure]!.pages.includes(number)) figures[figure]!.pages.push(number);
      }
      return;
    }
    if (!(value instanceof PDFDict) || seen.has(value)) return;
    seen.add(value);
    const pg = value.get(PDFName.of('Pg'));
    const here = pg instanceof PDFRef ? pg : page;
    const type = value.get(PDFName.of('Type'));
    if (type === PDFName.of('MCR')) return walk(value.get(PDFName.of('MCID')), here, figure, table);
    if (type === PDFName.of('OBJR')) return;
    let inside = figure;
    if (roleOf(value) === 'Figure') {
      inside = claimed.get(value);
      if (inside === undefined) {
        inside = figures.length;
        figures.push({ index: inside, alt: textOf(value.lookup(PDFName.of('Alt'))), pages: [] });
      }
    } else if (figure === undefined) {
      // A group of one Figure and its Caption (Typst's figure): the caption belongs to the figure.
      const kids = elements(value.get(PDFName.of('K')));
      const figureKids = kids.filter((kid) => roleOf(kid) === 'Figure');
      if (figureKids.length === 1 && kids.some((kid) => roleOf(kid) === 'Caption')) {
        const index = figures.length;
        figures.push({ index, alt: textOf(figureKids[0]!.lookup(PDFName.of('Alt'))), pages: [] });
        claimed.set(figureKids[0]!, index);
        for (const kid of kids) if (roleOf(kid) === 'Caption') captions.set(kid, index);
      }
    }
    inside = captions.get(value) ?? inside;
    const inTable = table ?? (roleOf(value) === 'Table' ? tables++ : undefined);
    walk(value.get(PDFName.of('K')), here, inside, inTable);
  };
  walk(root.get(PDFName.of('K')), undefined, undefined);
  return { hasRoot: true, figures, figureOfContent, tableOfContent };
}

/**
 * The weight a TrueType or OpenType font file declares: its OS/2 usWeightClass, else (Typst's subsets keep no
 * OS/2 table) the weight word of its own name table.
 */
export function fileWeight(file: Uint8Array): number | undefined {
  if (file.length < 12) return undefined;
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const tables = new Map<string, number>();
  for (let i = 0; i < view.getUint16(4); i++) {
    const at = 12 + i * 16;
    if (at + 16 > file.length) break;
    tables.set(String.fromCharCode(...file.subarray(at, at + 4)), view.getUint32(at + 8));
  }
  const os2 = tables.get('OS/2');
  if (os2 !== undefined && os2 + 6 <= file.length) return view.getUint16(os2 + 4);
  const name = tables.get('name');
  if (name === undefined || name + 6 > file.length) return undefined;
  const count = view.getUint16(name + 2);
  const strings = name + view.getUint16(name + 4);
  const subfamily = new Map<number, string>();
  for (let i = 0; i < count; i++) {
    const at = name + 6 + i * 12;
    if (at + 12 > file.length) break;
    const [platform, , , id, length, offset] = [0, 2, 4, 6, 8, 10].map((d) => view.getUint16(at + d));
    if (![2, 4, 17].includes(id!) || subfamily.has(id!)) continue;
    const raw = file.subarray(strings + offset!, strings + offset! + length!);
    const text =
      platform === 1
        ? String.fromCharCode(...raw)
        : String.fromCharCode(
            ...Array.from({ length: raw.length / 2 }, (_, k) => (raw[2 * k]! << 8) | raw[2 * k + 1]!),
          );
    subfamily.set(id!, text);
  }
  // The typographic subfamily, else the full name ("Source Sans 3 ExtraLight"), else the subfamily ("Regular").
  for (const id of [17, 4, 2]) {
    const words = [...new Set(weightsInName(subfamily.get(id) ?? ''))];
    if (words.length === 1) return words[0];
  }
  return /^(italic|oblique)$/i.test(subfamily.get(2)?.trim() ?? '') ? 400 : undefined;
}

/** Every font dictionary of the file (Type 0 fonts through their descendant), embedded or not, with its weight. */
function readFonts(doc: PDFDocument): FontReport[] {
  const fonts: FontReport[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const subtype = String(object.get(PDFName.of('Subtype')) ?? '').replace(/^\//, '');
    if (subtype === 'Type0') continue; // its descendant font carries the descriptor
    const base = object.get(PDFName.of('BaseFont'));
    const name = (base instanceof PDFName ? base.decodeText() : '(unnamed)').replace(/^[A-Z]{6}\+/, '');
    if (subtype === 'Type3') {
      fonts.push({ name, subtype, embedded: true });
      continue;
    }
    const descriptor = object.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
    const key = ['FontFile', 'FontFile2', 'FontFile3'].find((k) => descriptor?.has(PDFName.of(k)));
    const declared = descriptor?.lookupMaybe(PDFName.of('FontWeight'), PDFNumber)?.asNumber();
    let weight = declared;
    if (weight === undefined && key) {
      const stream = descriptor!.lookup(PDFName.of(key));
      if (stream instanceof PDFRawStream) {
        try {
          weight = fileWeight(decodePDFRawStream(stream).decode());
        } catch {
          weight = undefined;
        }
      }
    }
    fonts.push({ name, subtype, embedded: key !== undefined, weight });
  }
  return fonts;
}

/**
 * Any value a numbered chart ("Figure 3") draws that the running text of its page states in digits more than once
 * (review round 10, must-have 5; round 14): the sentence a reader quotes prints its number once ("83% raised the
 * budget", in a chapter's title or the summary's bold lead) and the chart labels it; a third printing is said in
 * words or left to the chart. A share under 10% is printed in digits (round 11: "under one in ten" made 3% sound
 * larger), so it is not counted.
 */
export function valuesBesideTheirCharts(report: PdfReport): RestatedShare[] {
  const problems: RestatedShare[] = [];
  const small = (value: string) => /^\d%$/.test(value);
  for (const page of report.pages) {
    const times = new Map<string, number>();
    for (const m of page.runningText.matchAll(/(?<![\d.,])(\d{1,3})[\s\u00a0\u202f]?%/g)) {
      const value = `${Number(m[1])}%`;
      times.set(value, (times.get(value) ?? 0) + 1);
    }
    for (const [index, body] of page.figureText) {
      if (!/^\s*Figure\s+\d+/.test(body)) continue;
      for (const value of valuesStated(body, false))
        if ((times.get(value) ?? 0) > 1 && !small(value))
          problems.push({ page: page.number, value, role: `figure ${index + 1}` });
    }
  }
  return problems;
}

/**
 * A chapter headline that prints in digits a value a numbered chart or callout on its page labels (round 15: p11's
 * 40% and p17's 57% in the headline and again beside it): there the headline says it in words. `headlines` are
 * the chapters' titles as their bookmarks give them (in digits) and the pages they open on.
 */
export function headlineValuesBesideCharts(
  report: PdfReport,
  headlines: readonly { page: number; title: string }[],
): RestatedShare[] {
  const problems: RestatedShare[] = [];
  for (const { page: number, title } of headlines) {
    const page = report.pages[number - 1];
    if (!page) continue;
    const labelled = new Set(
      [...page.figureText.values()]
        .filter((body) => /^\s*Figure\s+\d+/.test(body))
        .flatMap((b) => [...valuesStated(b, false)]),
    );
    const printed = (page.runningText.match(/(?<![\d.,])\d{1,3}[\s\u00a0\u202f]?%/g) ?? []).map((v) =>
      v.replace(/\s/g, ''),
    );
    for (const value of new Set(title.match(/\d{1,3}%/g) ?? []))
      if (labelled.has(value) && printed.includes(value)) problems.push({ page: number, value, role: 'headline' });
  }
  return problems;
}

const SHARE_PHRASE =
  /\b(?:(more than|over|nearly|almost|under|less than|fewer than|about|roughly)\s+)?(?:(one|two|three|four|five|six|seven|eight|nine) in (two|three|four|five|ten)|(half|a third|two thirds|a quarter))\b/gi;
const NAMED_FRACTIONS: Record<string, number> = {
  half: 50,
  'a third': 100 / 3,
  'two thirds': 200 / 3,
  'a quarter': 25,
};

/** Shares a text states in words: the fraction (in percent) and the side of it the modifier puts the value on. */
function shareWords(
  text: string,
): { fraction: number; side: 'above' | 'below' | 'at'; phrase: string; after: string }[] {
  return [...text.matchAll(SHARE_PHRASE)].map((m) => {
    const after = text
      .slice(m.index + m[0].length, m.index + m[0].length + 30)
      .replace(/^\s+(?:of\s+)?(?:their|the|its)\s+(\S+).*$/s, '$1');
    const [phrase, modifier, count, whole, named] = m;
    const fraction = named
      ? NAMED_FRACTIONS[named.toLowerCase()]!
      : (COUNT_WORDS[count!.toLowerCase()]! / COUNT_WORDS[whole!.toLowerCase()]!) * 100;
    const mod = modifier?.toLowerCase();
    const side =
      mod === 'more than' || mod === 'over' ? 'above' : mod && !['about', 'roughly'].includes(mod) ? 'below' : 'at';
    return { fraction, side, phrase, after };
  });
}

/** Whether a share in words states a value: "over four in five" states 83%, "nearly two in three" 64%. */
function wordsState(words: { fraction: number; side: 'above' | 'below' | 'at' }, value: number): boolean {
  if (words.side === 'above') return value > words.fraction && value <= words.fraction + 10;
  if (words.side === 'below') return value < words.fraction && value >= words.fraction - 10;
  return Math.abs(value - words.fraction) <= 2.5;
}

export interface ValueTooOften {
  page: number;
  value: string;
  count: number;
  /** What stated it: each digit form and each phrase. */
  forms: string[];
}

/**
 * Shares a page states more than `max` times in any form (round 12): as digits in its text, charts, tables and
 * margin notes, or in words ("over four in five" for 83%). A headline, a lede and a chart of the same value, with a
 * sentence that says it again in words, make four. Running heads and folios are not counted.
 */
export function valuesStatedTooOften(report: PdfReport, max = 2): ValueTooOften[] {
  const problems: ValueTooOften[] = [];
  for (const page of report.pages) {
    const texts = [page.runningText, page.noteText, ...page.figureText.values(), ...page.tableText.values()];
    const all = texts.join(' \n ');
    // Shares: not a scale's end (100%) or an interval's level ("95% interval").
    const digits = [...all.matchAll(/(?<![\d.,])(\d{1,3})[\s\u00a0\u202f]?%(?!\s*(?:interval|confidence))/g)]
      .map((m) => Number(m[1]))
      .filter((value) => value !== 100);
    // A phrase counts for the value it is nearest of those it can state; "half their time" is no share of respondents.
    // Of two values a phrase can state, it counts first for the one the print's share words would say so
    // (share-words.typ, round 15): "over" a point and a half or more above the fraction, "nearly" less than a point
    // and a half short of it, a bare fraction reached but not by a point and a half ("nearly two in three" is 66%
    // beside 64%, which is said "over three in five").
    const words = shareWords(all).filter((w) => !/time$/.test(w.after));
    const offBy = (w: (typeof words)[number], value: number) => {
      const d = value - w.fraction;
      const fits = w.side === 'above' ? d >= 1.5 : w.side === 'below' ? d < 0 && d > -1.5 : d >= 0 && d < 1.5;
      return fits ? 0 : 1;
    };
    const nearest = (w: (typeof words)[number]) =>
      [...new Set(digits)]
        .filter((value) => wordsState(w, value))
        .sort((a, b) => offBy(w, a) - offBy(w, b) || Math.abs(a - w.fraction) - Math.abs(b - w.fraction))[0];
    for (const value of new Set(digits)) {
      const said = words.filter((w) => nearest(w) === value).map((w) => w.phrase);
      const shown = digits.filter((d) => d === value).map((d) => `${d}%`);
      const count = shown.length + said.length;
      if (count > max) problems.push({ page: page.number, value: `${value}%`, count, forms: [...shown, ...said] });
    }
  }
  return problems;
}

/**
 * Pages where a figure stands under a run of blank type area more than `maxEmpty` of its height (a third unless
 * told): a figure floated to the foot of a page and left a hole above it, where it should have stood in the
 * text's flow with the text running on after it (round 11 found two on the demo report, two-thirds blank).
 */
export function holesAboveFigures(report: PdfReport, maxEmpty = 1 / 3): { page: number; detail: string }[] {
  return report.pages.flatMap((page) => {
    const height = page.typeArea.bottom - page.typeArea.top;
    const hole = page.holes.find((h) => h.beforeFigure && (h.bottom - h.top) / height > maxEmpty);
    return hole
      ? [
          {
            page: page.number,
            detail: `${Math.round(((hole.bottom - hole.top) / height) * 100)}% blank above a figure`,
          },
        ]
      : [];
  });
}

export interface StructureProblem {
  /** The line of `pdfinfo -struct-text` it was found on (1-based). */
  line: number;
  problem: string;
}

/**
 * Defects of the structure tree as `pdfinfo -struct-text` prints it (round 15): a heading whose title prints
 * empty or whose text sits only in an element nested in it (a P inside an H), and a heading or paragraph inside
 * a Span, an inline element that cannot hold a block.
 */
export function structureProblems(structText: string): StructureProblem[] {
  const problems: StructureProblem[] = [];
  const lines = structText.split('\n');
  const indent = (s: string) => s.length - s.trimStart().length;
  // The open elements above the current line: indent and role.
  const stack: { indent: number; role: string }[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const depth = indent(line);
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= depth) stack.pop();
    const element = /^(\w+)(?:\s|$)/.exec(line.trimStart());
    if (!element || line.trimStart().startsWith('"') || line.trimStart().startsWith('/')) continue;
    const role = element[1]!;
    if (/^H\d?$/.test(role)) {
      const title = /^H\d?\s+"([^"]*)"/.exec(line.trimStart())?.[1] ?? '';
      if (!/[A-Za-z0-9]/.test(title)) problems.push({ line: i + 1, problem: `${role} prints no title` });
      const child = lines.slice(i + 1).find((l) => l.trim() !== '' && indent(l) > depth);
      if (!child || !child.trimStart().startsWith('"'))
        problems.push({
          line: i + 1,
          problem: `${role} "${title}" has no text of its own (its first child: ${child?.trim()})`,
        });
    }
    if ((/^H\d?$/.test(role) || role === 'P') && stack.some((s) => s.role === 'Span'))
      problems.push({ line: i + 1, problem: `${role} inside a Span` });
    stack.push({ indent: depth, role });
  }
  return problems;
}

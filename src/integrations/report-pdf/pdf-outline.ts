/** Reads a PDF's outline (bookmarks) and sets its document metadata, with pdf-lib. */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';

export interface OutlineEntry {
  title: string;
  /** 1-based page the bookmark points to. */
  page: number;
  depth: number;
}

/**
 * Parses a PDF once, for `outlineOf` and `setMetadata`, with its bookmarks' titles repaired (`repairOutline`)
 * against the page's headings when they are given.
 */
export async function loadPdf(bytes: Uint8Array, headings: readonly string[] = []): Promise<PDFDocument> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  repairOutline(doc, headings);
  return doc;
}

/** Every bookmark of the PDF, depth first, with the page it points to. */
export async function readOutline(bytes: Uint8Array): Promise<{ entries: OutlineEntry[]; pageCount: number }> {
  return outlineOf(await loadPdf(bytes));
}

/** Every bookmark of a parsed PDF, depth first, with the page it points to. */
export function outlineOf(doc: PDFDocument): { entries: OutlineEntry[]; pageCount: number } {
  const pageOf = new Map(doc.getPages().map((page, i) => [page.ref.toString(), i + 1]));
  const entries: OutlineEntry[] = [];
  const text = (value: unknown) =>
    value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : '';
  const destinationPage = (item: PDFDict): number | undefined => {
    let dest = item.lookup(PDFName.of('Dest'));
    if (!dest) dest = item.lookupMaybe(PDFName.of('A'), PDFDict)?.lookup(PDFName.of('D'));
    const target = dest instanceof PDFArray ? dest.get(0) : undefined;
    return target instanceof PDFRef ? pageOf.get(target.toString()) : undefined;
  };
  const walk = (ref: unknown, depth: number) => {
    let node = ref instanceof PDFRef ? doc.context.lookup(ref, PDFDict) : undefined;
    while (node) {
      const page = destinationPage(node);
      if (page !== undefined) entries.push({ title: text(node.lookup(PDFName.of('Title'))).trim(), page, depth });
      walk(node.get(PDFName.of('First')), depth + 1);
      const next = node.get(PDFName.of('Next'));
      node = next instanceof PDFRef ? doc.context.lookup(next, PDFDict) : undefined;
    }
  };
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  walk(outlines?.get(PDFName.of('First')), 0);
  return { entries, pageCount: doc.getPageCount() };
}

/** A title Chromium wrote twice over ("IntroductionIntroduction"), as it should read; other titles as they are. */
export function undoubled(title: string): string {
  const half = title.length / 2;
  return Number.isInteger(half) && half > 0 && title.slice(0, half) === title.slice(half)
    ? title.slice(0, half)
    : title;
}

/** A title without its spaces: how bookmarks and headings are matched. */
export const squash = (text: string) => text.replace(/\s+/g, '');

/**
 * A bookmark's title as its heading reads. Chromium drops the space where a heading wrapped onto a second
 * line ("third-partyMLOps") and, with web fonts, writes the heading of a page-broken section twice; the
 * heading with the same characters, spaces aside (once or twice over), is the title. With no such heading,
 * the title undoubled.
 */
export function bookmarkTitle(title: string, headings: readonly string[]): string {
  const key = undoubled(squash(title));
  return headings.find((heading) => squash(heading) === key) ?? undoubled(title);
}

/**
 * Rewrites the bookmarks whose title Chromium mangled (see `bookmarkTitle`), from the page's own headings in
 * `headings` (the page's text itself is right).
 */
export function repairOutline(doc: PDFDocument, headings: readonly string[] = []): void {
  const walk = (ref: unknown) => {
    let node = ref instanceof PDFRef ? doc.context.lookup(ref, PDFDict) : undefined;
    while (node) {
      const title = node.lookup(PDFName.of('Title'));
      if (title instanceof PDFString || title instanceof PDFHexString) {
        const text = title.decodeText();
        const repaired = bookmarkTitle(text, headings);
        if (repaired !== text) node.set(PDFName.of('Title'), PDFHexString.fromText(repaired));
      }
      walk(node.get(PDFName.of('First')));
      const next = node.get(PDFName.of('Next'));
      node = next instanceof PDFRef ? doc.context.lookup(next, PDFDict) : undefined;
    }
  };
  walk(doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.get(PDFName.of('First')));
}

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  language: string;
  keywords: string[];
  /** The application that made the PDF. */
  creator: string;
}

/** Sets title, author, subject, language, keywords and creator of a parsed PDF, keeping the rest (tags, outline); saves it. */
export async function setMetadata(doc: PDFDocument, meta: PdfMetadata, date: Date): Promise<Uint8Array> {
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setLanguage(meta.language);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  return doc.save({ useObjectStreams: false });
}

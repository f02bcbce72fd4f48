/** Reads a PDF's outline (bookmarks), with pdf-lib: the report's contents and page count for the manifest. */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';

export interface OutlineEntry {
  title: string;
  /** 1-based page the bookmark points to. */
  page: number;
  depth: number;
}

/** Parses a PDF for `outlineOf`, leaving its metadata as it is. */
export async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false });
}

/** Every bookmark of the PDF, depth first, with the page it points to. */
export async function readOutline(bytes: Uint8Array): Promise<{ entries: OutlineEntry[]; pageCount: number }> {
  return outlineOf(await loadPdf(bytes));
}

/** The address of every link of a parsed PDF that leaves the document (its /URI), with its 1-based page. */
export function linkAddresses(doc: PDFDocument): { page: number; uri: string }[] {
  const found: { page: number; uri: string }[] = [];
  for (const [i, page] of doc.getPages().entries()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let k = 0; k < (annots?.size() ?? 0); k++) {
      const uri = annots!.lookupMaybe(k, PDFDict)?.lookupMaybe(PDFName.of('A'), PDFDict)?.lookup(PDFName.of('URI'));
      if (uri instanceof PDFString || uri instanceof PDFHexString) found.push({ page: i + 1, uri: uri.decodeText() });
    }
  }
  return found;
}

/** Links a reader of the PDF cannot follow: addresses without a scheme, relative to a site the file is not on. */
export const relativeLinks = (doc: PDFDocument) =>
  linkAddresses(doc).filter(({ uri }) => !/^[a-z][a-z0-9+.-]*:/i.test(uri));

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

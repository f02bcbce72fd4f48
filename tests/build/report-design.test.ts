import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutline, type OutlineEntry } from '../../src/integrations/report-pdf/pdf-outline.ts';
import { chapterEnds, readPdfPages, type PdfPage } from './pdf-pages.ts';
import { build, copyOfProject } from './project-copy.ts';

/**
 * The printed report looks like research, not a printed web page: a designed cover, an executive summary,
 * the survey at a glance, the site's typefaces embedded, page numbers a reader can read, and no page in the
 * middle of a chapter left more than half blank. One copy of the project is built and its PDF read page by
 * page, rasterised with pdf.js in Node (tests/build/pdf-pages.ts).
 */
const SERIES = 'ml-trends-2021';
let dir: string;
let bytes: Buffer;
let pages: PdfPage[];
let outline: OutlineEntry[];

/** Text without spaces or quote marks, whichever way they curl. */
const squash = (text: string) => text.replace(/[\s'"‘’“”]+/g, '');
const textOf = (page: PdfPage) => page.text.map((t) => t.str).join(' ');
/** The first page of the chapter whose bookmark matches. */
const chapter = (title: RegExp) => {
  const entry = outline.find((e) => e.depth === 1 && title.test(e.title));
  return entry && pages[entry.page - 1];
};
const series = () => readFileSync(join(dir, 'content/series', SERIES, 'series.yaml'), 'utf8');
const figures = () =>
  JSON.parse(readFileSync(join(dir, 'content/series', SERIES, 'figures.json'), 'utf8')) as {
    title: string;
    source: { key: string; title: string };
    rows: { source?: { key: string; title: string } }[];
  }[];

/** Each trend's title and whether it has a key figure, from the articles' frontmatter. */
const trends = () => {
  const folder = join(dir, 'content/series', SERIES, 'trends');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => {
      const text = readFileSync(join(folder, name), 'utf8');
      const title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(text)![1]!;
      return { title, keyFigure: /^keyFigure:/m.test(text) };
    });
};

beforeAll(async () => {
  dir = copyOfProject();
  const { status, output } = build(dir);
  if (status !== 0) throw new Error(`the build failed:\n${output.slice(-4000)}`);
  bytes = readFileSync(join(dir, 'dist/report', `${SERIES}.pdf`));
  pages = await readPdfPages(bytes);
  outline = (await readOutline(bytes)).entries;
}, 300_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the report PDF', () => {
  it('leaves no page in the middle of a chapter more than half blank', () => {
    const ends = chapterEnds(pages.length, outline);
    const middle = pages.filter((page) => !ends.has(page.number));
    expect(middle.length).toBeGreaterThan(5);
    const worst = middle.reduce((a, b) => (b.blank > a.blank ? b : a));
    const line = `worst mid-chapter page: ${worst.number} of ${pages.length}, ${(worst.blank * 100).toFixed(0)}% blank`;
    console.log(line);
    expect(worst.blank, line).toBeLessThanOrEqual(0.5);
  });

  it('opens with a cover: edition, title, the lead number, a graphic drawn from the data, the publisher', () => {
    const cover = textOf(pages[0]!);
    const title = /^ {2}title: (.+)$/m.exec(series())![1]!;
    const edition = /^editionLabel: (.+)$/m.exec(series())![1]!;
    const author = /^author: (.+)$/m.exec(series())![1]!;
    expect(squash(cover)).toContain(squash(title));
    expect(squash(cover).toLowerCase()).toContain(squash(edition).toLowerCase());
    expect(cover).toContain(author);
    // The lead number and the graphic's columns, each labelled with its value.
    expect(cover.match(/\d+%/g)?.length ?? 0).toBeGreaterThan(5);
    expect(pages[0]!.blank).toBeLessThan(0.5);
  });

  it('has an executive summary with one number per trend, and the survey at a glance', () => {
    const summary = chapter(/findings at a glance$/);
    expect(summary, 'an executive summary page').toBeDefined();
    const text = squash(textOf(summary!));
    for (const trend of trends()) expect(text, trend.title).toContain(squash(trend.title));
    const numbers = squash(textOf(summary!)).match(/\d+%/g) ?? [];
    expect(numbers.length).toBe(trends().filter((trend) => trend.keyFigure).length);
    const glance = chapter(/^The survey at a glance$/);
    expect(glance, 'a survey-at-a-glance page').toBeDefined();
    // The terms are set in capitals by the style sheet.
    for (const term of ['respondents', 'fielded', 'base', 'questions', 'sampling', 'limits', '403'])
      expect(textOf(glance!).toLowerCase(), term).toContain(term);
  });

  it('embeds the site’s typefaces, Source Sans 3 and Source Serif 4, and no unnamed Type 3 font', async () => {
    const doc = await PDFDocument.load(bytes);
    const fonts: { name: string; embedded: boolean; subtype: string }[] = [];
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
      const subtype = String(object.get(PDFName.of('Subtype')));
      if (subtype === '/Type0') continue; // its descendant font carries the descriptor
      const descriptor = object.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
      const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor?.has(PDFName.of(key)));
      fonts.push({ name: String(object.get(PDFName.of('BaseFont'))), embedded, subtype });
    }
    expect(fonts.filter((f) => f.subtype === '/Type3')).toEqual([]);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(fonts.some((f) => f.name.includes('SourceSans3'))).toBe(true);
    expect(fonts.some((f) => f.name.includes('SourceSerif4'))).toBe(true);
  });

  it('numbers every page after the cover at the foot, at 8 pt or more, with a running head', () => {
    for (const page of pages.slice(1)) {
      const words = page.text.filter((t) => t.str.trim() !== '');
      const lowest = Math.min(...words.map((t) => t.y));
      // The foot line: the publisher on the left, the page number on the right.
      const foot = words.find((t) => t.y < lowest + 1 && t.str.trim() === String(page.number));
      expect(foot, `page ${page.number}: its number at the foot`).toBeDefined();
      expect(foot!.size, `page ${page.number}: page number size`).toBeGreaterThanOrEqual(8);
      const head = page.text.filter((t) => t.str.trim() !== '').reduce((a, b) => (b.y > a.y ? b : a));
      expect(head.size, `page ${page.number}: running head size`).toBeGreaterThanOrEqual(8);
    }
    expect(textOf(pages[0]!)).not.toMatch(/(^|\s)1$/);
  });

  it('lists every source behind a figure on the sources page, without internal keys', () => {
    const start = outline.find((entry) => entry.depth === 1 && entry.title === 'Sources')!.page;
    const text = squash(
      pages
        .slice(start - 1)
        .map(textOf)
        .join(' '),
    );
    const sources = figures().flatMap((f) => [f.source, ...f.rows.flatMap((r) => (r.source ? [r.source] : []))]);
    for (const source of sources) {
      expect(text, source.key).toContain(squash(source.title));
      expect(text, source.key).not.toContain(`key${source.key}`);
    }
  });
});

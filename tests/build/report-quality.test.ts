import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYaml, readFrontmatter } from '../../src/lib/content/files.ts';
import { formatPercent } from '../../src/lib/format.ts';
import { chapterShares, titleInDigits } from '../../src/lib/report/title-digits.ts';
import {
  chapters,
  emptyMidChapterPages,
  figuresWithoutAlt,
  fontsNotEmbedded,
  inspectPdf,
  isTagged,
  keyNumberPattern,
  mislabelledFonts,
  missingMetadata,
  repeatedKeyNumbers,
  widowPages,
  type Bookmark,
  type ChapterRule,
  type PdfReport,
} from './pdf-quality.ts';
import { build, copyOfProject } from './project-copy.ts';

/**
 * The checks of tests/build/pdf-quality.ts on the real report of ml-trends-2021, built as `npm run build`
 * builds it (in a copy of the project): no widow page, no hole in the middle of a chapter, tagged, every
 * figure with alt text, every font embedded under a name that tells its weight, the document's metadata set,
 * no key number repeated on a page. The thresholds are those of issue 19 and docs/report-pdf.md ("Checks on every build").
 */
const SERIES = 'ml-trends-2021';
let dir: string;
let report: PdfReport;
let rule: ChapterRule;
let keyNumbers: string[];

type Ref = { figure: string; label: string };
interface RawFigure {
  id: string;
  unit: string;
  rows: { label: string; value: number }[];
}

/** A bound number as the report prints it: the row's value, a percentage in this dataset. */
function printed(ref: Ref, figures: RawFigure[], where: string): string {
  const figure = figures.find((f) => f.id === ref.figure);
  const row = figure?.rows.find((r) => r.label === ref.label);
  if (!figure || !row) throw new Error(`${where}: no row "${ref.label}" in figure "${ref.figure}"`);
  if (figure.unit !== 'percent') throw new Error(`${where}: figure "${ref.figure}" is not in percent`);
  return formatPercent(row.value);
}

/**
 * The report's key numbers: each trend's key figure, the series' `report.keyNumbers`, each part's key figure,
 * and the numbers the executive summary binds with <Stat figure=… label=… />.
 */
function keyNumbersOf(root: string): string[] {
  const folder = join(root, 'content/series', SERIES);
  const figures = JSON.parse(readFileSync(join(folder, 'figures.json'), 'utf8')) as RawFigure[];
  const series = parseYaml(readFileSync(join(folder, 'series.yaml'), 'utf8')) as {
    report?: { keyNumbers?: Ref[]; parts?: { keyFigure?: Ref }[] };
  };
  const found: string[] = [];
  for (const ref of series.report?.keyNumbers ?? []) found.push(printed(ref, figures, 'series.yaml keyNumbers'));
  for (const part of series.report?.parts ?? [])
    if (part.keyFigure) found.push(printed(part.keyFigure, figures, 'series.yaml parts'));
  for (const name of readdirSync(join(folder, 'trends')).filter((n) => n.endsWith('.mdx'))) {
    const data = readFrontmatter(readFileSync(join(folder, 'trends', name), 'utf8'), name) as { keyFigure?: Ref };
    if (data.keyFigure) found.push(printed(data.keyFigure, figures, name));
  }
  const summary = join(folder, 'report/summary.mdx');
  if (existsSync(summary))
    for (const match of readFileSync(summary, 'utf8').matchAll(/<Stat\b([^>]*)\/>/g)) {
      const figure = /figure=["']([^"']+)["']/.exec(match[1]!)?.[1];
      const label = /label=["']([^"']+)["']/.exec(match[1]!)?.[1];
      if (figure && label) found.push(printed({ figure, label }, figures, 'report/summary.mdx'));
    }
  return [...new Set(found)];
}

/** Titles compared without case, spaces or punctuation. */
const squash = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Which bookmarks are chapters. The outline's top is taken under a single title bookmark (Chromium's PDF
 * has one). With parts in series.yaml: a bookmark whose parent is a part, and every other bookmark at the
 * parts' level (summary, introduction, methodology, appendix: chapters of the front and back matter).
 * Without parts: every bookmark at the top.
 */
function chapterRule(root: string, pdf: PdfReport): ChapterRule {
  let top: Bookmark[] = pdf.outline;
  while (top.length === 1 && top[0]!.children.length > 0) top = top[0]!.children;
  const level = top[0]?.level ?? 1;
  const series = parseYaml(readFileSync(join(root, 'content/series', SERIES, 'series.yaml'), 'utf8')) as {
    report?: { parts?: { title: string }[] };
  };
  const parts = (series.report?.parts ?? []).map((part) => squash(part.title));
  if (parts.length === 0) return { level };
  const isPart = (bookmark: Bookmark) => parts.some((part) => squash(bookmark.title).includes(part));
  return {
    isChapter: (bookmark, parent) =>
      (parent !== undefined && isPart(parent)) || (bookmark.level === level && !isPart(bookmark)),
  };
}

beforeAll(async () => {
  dir = copyOfProject();
  const { status, output } = build(dir);
  if (status !== 0) throw new Error(`the build failed:\n${output.slice(-4000)}`);
  report = await inspectPdf(join(dir, 'dist/report', `${SERIES}.pdf`));
  rule = chapterRule(dir, report);
  keyNumbers = keyNumbersOf(dir);
}, 600_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe(`the ${SERIES} report PDF passes the quality checks`, () => {
  it('has chapters for the ten trends to check', () => {
    const titles = chapters(report, rule).map((chapter) => squash(chapter.title));
    const folder = join(dir, 'content/series', SERIES, 'trends');
    const figures = JSON.parse(readFileSync(join(dir, 'content/series', SERIES, 'figures.json'), 'utf8')) as {
      id: string;
      unit: string;
      rows: { value: number; previous?: number; derived?: boolean }[];
    }[];
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.mdx'))) {
      const data = readFrontmatter(readFileSync(join(folder, name), 'utf8'), name) as {
        title: string;
        figures?: string[];
      };
      // The print sets the title's shares in digits (round 14): "Over four in five raised…" is "83% raised…".
      const title = titleInDigits(data.title, chapterShares(figures, data.figures ?? []));
      expect(
        titles.some((t) => t.includes(squash(title))),
        `a chapter bookmark for ${name}`,
      ).toBe(true);
    }
  });

  it('ends no chapter on a page less than a quarter full', () => {
    const widows = widowPages(report, rule);
    expect(widows, JSON.stringify(widows, null, 1)).toEqual([]);
  });

  it('leaves no page inside a chapter more than 30% empty, unless a figure or part opener needs the space', () => {
    const empty = emptyMidChapterPages(report, rule);
    expect(empty, JSON.stringify(empty, null, 1)).toEqual([]);
  });

  it('is tagged, with alt text on every figure of the structure tree', () => {
    expect(isTagged(report)).toBe(true);
    expect(report.figures.length, 'figures in the structure tree').toBeGreaterThanOrEqual(3);
    const missing = figuresWithoutAlt(report).map((f) => `figure ${f.index + 1} on pages ${f.pages.join(', ')}`);
    expect(missing).toEqual([]);
  });

  it('sets its title, author, subject, keywords and language', () => {
    expect(missingMetadata(report)).toEqual([]);
  });

  it('embeds every font, each under a name that tells its weight', () => {
    expect(report.fonts.length).toBeGreaterThan(0);
    expect(fontsNotEmbedded(report).map((f) => f.name)).toEqual([]);
    expect(mislabelledFonts(report).map((f) => `${f.name}: ${f.reason}`)).toEqual([]);
  });

  it('prints each key number once per page in one role', () => {
    expect(keyNumbers.length).toBeGreaterThanOrEqual(5);
    // Each key number is in the PDF's text at all: the check reads the pages it is meant to read.
    const text = report.pages.map((page) => page.text).join(' ');
    for (const keyNumber of keyNumbers) expect(text, keyNumber).toMatch(keyNumberPattern(keyNumber));
    const repeated = repeatedKeyNumbers(report, keyNumbers);
    expect(repeated, JSON.stringify(repeated, null, 1)).toEqual([]);
  });
});

/**
 * Typesets one series' report with Typst (no browser): the print page converted to Typst source
 * (`html-to-typst.ts`), the figure models as `/figures.json`, the template `report.typ` and the chart
 * drawing `charts.typ`, with Adobe's Source Serif 4
 * and Source Sans 3 from node_modules. Writes a tagged PDF checked against PDF/UA-1 at compile time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { htmlToTypst } from './html-to-typst.ts';

/** This folder: the template files. */
export const TEMPLATE_DIR = dirname(fileURLToPath(import.meta.url));

/** The font files the template uses (optical sizes for text and display, sans for structure), by package. */
export const FONT_FILES: Record<string, readonly string[]> = {
  'source-serif': [
    'SourceSerif4SmText-Regular',
    'SourceSerif4SmText-It',
    'SourceSerif4SmText-Semibold',
    'SourceSerif4SmText-SemiboldIt',
    'SourceSerif4SmText-Bold',
    'SourceSerif4SmText-BoldIt',
    'SourceSerif4Display-Regular',
    'SourceSerif4Display-It',
    'SourceSerif4Display-Semibold',
    'SourceSerif4Display-Bold',
  ].map((name) => `TTF/${name}.ttf`),
  'source-sans': ['Regular', 'It', 'Semibold', 'SemiboldIt', 'Bold'].map((w) => `TTF/SourceSans3-${w}.ttf`),
};

/** Absolute paths of the font files, resolved from the project's node_modules. */
export function fontFiles(root: string): string[] {
  const require = createRequire(join(root, 'package.json'));
  return Object.entries(FONT_FILES).flatMap(([pkg, files]) => {
    const dir = dirname(require.resolve(`${pkg}/package.json`));
    return files.map((file) => join(dir, file));
  });
}

/** The template files that shape the PDF, by their name inside the Typst project. */
export function templateFiles(): Record<string, string> {
  return {
    '/report.typ': join(TEMPLATE_DIR, 'report.typ'),
    '/charts.typ': join(TEMPLATE_DIR, 'charts.typ'),
    '/share-words.typ': join(TEMPLATE_DIR, 'share-words.typ'),
  };
}

/** The Typst compiler's package version: part of the cache key. */
export function compilerVersion(root: string): string {
  const require = createRequire(join(root, 'package.json'));
  const manifest = require.resolve('@myriaddreamin/typst-ts-node-compiler/package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

const WORKSPACE = '/typst-report';

export class TypstError extends Error {}

export interface Typeset {
  pdf: Buffer;
  /** The same compiled document as SVG, every page stacked from the top (for the previews). */
  svg: () => string;
}

/** The Typst sources of a report from its print page: the converted document and the figures' JSON. */
export function reportSources(
  html: string,
  keywords: readonly string[],
  images: Record<string, string> = {},
  language?: string,
) {
  const converted = htmlToTypst(html, { keywords, ...(language ? { language } : {}) });
  const figures = JSON.stringify({
    models: converted.models,
    order: converted.figureOrder,
    images,
    'own-survey': converted.ownSurvey,
  });
  return { main: converted.source, figures };
}

/** The images the print page shows (`<img src>`), as the site serves them. */
export function imageSources(html: string): string[] {
  return [...new Set([...html.matchAll(/<img\b[^>]*?\ssrc="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')))];
}

/**
 * Each image's file in the build (`clientDir`), by its address: only same-site files (`/…`) are read;
 * one the build does not have is left out of the PDF and named in `missing` (the link check fails the
 * build on it with the page and the article).
 */
export function imageFiles(html: string, clientDir: string | undefined) {
  const files: { src: string; path: string; bytes: Buffer }[] = [];
  const missing: string[] = [];
  imageSources(html).forEach((src, i) => {
    const local = src.startsWith('/') && !src.startsWith('//') ? decodeURI(src.split(/[?#]/)[0]!) : undefined;
    const file = local && clientDir ? join(clientDir, local) : undefined;
    if (!file || !file.startsWith(clientDir!) || !existsSync(file)) {
      missing.push(src);
      return;
    }
    files.push({ src, path: `/images/${i}${extname(file).toLowerCase()}`, bytes: readFileSync(file) });
  });
  return { files, missing };
}

/** Where the text area starts on the page (mm): report.typ's `top-margin`. */
const TEXT_TOP_MM = 23;
/** A quarter of the text area: A4 less report.typ's `top-margin` (23 mm) and `bottom-margin` (21 mm). */
const QUARTER_PAGE_MM = (297 - TEXT_TOP_MM - 21) / 4;

/**
 * The chapters whose text ends in the top quarter of a page after the one they start on (the top half, where a
 * part opener follows: decision E, round 11), from the `chapter-fill` marks report.typ leaves at each chapter's
 * start and end.
 */
export function shortLastPages(marks: unknown): number[] {
  const found = new Map<number, { start?: number; end?: { page: number; y: number; opener: boolean } }>();
  for (const mark of Array.isArray(marks) ? marks : []) {
    const value = (mark as { value?: { chapter: number; edge: string; page: number; y: number; opener?: boolean } })
      .value;
    if (!value) continue;
    const entry = found.get(value.chapter) ?? {};
    if (value.edge === 'start') entry.start = value.page;
    else entry.end = { page: value.page, y: value.y, opener: value.opener === true };
    found.set(value.chapter, entry);
  }
  const starts = new Set([...found.values()].map((e) => e.start));
  return (
    [...found]
      // A mark at the very top of a page is text that ended at the foot of the page before.
      .filter(([, e]) => e.start !== undefined && e.end && e.end.page > e.start && e.end.y - TEXT_TOP_MM > 0.5)
      .filter(([, e]) => e.end!.y - TEXT_TOP_MM < QUARTER_PAGE_MM * (e.end!.opener ? 2 : 1))
      // The next chapter fills the rest of that page: no short page.
      .filter(([, e]) => !starts.has(e.end!.page))
      .map(([chapter]) => chapter)
  );
}

/** The longest report whose chapter ends are fitted (each try typesets the whole report again). */
export const FITTED_PAGES = 300;

/** The last page a `chapter-fill` mark stands on: how long the report's chapters run. */
export function lastPage(marks: unknown): number {
  const pages = (Array.isArray(marks) ? marks : []).map(
    (mark) => (mark as { value?: { page?: number } }).value?.page ?? 0,
  );
  return Math.max(0, ...pages);
}

/** Typesets a report: the PDF's bytes; Typst's errors become one error naming the series. */
export async function typesetReport(options: {
  root: string;
  series: string;
  html: string;
  keywords: readonly string[];
  /** The PDF's language (BCP 47), where it says more than the print page's (a region: "en-US"). */
  language?: string;
  /** The built site, where the images the print page shows are read from. */
  clientDir?: string;
  log?: (line: string) => void;
}): Promise<Typeset> {
  const { root, series, html, keywords } = options;
  const { NodeCompiler } = await import('@myriaddreamin/typst-ts-node-compiler');
  const images = imageFiles(html, options.clientDir);
  for (const src of images.missing) options.log?.(`${series}: image ${src} is not in the build; the PDF leaves it out`);
  const { main, figures } = reportSources(
    html,
    keywords,
    Object.fromEntries(images.files.map((f) => [f.src, f.path])),
    options.language,
  );
  // A workspace of its own that is no folder on disk: every file the report reads is given here.
  const at = (name: string) => `${WORKSPACE}${name}`;
  const compiler = NodeCompiler.create({
    workspace: WORKSPACE,
    fontArgs: [{ fontBlobs: fontFiles(root).map((file) => readFileSync(file)) }],
  });
  for (const [name, file] of Object.entries(templateFiles())) compiler.addSource(at(name), readFileSync(file, 'utf8'));
  compiler.mapShadow(at('/figures.json'), Buffer.from(figures));
  for (const image of images.files) compiler.mapShadow(at(image.path), image.bytes);
  compiler.addSource(at('/main.typ'), main);
  const steps = ['tight', 'tighter', 'loose', 'looser', 'defer', 'defer-two'] as const;
  const typeset = (modes: ReadonlyMap<number, string>) => {
    const chapters = (mode: string) =>
      [...modes]
        .filter(([, m]) => m === mode)
        .map(([n]) => n)
        .join(',');
    const result = compiler.compile({
      mainFilePath: at('/main.typ'),
      inputs: Object.fromEntries(steps.map((step) => [`${step}-chapters`, chapters(step)])),
    });
    const error = result.takeError?.();
    if (result.hasError() || !result.result) {
      const diagnostics = error ? compiler.fetchDiagnostics(error) : [];
      throw new TypstError(`Report ${series}: Typst could not typeset the report:\n${describe(diagnostics)}`);
    }
    return { result, document: result.result };
  };
  // A chapter whose last page would be less than a quarter full (half, before a part opener) is set a little tighter, to pull its last
  // lines back; where that does not do it, a little looser, to carry more onto that page; where neither does,
  // opened on a page of its own (`fresh`: its text moves down by what was left of the page its head stood on,
  // round 12's chapter 4, whose exhibit left 26% of a page before the next part); or with the chapter before it
  // set tighter too; where nothing does, as it was (the report-quality test then
  // names it). Each try is one more typesetting, at most eight.
  const modes = new Map<number, (typeof steps)[number] | 'none'>();
  const pulled = new Set<number>();
  let { result, document } = typeset(modes);
  const shortNow = () => shortLastPages(compiler.query(document, { selector: '<chapter-fill>' })).length;
  // The try with the fewest short last pages so far: the last try is checked too, and a worse one is not kept.
  let best = { result, document, short: shortNow() };
  // Each try typesets the whole report again: a report like the series' (a second a pass) gets up to eight;
  // a long one (the 1,000-trend benchmark: thousands of pages, a minute a pass) none, and the build log says so.
  // Decided by length, not by the clock, so that the same content prints the same PDF on a busy machine.
  const passes = lastPage(compiler.query(document, { selector: '<chapter-fill>' })) <= FITTED_PAGES ? 8 : 0;
  if (passes === 0) options.log?.(`${series}: a long report: chapter ends are not fitted (one typesetting only)`);
  for (let pass = 0; pass < passes; pass++) {
    const marks: unknown = compiler.query(document, { selector: '<chapter-fill>' });
    const all = shortLastPages(marks);
    // A chapter no setting of its own fixed: the chapter before it, set tighter with it, may start it higher up
    // (once; where that fails too, both go back to the normal setting).
    const pull = all.filter((n) => modes.get(n) === 'none' && n > 1 && !pulled.has(n));
    const short = all.filter((n) => modes.get(n) !== 'none');
    if (short.length === 0 && pull.length === 0) break;
    for (const n of short) {
      const at = steps.indexOf(modes.get(n) as (typeof steps)[number]);
      // What no setting fixed goes back to the normal setting.
      modes.set(n, at === steps.length - 1 ? 'none' : steps[at + 1]!);
    }
    for (const n of pull) {
      pulled.add(n);
      if ((modes.get(n - 1) ?? 'none') === 'none') {
        modes.set(n - 1, 'tighter');
        modes.set(n, 'tighter');
      }
    }
    const shown = [...modes].filter(([, m]) => m !== 'none').map(([n, m]) => `${n} ${m}`);
    options.log?.(
      `${series}: fitting chapters whose last page would be under a quarter full (half before a part): ${shown.join(', ') || 'none'}`,
    );
    ({ result, document } = typeset(modes));
    const left = shortNow();
    if (left < best.short) best = { result, document, short: left };
  }
  ({ result, document } = best);
  // What no fitting step fixed fails the build (round 18: a warning let the demo's report ship a page of three
  // lines): the content must change, the chapter's text or where its exhibits stand. A long report is not fitted,
  // and not held to it.
  if (best.short > 0 && passes > 0) {
    const chapters = shortLastPages(compiler.query(document, { selector: '<chapter-fill>' }));
    throw new TypstError(
      `Report ${series}: chapter${chapters.length === 1 ? '' : 's'} ${chapters.join(', ')} still end${chapters.length === 1 ? 's' : ''} on a page under a quarter full (half before a part) after every fitting step: lengthen or shorten the chapter's text by a few lines, or move one of its exhibits (<Figure id="…" print />) nearer its end`,
    );
  }
  // Warnings (a layout that did not converge, a font fallback) go to the build log.
  const warnings = result.takeWarnings?.();
  if (warnings) options.log?.(`${series}: Typst warns:\n${describe(compiler.fetchDiagnostics(warnings))}`);
  let pdf: Buffer;
  try {
    pdf = compiler.pdf(document, {
      pdfStandard: 'ua-1',
      pdfTags: true,
      creationTimestamp: Math.floor(Date.now() / 1000),
    });
  } catch (e) {
    throw new TypstError(`Report ${series}: the PDF does not meet PDF/UA-1: ${(e as Error).message}`);
  }
  return { pdf, svg: () => compiler.plainSvg(document) };
}

/** Typst's diagnostics, one line each: the message and where. */
function describe(diagnostics: unknown[]): string {
  return diagnostics
    .map((d) => {
      const { message, path, range } = d as { message?: string; path?: string; range?: unknown };
      const start = (range as { start?: { line: number; character: number } } | undefined)?.start;
      const at = start ? `line ${start.line + 1}, column ${start.character + 1}` : '';
      return `  - ${message ?? JSON.stringify(d)}${path ? ` (${path.replace(WORKSPACE, '')}${at ? ` ${at}` : ''})` : ''}`;
    })
    .join('\n');
}

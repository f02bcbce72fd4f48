import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { toTypst, type PrintChartModel } from './chart-model.ts';

/**
 * A proof sheet of print charts: every chart in a column of each given width on A4 pages, each wrapped
 * in a figure with its title, subtitle and alt text as the report will wrap it. Used by
 * `npm run preview:print-charts` and by the print-chart tests (which read the PDF it compiles).
 */

/** The report's fonts: Adobe's Source Serif 4 and Source Sans 3, from their npm packages. */
export const FONT_PATHS = ['node_modules/source-serif/TTF', 'node_modules/source-sans/TTF'];

/** The Typst drawing code, read from charts.typ next to this file. */
export function chartsTypst(): string {
  return readFileSync(new URL('./charts.typ', import.meta.url), 'utf8');
}

export interface SheetOptions {
  /** Column widths in mm, one page (or more) per width: the text column and the full width by default. */
  widthsMm?: readonly number[];
  /** Whether each figure carries its title and subtitle as a caption (the report's way); default true. */
  captions?: boolean;
  /** Whether the charts print their notes; default false (the notes go with the data tables). */
  notes?: boolean;
  /** The drawing code, for a test to compile a deliberately broken variant; charts.typ by default. */
  charts?: string;
}

/** Typst source of a sheet: each model drawn in a column of each width (in mm), a page per width. */
export function chartSheetSource(models: readonly PrintChartModel[], options: SheetOptions = {}): string {
  const { widthsMm = [105, 160], captions = true, notes = false, charts = chartsTypst() } = options;
  const caption = captions
    ? `, caption: figure.caption(position: top)[#block(width: 100%, align(left)[#text(font: "Source Serif 4", size: 10pt, weight: "semibold", m.title) \\ #text(font: "Source Sans 3", size: 8pt, fill: luma(80), m.subtitle)])]`
    : '';
  const figures = widthsMm.map((width, i) => {
    const body = models
      .map(
        (m) => `#block(breakable: false, width: ${width}mm)[#let m = ${toTypst(m)}
#figure(alt: m.alt, kind: image, supplement: none, numbering: none, gap: 6pt${caption}, print-chart(m, notes: ${notes}))]
#v(14pt)`,
      )
      .join('\n');
    const heading = captions
      ? `#text(font: "Source Sans 3", size: 9pt, fill: luma(80))[Print charts at ${width} mm]\n#v(8pt)\n`
      : '';
    return `${i > 0 ? '#pagebreak()\n' : ''}${heading}${body}`;
  });
  return [
    '#set document(title: "Print charts", author: "Print chart preview")',
    '#set page(paper: "a4", margin: (x: 20mm, y: 18mm))',
    '#set text(lang: "en", font: "Source Serif 4", size: 10pt)',
    charts,
    ...figures,
  ].join('\n');
}

/** Compiles Typst source to a tagged PDF (PDF/UA-1 checks on), with the report's fonts under `root`. */
export function compileTypstPdf(source: string, root: string = process.cwd()): Buffer {
  const compiler = NodeCompiler.create({
    workspace: root,
    fontArgs: [{ fontPaths: FONT_PATHS.map((p) => join(root, p)) }],
  });
  const result = compiler.compile({ mainFileContent: source });
  const diagnostics = result.takeDiagnostics();
  if (result.hasError() || !result.result) {
    const shown = (diagnostics?.shortDiagnostics ?? []) as { message?: string; path?: string }[];
    const messages = shown.map((d) => `${d.message ?? JSON.stringify(d)}${d.path ? ` (${d.path})` : ''}`);
    throw new Error(`Typst could not compile the charts:\n${messages.join('\n') || 'no diagnostics'}`);
  }
  return compiler.pdf(result.result, { pdfStandard: 'ua-1', pdfTags: true });
}

import { lineAt, maskCodeAndComments, maskFrontmatter } from './mdx-source.ts';

/**
 * Finds the dataset references an article makes in its MDX body (`<Figure id>`, `<Stat figure label>`,
 * `<Survey fact>`), with line numbers, from the source text. Pure: no MDX compiler needed. Tags inside
 * code or comments are not references.
 */

/** The components editors use in MDX: src/components/mdx/index.ts passes exactly these to every article. */
export const MDX_COMPONENTS = ['Figure', 'Stat', 'Survey', 'Ratio', 'Numbers', 'Gap'] as const;

export type ComponentName = (typeof MDX_COMPONENTS)[number];

export interface ComponentRef {
  component: ComponentName;
  /**
   * Attributes as written: text for `a="x"`, `a='x'` or `a={"x"}`; a boolean for a bare attribute
   * (`previous` is `true`) or `{true}`/`{false}`; any other expression as its source, e.g. `{count}`.
   */
  attributes: Record<string, string | boolean>;
  /** 1-based line in the source the tag starts on. */
  line: number;
}

const TAG = new RegExp(`<(${MDX_COMPONENTS.join('|')})\\b((?:[^>"']|"[^"]*"|'[^']*')*)>`, 'g');
const ATTRIBUTE = /([A-Za-z][\w-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*(?:["']([^"']*)["']|([^}]*?))\s*\}))?/g;

function expressionValue(expression: string): string | boolean {
  return expression === 'true' ? true : expression === 'false' ? false : `{${expression}}`;
}

export function findComponentRefs(source: string): ComponentRef[] {
  const refs: ComponentRef[] = [];
  const text = maskCodeAndComments(maskFrontmatter(source));
  for (const match of text.matchAll(TAG)) {
    const attributes: Record<string, string | boolean> = {};
    const body = (match[2] ?? '').replace(/\/\s*$/, '');
    for (const attr of body.matchAll(ATTRIBUTE)) {
      const [, name, dq, sq, quoted, expression] = attr;
      if (!name) continue;
      attributes[name] = dq ?? sq ?? quoted ?? (expression === undefined ? true : expressionValue(expression));
    }
    refs.push({ component: match[1] as ComponentName, attributes, line: lineAt(text, match.index) });
  }
  return refs;
}

/** A tag written with the name of an MDX component in another case: `<figure>` for `<Figure>`. */
export interface MisspeltComponent {
  /** The name as written, e.g. "figure". */
  written: string;
  component: ComponentName;
  /** 1-based line in the source the tag starts on. */
  line: number;
}

/**
 * Opening tags whose name is one of the MDX components' in another case, outside code and comments. MDX
 * renders a lower-case `<figure id="x" />` as the HTML element, empty, and the article loses its chart.
 */
export function findMisspeltComponents(source: string): MisspeltComponent[] {
  const text = maskCodeAndComments(maskFrontmatter(source));
  return [...text.matchAll(/<([A-Za-z][\w.-]*)(?=[\s/>])/g)].flatMap((match) => {
    const written = match[1]!;
    const component = MDX_COMPONENTS.find((name) => name.toLowerCase() === written.toLowerCase());
    return component && component !== written ? [{ written, component, line: lineAt(text, match.index) }] : [];
  });
}

/**
 * The figure ids an article body uses, through `<Figure id>`, `<Stat figure>`, `<Ratio figure>`, `<Gap figure>` or
 * `<Numbers figures>` (ids separated by spaces).
 */
export function figureIdsUsed(refs: readonly ComponentRef[]): string[] {
  const ids = refs
    .flatMap((ref) =>
      ref.component === 'Figure'
        ? [ref.attributes.id]
        : ref.component === 'Stat' || ref.component === 'Ratio' || ref.component === 'Gap'
          ? [ref.attributes.figure]
          : ref.component === 'Numbers' && typeof ref.attributes.figures === 'string'
            ? ref.attributes.figures.split(/\s+/).filter(Boolean)
            : [],
    )
    .filter((id): id is string => typeof id === 'string');
  return [...new Set(ids)];
}

/**
 * The figure ids an article draws as charts on the web, through `<Figure id>` only (a web-only `<Figure id web />`
 * included), not a print-only placement (`<Figure id print />`). Only these get the reuse files of a chart (PNG, SVG, embed page, oEmbed answer,
 * citation as a figure): a figure only `<Stat>` binds is a number in a sentence, with its CSV and JSON
 * downloads but nothing to embed.
 */
export function drawnFigureIds(source: string): string[] {
  return figureTagIds(source, (ref) => ref.attributes.print === undefined);
}

/**
 * The figure ids the printed chapter of an article places: every `<Figure id>` but a web-only placement
 * (`<Figure id web />`), a print-only placement (`<Figure id print />`, which the web article ignores) included. The report's converter decides which of
 * them a chapter draws (docs/report-pdf.md, decisions A and B).
 */
export function printedFigureIds(source: string): string[] {
  return figureTagIds(source, (ref) => ref.attributes.web === undefined);
}

function figureTagIds(source: string, keep: (ref: ComponentRef) => boolean): string[] {
  const ids = findComponentRefs(source)
    .filter((ref) => ref.component === 'Figure' && keep(ref))
    .map((ref) => ref.attributes.id)
    .filter((id): id is string => typeof id === 'string');
  return [...new Set(ids)];
}

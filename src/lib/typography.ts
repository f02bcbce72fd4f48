import { retext } from 'retext';
import retextSmartypants from 'retext-smartypants';
import type { Figure } from './schema/figure.ts';
import type { Source } from './schema/source.ts';
import { SMARTYPANTS } from './typography-options.ts';

/**
 * Typographic punctuation: straight quotes become curly ones, `--` an en dash, `---` an em dash and
 * `...` an ellipsis. The MDX pipeline applies it to articles through remarkTypography
 * (remark-typography.ts); `typeset` applies the same library with the same options to text shown outside
 * Markdown (frontmatter titles and summaries, figure titles, questions, labels, notes and sources), so both
 * read alike.
 */

const processor = retext().use(retextSmartypants, SMARTYPANTS);
const cache = new Map<string, string>();

/** `text` with curly quotes and real dashes. */
export function typeset(text: string): string {
  let out = cache.get(text);
  if (out === undefined) {
    out = String(processor.processSync(text));
    cache.set(text, out);
  }
  return out;
}

/** `typeset` for a text that may be absent (a source line a page may not have). */
export const typesetOptional = (text: string | undefined): string | undefined =>
  text === undefined ? undefined : typeset(text);

/** A figure's text as shown to readers (titles, question, bases, labels, note, sources), typeset. */
export function typesetFigure<F extends Figure>(figure: F): F {
  const source = (s: Source): Source => ({
    ...s,
    title: typeset(s.title),
    ...(s.author === undefined ? {} : { author: typeset(s.author) }),
    ...(s.outlet === undefined ? {} : { outlet: typeset(s.outlet) }),
  });
  return {
    ...figure,
    title: typeset(figure.title),
    question: typeset(figure.question),
    ...(figure.base === undefined ? {} : { base: { ...figure.base, text: typeset(figure.base.text) } }),
    ...(figure.previousBase === undefined
      ? {}
      : { previousBase: { ...figure.previousBase, text: typeset(figure.previousBase.text) } }),
    ...(figure.note === undefined ? {} : { note: typeset(figure.note) }),
    ...(figure.seriesLabels ? { seriesLabels: figure.seriesLabels.map(typeset) as [string, string] } : {}),
    rows: figure.rows.map((row) => ({
      ...row,
      label: typeset(row.label),
      ...(row.source ? { source: source(row.source) } : {}),
    })),
    source: source(figure.source),
  };
}

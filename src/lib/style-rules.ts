import { z } from 'astro/zod';
import { blank, lineAt, maskCodeAndComments, maskFrontmatter, maskUrls } from './mdx-source.ts';

/**
 * The house style sheet's machine-readable rules (the ```style-rules block of content/STYLE.md) and the
 * checks that apply them to an article, a report section or the dataset's text.
 */

/** The rules block: banned spelling variants with their house form, and banned sourcing phrases. */
export const StyleRulesSchema = z.object({
  /** Banned variant → the house form; a key also matches longer words that start with it. */
  prefer: z.record(z.string().min(1), z.string().min(1), { error: 'must map each banned variant to its house form' }),
  /** Phrases that tell readers where numbers came from: they belong in a figure's note, not in prose. */
  'banned-phrases': z.array(z.string().min(1), { error: 'must be a list of phrases' }).default([]),
});

export type StyleRules = z.output<typeof StyleRulesSchema>;

/** One place where a text breaks the style sheet. */
export interface StyleProblem {
  line: number;
  message: string;
}

const BLOCK = /^```style-rules[^\S\n]*\n([\s\S]*?)^```/m;

/** The YAML text of the ```style-rules block of a style sheet, or undefined when it has none. */
export function styleRulesBlock(markdown: string): string | undefined {
  return BLOCK.exec(markdown)?.[1];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The house form of `found` (which matched `variant`), with the found word's ending and first capital. */
function preferred(found: string, variant: string, house: string): string {
  const form = house + found.slice(variant.length);
  return /^[A-Z]/.test(found) ? form.charAt(0).toUpperCase() + form.slice(1) : form;
}

/** Banned variants and phrases in `text`, each with its line. */
export function styleProblems(text: string, rules: StyleRules): StyleProblem[] {
  const problems: (StyleProblem & { index: number })[] = [];
  // One problem per word: where several variants match it ("programme", "programmes"), the longest says it.
  const words = new Map<number, { variant: string; house: string; word: string }>();
  for (const [variant, house] of Object.entries(rules.prefer)) {
    for (const match of text.matchAll(new RegExp(`\\b${escape(variant)}[a-z]*`, 'gi'))) {
      const seen = words.get(match.index);
      if (!seen || seen.variant.length < variant.length) words.set(match.index, { variant, house, word: match[0] });
    }
  }
  for (const [index, { variant, house, word }] of words) {
    const message = `"${word}" is not house style: write "${preferred(word, variant, house)}" (content/STYLE.md)`;
    problems.push({ index, line: lineAt(text, index), message });
  }
  for (const phrase of rules['banned-phrases']) {
    const words = phrase.trim().split(/\s+/).map(escape).join('\\s+');
    for (const match of text.matchAll(new RegExp(`(?<![\\w-])${words}(?![\\w-])`, 'gi'))) {
      const message = `"${match[0]}" is a sourcing aside banned by content/STYLE.md: cut it, and put what a reader needs in the figure's note`;
      problems.push({ index: match.index, line: lineAt(text, match.index), message });
    }
  }
  return problems.sort((a, b) => a.index - b.index).map(({ line, message }) => ({ line, message }));
}

/**
 * The prose of an MDX file as the style sheet sees it: the body and the title and summary, without
 * code, comments, URLs, imports and component tags (whose props are dataset text, checked in the
 * dataset), at the same offsets as in the file.
 */
export function mdxProse(source: string): string {
  return maskUrls(maskCodeAndComments(maskFrontmatter(source, ['title', 'summary'])))
    .replace(/^(?:import|export)\b.*$/gm, blank)
    .replace(/<\/?[A-Z][\w.]*(?:[^>"']|"[^"]*"|'[^']*')*>/g, blank);
}

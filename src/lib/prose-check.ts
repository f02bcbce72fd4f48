import { blank, lineAt, maskCodeAndComments, maskFrontmatter, maskUrls } from './mdx-source.ts';
import { findComponentRefs, MDX_COMPONENTS } from './mdx-refs.ts';

/**
 * Percentages typed by hand in an article cannot be kept in step with the dataset, so every percentage
 * must come from `<Stat>` or a `<Figure>`. This finds the ones that do not: in the body and in the
 * title and summary, outside component tags, code, comments and URLs.
 */

export interface PercentLiteral {
  /** The literal as written, e.g. "57%". */
  text: string;
  line: number;
}

const COMPONENT_TAG = new RegExp(`<(?:${MDX_COMPONENTS.join('|')})\\b(?:[^>"']|"[^"]*"|'[^']*')*>`, 'g');
const PERCENT = /(?<![\w.])\d+(?:[.,]\d+)?\s?(?:%|percent\b|per\s?cent\b|pct\b)/gi;

export function findPercentLiterals(source: string): PercentLiteral[] {
  const prose = maskUrls(maskCodeAndComments(maskFrontmatter(source, ['title', 'summary']))).replace(
    COMPONENT_TAG,
    blank,
  );
  return [...prose.matchAll(PERCENT)].map((match) => ({ text: match[0], line: lineAt(prose, match.index) }));
}

/** A `<Stat>` in a sentence: the value it binds. */
export interface StatMention {
  figure: string;
  label: string;
  /** True for `<Stat … previous />`, the previous edition's value. */
  previous: boolean;
  /** 1-based line of the tag. */
  line: number;
}

/** A sentence that binds two or more values. */
export interface StatSentence {
  /** 1-based line the sentence starts on. */
  line: number;
  /** Its prose, tags left out and white space collapsed: where comparison words are looked for. */
  text: string;
  stats: StatMention[];
}

/**
 * Where a sentence ends: after . ! or ? (and any closing quote or bracket) before white space, at a blank
 * line, and before a line that starts a heading, a list item, a quote or a table row.
 */
const SENTENCE_END = /[.!?]["'”’)\]]*(?=\s|$)|\n[ \t]*\n|\n(?=[ \t]*(?:[-*+>|]|#{1,6}|\d+[.)])\s)/g;

/**
 * The sentences of an MDX body that hold two or more `<Stat>`s, for the margin-of-error check: outside code
 * and comments, with the tags masked first so that a period in a row label does not end a sentence.
 */
export function findStatSentences(source: string): StatSentence[] {
  const text = maskUrls(maskCodeAndComments(maskFrontmatter(source)));
  const mentions: (StatMention & { index: number })[] = [];
  const prose = text.replace(COMPONENT_TAG, (tag: string, index: number) => {
    const [ref] = findComponentRefs(tag);
    const { figure, label, previous } = ref?.attributes ?? {};
    if (ref?.component === 'Stat' && typeof figure === 'string' && typeof label === 'string') {
      mentions.push({ figure, label, previous: previous === true, line: lineAt(text, index), index });
    }
    return blank(tag);
  });
  const sentences: StatSentence[] = [];
  let start = 0;
  for (const end of [...[...prose.matchAll(SENTENCE_END)].map((m) => m.index + m[0].length), prose.length]) {
    const inside = mentions.filter((m) => m.index >= start && m.index < end);
    if (inside.length >= 2) {
      const lead = prose.slice(start, end).search(/\S/);
      sentences.push({
        line: lineAt(prose, start + Math.max(0, lead)),
        text: prose.slice(start, end).replace(/\s+/g, ' ').trim(),
        stats: inside.map(({ figure, label, previous, line }) => ({ figure, label, previous, line })),
      });
    }
    start = end;
  }
  return sentences;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The listed words and phrases `text` contains, as whole words in any case, in the order of the list. */
export function wordsIn(text: string, words: readonly string[]): string[] {
  return words.filter((word) =>
    new RegExp(`(?<![\\w-])${word.trim().split(/\s+/).map(escapeRegExp).join('\\s+')}(?![\\w-])`, 'i').test(text),
  );
}

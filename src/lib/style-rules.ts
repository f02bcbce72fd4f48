import { z } from 'astro/zod';
import { blank, lineAt, maskCodeAndComments, maskFrontmatter, maskUrls } from './mdx-source.ts';

/**
 * The house style sheet's machine-readable rules (the ```style-rules block of content/STYLE.md) and the
 * checks that apply them to an article, a report section or the dataset's text.
 */

const phrases = z.array(z.string().min(1), { error: 'must be a list of phrases' }).default([]);

/**
 * The rules block: banned spelling variants with their house form, and banned phrases by kind (sourcing
 * asides, contractions, the first person), each kind named in its own words when found.
 */
export const StyleRulesSchema = z.object({
  /** Banned variant → the house form; a key also matches longer words that start with it. */
  prefer: z.record(z.string().min(1), z.string().min(1), { error: 'must map each banned variant to its house form' }),
  /** Phrases that tell readers where numbers came from: they belong in a figure's note, not in prose. */
  'banned-phrases': phrases,
  /** Contractions: the series writes the words out. */
  contractions: phrases,
  /** The first person: the series speaks in the third person. */
  'first-person': phrases,
  /**
   * Quantity phrases the facts file itself uses for a share it gives no number for ("more than half of
   * organizations"): the quantity-word check (content/quantity-words.ts) lets them stand without a <Stat>.
   */
  'sourced-quantity-phrases': phrases,
  /**
   * Phrases that state a limit of the evidence ("not published", "cannot"). An article may use at most
   * `hedges-per-article` of them: each limit once, where it changes how a number reads.
   */
  'hedge-phrases': phrases,
  'hedges-per-article': z.number({ error: 'must be a whole number' }).int().min(0).default(3),
  /**
   * Phrases that label a passage as the editors' own view rather than the survey's finding ("the editors'
   * view", "the editors' reading"). An article labels at most `editors-notes-per-article` such passage, and at
   * most `editors-note-articles` articles of a series hold one.
   */
  'editors-note-phrases': phrases,
  'editors-notes-per-article': z.number({ error: 'must be a whole number' }).int().min(0).default(1),
  'editors-note-articles': z.number({ error: 'must be a whole number' }).int().min(0).default(2),
});

/** What each list of banned phrases says about a phrase it finds. */
const BANNED: Record<'banned-phrases' | 'contractions' | 'first-person', string> = {
  'banned-phrases':
    "is a sourcing aside banned by content/STYLE.md: cut it, and put what a reader needs in the figure's note",
  contractions: 'is a contraction, which content/STYLE.md bans: write the words out ("do not", "it is")',
  'first-person':
    'is the first person, which content/STYLE.md bans: the series speaks in the third person, of the survey and its respondents',
};

/**
 * A listed phrase as a pattern: its words in order across any white space, each as written or with a
 * capital first letter (at the start of a sentence or in a title), never in capitals ("us" is not "US");
 * an apostrophe matches a typographic one.
 */
function phrasePattern(phrase: string): RegExp {
  const word = (w: string) => {
    const first = w.charAt(0);
    const initial =
      first.toUpperCase() === first.toLowerCase() ? escape(first) : `[${first.toLowerCase()}${first.toUpperCase()}]`;
    return initial + escape(w.slice(1)).replace(/['’]/g, "['’]");
  };
  return new RegExp(`(?<![\\w-])${phrase.trim().split(/\s+/).map(word).join('\\s+')}(?![\\w-])`, 'g');
}

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
  for (const [list, says] of Object.entries(BANNED) as [keyof typeof BANNED, string][]) {
    for (const phrase of rules[list]) {
      for (const match of text.matchAll(phrasePattern(phrase))) {
        problems.push({ index: match.index, line: lineAt(text, match.index), message: `"${match[0]}" ${says}` });
      }
    }
  }
  return problems.sort((a, b) => a.index - b.index).map(({ line, message }) => ({ line, message }));
}

/**
 * Too many hedges in one article: undefined when the article's prose holds at most `hedges-per-article` of the
 * style sheet's `hedge-phrases`, otherwise a message with the count and the line of each.
 */
export function hedgeProblem(text: string, rules: StyleRules): string | undefined {
  const found = phrasesFound(text, rules['hedge-phrases']);
  const most = rules['hedges-per-article'];
  if (found.length <= most) return undefined;
  return (
    `${found.length} hedge phrases, more than the ${most} an article may hold (content/STYLE.md, "Hedges"): ` +
    `${found.join(', ')}; state each limit once, where it changes how a number reads, and leave series-wide ` +
    'limits to the sources page'
  );
}

/** The listed phrases `text` holds, in order, each with its line. */
function phrasesFound(text: string, list: readonly string[]): string[] {
  return list
    .flatMap((phrase) => [...text.matchAll(phrasePattern(phrase))])
    .sort((a, b) => a.index - b.index)
    .map((match) => `"${match[0].replace(/\s+/g, ' ')}" (line ${lineAt(text, match.index)})`);
}

/**
 * Editors' notes past the style sheet's limits: an article that labels the editors' view more than
 * `editors-notes-per-article` times, and a series in which more than `editors-note-articles` articles hold one.
 * `articles` are the trends' prose (mdxProse), each with its file.
 */
export function editorsNoteProblems(articles: readonly { file: string; text: string }[], rules: StyleRules): string[] {
  const rule = 'content/STYLE.md, "The editors\' view"';
  const perArticle = rules['editors-notes-per-article'];
  const problems: string[] = [];
  const holding: string[] = [];
  for (const { file, text } of articles) {
    const found = phrasesFound(text, rules['editors-note-phrases']);
    if (found.length > 0) holding.push(file);
    if (found.length > perArticle) {
      problems.push(
        `${file}: ${found.length} editors' notes (${found.join(', ')}), more than the ${perArticle} an article may ` +
          `hold (${rule}): keep one note, labelled once, and end where the evidence ends`,
      );
    }
  }
  const most = rules['editors-note-articles'];
  if (holding.length > most) {
    problems.push(
      `${holding.length} articles hold an editors' note (${holding.join(', ')}), more than the ${most} a series may ` +
        `hold (${rule}): let the others end where the evidence ends`,
    );
  }
  return problems;
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

/**
 * Quantity words a reader takes for a measured share ("almost a third", "nearly two in three", "almost always"):
 * each must be a value the article binds, or a phrase the facts file itself uses. content/STYLE.md, "Numbers".
 *
 * A qualifier ("almost", "nearly", "over", "more than", "just under", "about", …) before a fraction in words
 * ("a third", "half", "two in three", "three quarters") holds when:
 *
 * - in the body, the same sentence binds a `<Stat>` whose value it describes: "almost"/"nearly"/"just under" a
 *   share at most {@link NEAR} points below it, "over"/"more than" above it ("just over" within {@link NEAR}),
 *   "under"/"less than" below it, "about"/"around"/"roughly" within {@link ABOUT}; or the `<Stat>` label holds the
 *   fraction as a threshold ("more than half" beside "more than 50%");
 * - in the headline or deck, where no `<Stat>` can stand, a row of a figure the article binds fits it the same way;
 * - it is a threshold of a question the article binds ("raises of more than half" beside the row "Increased it by
 *   more than 50%"), not a share of respondents;
 * - or the phrase is one the style sheet lists as the sources' own words (`sourced-quantity-phrases`).
 *
 * A frequency said of a source or a group ("almost always", "nearly all", "nearly every") measures nothing the
 * dataset holds, so it holds only when listed.
 */
import type { Figure } from '../schema/figure.ts';
import { findComponentRefs } from '../mdx-refs.ts';
import { maskCodeAndComments, maskFrontmatter, maskUrls } from '../mdx-source.ts';
import { COUNT_WORDS, PART_WORDS } from '../number-words.ts';

/** Points a share may fall short of the fraction "almost"/"nearly" gives it. */
export const NEAR = 5;
/** Points either side of the fraction "about" gives a share. */
export const ABOUT = 3;

const COUNT = Object.keys(COUNT_WORDS).join('|');
const PART = Object.keys(PART_WORDS).join('|');
const QUALIFIER =
  'almost|nearly|just under|just over|well over|over|more than|less than|fewer than|under|about|around|roughly|approximately|close to';
const FRACTION = `(?:(?:${COUNT}|\\d+)[ -]in[ -](?:${COUNT}|\\d+)|(?:(?:${COUNT})[ -])?(?:${PART}))`;
// "half a day", "a quarter of an hour": an amount of something else, not a share of respondents.
const PHRASE = new RegExp(`\\b(${QUALIFIER})\\s+(${FRACTION})\\b(?!\\s+an?\\s)`, 'gi');
const FREQUENCY = /\b(?:almost|nearly|virtually)\s+(?:always|never|all|every|everyone|everybody|none|no one)\b/gi;

/** The share a fraction in words gives, in percent ("two in three" is 66.7). */
function share(fraction: string): number | undefined {
  const words = fraction.toLowerCase().split(/[ -]+/);
  if (words.length === 3 && words[1] === 'in') {
    const [top, bottom] = [words[0]!, words[2]!].map((w) => COUNT_WORDS[w] ?? Number(w));
    return top && bottom && top < bottom ? (100 * top) / bottom : undefined;
  }
  const part = PART_WORDS[words.at(-1)!];
  const top = words.length === 2 ? COUNT_WORDS[words[0]!] : 1;
  return part && top && top < part ? (100 * top) / part : undefined;
}

/** Whether `value` fits the qualified fraction. */
export function fits(qualifier: string, fraction: number, value: number): boolean {
  const q = qualifier.toLowerCase();
  if (['almost', 'nearly', 'just under', 'close to'].includes(q)) return value <= fraction && fraction - value <= NEAR;
  if (q === 'just over') return value > fraction && value - fraction <= NEAR;
  if (['over', 'more than', 'well over'].includes(q)) return value > fraction;
  if (['under', 'less than', 'fewer than'].includes(q)) return value < fraction;
  return Math.abs(value - fraction) <= ABOUT;
}

interface Bound {
  value?: number | undefined;
  label: string;
}

/** Whether a bound value carries the qualified fraction. */
function carried(qualifier: string, fraction: number, bound: readonly Bound[]): boolean {
  return bound.some((b) => b.value !== undefined && fits(qualifier, fraction, b.value));
}

/**
 * Whether the phrase is a threshold of a question the article binds: a row label holds it in digits ("more than
 * 50%" for "more than half") or in words ("more than half their time").
 */
function threshold(phrase: string, qualifier: string, fraction: number, rows: readonly Bound[]): boolean {
  const digits = new RegExp(`\\b${qualifier}\\s+${Math.round(fraction)}\\s*%`, 'i');
  return rows.some((b) => digits.test(b.label) || b.label.toLowerCase().includes(phrase.toLowerCase()));
}

function isListed(phrase: string, sentence: string, listed: readonly string[]): boolean {
  const text = sentence.replace(/\s+/g, ' ').toLowerCase();
  return listed.some((p) => p.toLowerCase().includes(phrase.toLowerCase()) && text.includes(p.toLowerCase()));
}

const STAT_TAG = /<Stat\b(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const OTHER_TAG = /<\/?[A-Za-z][\w.]*(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const SENTENCE_END = /[.!?]["”’)]*\s+|\n[ \t]*\n|\n#/g;

function rowsOf(figures: readonly Figure[], id: string): Bound[] {
  const figure = figures.find((f) => f.id === id);
  return (figure?.rows ?? []).flatMap((row) => [
    { value: row.value, label: row.label },
    ...(row.previous === undefined ? [] : [{ value: row.previous, label: row.label }]),
  ]);
}

/**
 * Quantity words in an article or report section (`source`, frontmatter included) that no bound value carries,
 * each as `file:line: message`. `head` gives the headline, the deck and the figures the article binds (their rows
 * carry the headline's and deck's words, and their labels the questions' thresholds).
 */
export function quantityWordProblems(
  file: string,
  source: string,
  figures: readonly Figure[],
  listed: readonly string[] = [],
  head?: { title: string; summary: string; figureIds: readonly string[] },
): string[] {
  const problems: string[] = [];
  const say = (line: number | string, phrase: string) =>
    problems.push(
      `${file}:${line}: "${phrase}" states a quantity no bound value carries; bind the value with <Stat> in the sentence, say what the source says, or cut it (content/STYLE.md, "Numbers").`,
    );

  const rows = (head?.figureIds ?? []).flatMap((id) => rowsOf(figures, id));
  if (head) {
    for (const [field, text] of [
      ['title', head.title],
      ['summary', head.summary],
    ] as const) {
      for (const m of text.matchAll(PHRASE)) {
        const f = share(m[2]!);
        if (
          f !== undefined &&
          !carried(m[1]!, f, rows) &&
          !threshold(m[0], m[1]!, f, rows) &&
          !isListed(m[0], text, listed)
        )
          say(`field "${field}"`, m[0]);
      }
      for (const m of text.matchAll(FREQUENCY)) if (!isListed(m[0], text, listed)) say(`field "${field}"`, m[0]);
    }
  }

  const masked = maskUrls(maskCodeAndComments(maskFrontmatter(source)));
  const stats: { at: number; bound: Bound[] }[] = [];
  for (const m of masked.matchAll(STAT_TAG)) {
    const attrs = findComponentRefs(m[0])[0]?.attributes ?? {};
    const figure = figures.find((f) => f.id === attrs.figure);
    const row = figure?.rows.find((r) => r.label === attrs.label);
    const value = attrs.previous === true ? row?.previous : row?.value;
    stats.push({ at: m.index, bound: [{ value, label: String(attrs.label ?? '') }] });
  }
  // Tags blanked (their labels are row names, not prose), keeping offsets.
  const text = masked
    .replace(STAT_TAG, (t) => 'X'.repeat(t.length))
    .replace(OTHER_TAG, (t) => t.replace(/[^\n]/g, ' '));
  const ends = [...text.matchAll(SENTENCE_END)].map((m) => m.index);
  const sentenceOf = (at: number) => {
    const start = Math.max(0, ...ends.filter((e) => e < at));
    const end = ends.find((e) => e >= at) ?? text.length;
    return { start, end };
  };
  const lineOf = (at: number) => text.slice(0, at).split('\n').length;
  for (const m of text.matchAll(PHRASE)) {
    const f = share(m[2]!);
    if (f === undefined) continue;
    const { start, end } = sentenceOf(m.index);
    // A heading is a headline for its section: a row of a figure the article binds carries it.
    const heading = /^#{1,6}\s/m.test(text.slice(text.lastIndexOf('\n', m.index) + 1, m.index + 1));
    if (heading && carried(m[1]!, f, rows)) continue;
    const bound = stats.filter((s) => s.at >= start && s.at < end).flatMap((s) => s.bound);
    if (carried(m[1]!, f, bound) || threshold(m[0], m[1]!, f, rows)) continue;
    if (!isListed(m[0], text.slice(start, end), listed)) say(lineOf(m.index), m[0]);
  }
  for (const m of text.matchAll(FREQUENCY)) {
    const { start, end } = sentenceOf(m.index);
    if (!isListed(m[0], text.slice(start, end), listed)) say(lineOf(m.index), m[0]);
  }
  return problems;
}

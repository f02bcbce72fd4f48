import { maskFrontmatter } from './mdx-source.ts';

/** Formatting of dataset values and dates for prose, tables and charts. */

const percentFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

/** A dataset percentage as written in prose: 57 -> "57%", 12.5 -> "12.5%". Never rounds to whole numbers. */
export function formatPercent(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`formatPercent: ${value} is not a finite number`);
  return `${percentFormat.format(value)}%`;
}

/** A publication date in the site's style, independent of the build machine's time zone. */
export function formatDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new TypeError('formatDate: invalid date');
  return dateFormat.format(date);
}

/** A count with its noun, in agreement: "1 trend", "10 trends". */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** How a sentence names every trend of a series: "all 10 trends"; "the series" where it has one. */
export function allTrends(n: number): string {
  return n === 1 ? 'the series' : `all ${n} trends`;
}

/** Text that begins a sentence or a label: its first letter upper case. */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** ISO calendar date (YYYY-MM-DD) for `<time datetime>`. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Words per minute used for reading time. */
export const WORDS_PER_MINUTE = 220;

/** Reading time in whole minutes, at least one. */
export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE));
}

/** Counts words in MDX prose: frontmatter, imports, tags and markup do not count, a `<Stat>` counts as one word. */
export function countWords(mdx: string): number {
  const text = maskFrontmatter(mdx)
    .replace(/^(import|export)\s.*$/gm, ' ')
    .replace(/<Stat\b[^>]*\/>/g, ' 0 ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[#*_`>[\]()|-]+/g, ' ');
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

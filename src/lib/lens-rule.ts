/**
 * The segment lens's one rule for numbers in a sentence (src/scripts/lens.ts): every total bound in a sentence gets
 * the chosen group's value after it, or none does. A total that cannot take it (its figure has no such group, or its
 * section already gives that group's value) keeps the whole sentence bare, so a reader never sees the group's value
 * beside one total and not beside the next.
 */

/** How many sentences end in `before`, the text of a paragraph up to a number: the number's sentence, from 0. */
export function sentenceIndex(before: string): number {
  // A full stop, question or exclamation mark (and any closing quote or bracket), then space and a capital or an
  // opening quote: "… 9.1 a week. Where …". A decimal point ("11.0 days") or "e.g. x" is not an end.
  return before.match(/[.!?]["”’)]?\s+(?=[A-Z“"‘(])/g)?.length ?? 0;
}

export interface LensTotal {
  /** Which sentence the total is in: any value that is equal for two totals of one sentence. */
  sentence: string;
  /** Whether it could take the group's value: its figure has the group, and its section does not give it. */
  annotatable: boolean;
}

/** Which totals the lens annotates, in order: the annotatable ones, unless another total of their sentence is not. */
export function lensedTotals(totals: readonly LensTotal[]): boolean[] {
  const bare = new Set(totals.filter((t) => !t.annotatable).map((t) => t.sentence));
  return totals.map((t) => t.annotatable && !bare.has(t.sentence));
}

/**
 * Whether a group's 95% interval is wide enough for the lens to say so beside the group's value: more than twice as
 * wide as the interval of all respondents' value, as a group of under a quarter of them has (a margin grows with
 * 1/√n). A reader then sees that "+5" among 41 people could be far from +5.
 */
export function wideInterval(
  group: { low: number; high: number },
  total: { low: number; high: number } | undefined,
): boolean {
  if (!total) return false;
  return group.high - group.low > 2 * (total.high - total.low);
}

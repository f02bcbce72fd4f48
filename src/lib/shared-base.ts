/**
 * The base a page states once: the base most of its numbers share ("survey of 403; base not published"), or
 * undefined when no two numbers share one (a note "each share" over a single number qualifies nothing: that number
 * keeps its base beside it). Numbers with another base keep theirs beside them.
 */
export function sharedBase(bases: readonly (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const base of bases) if (base) counts.set(base, (counts.get(base) ?? 0) + 1);
  let best: string | undefined;
  for (const [base, count] of counts) if (!best || count > counts.get(best)!) best = base;
  return best && counts.get(best)! >= 2 ? best : undefined;
}

/** The note under a page's numbers: "Each share unless marked: survey of 403; base not published." */
export function sharedBaseNote(base: string): string {
  return `Each share unless marked: ${base}.`;
}

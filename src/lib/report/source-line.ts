import type { Source } from '../schema/source.ts';

/**
 * A source's byline in the printed list of sources: its author, outlet and date, with "n.d." where no date is
 * known (round 10: a list where some sources carry a date and others none reads as if the dates were forgotten).
 * The web's citations keep `sourceByline` (src/lib/citation.ts).
 */
export function printedByline(source: Pick<Source, 'author' | 'outlet' | 'date'>): string {
  return [source.author, source.outlet, source.date || 'n.d.'].filter(Boolean).join(', ');
}

import { MONTHS } from '../citation.ts';
import type { Source } from '../schema/source.ts';

/**
 * A source's byline in the printed list of sources: its author, outlet and date, with "n.d." where no date is
 * known (round 10: a list where some sources carry a date and others none reads as if the dates were forgotten).
 * A survey's date is its fielding period, by month ("September 2024"; round 11 found "n.d." on the demo's own
 * survey). The web's citations keep `sourceByline` (src/lib/citation.ts).
 */
export function printedByline(source: Pick<Source, 'author' | 'outlet' | 'date' | 'fielded'>): string {
  const date = source.date || (source.fielded ? fieldedMonths(source.fielded.from, source.fielded.to) : 'n.d.');
  return [source.author, source.outlet, date].filter(Boolean).join(', ');
}

/** "September 2024", "September – October 2024", "December 2024 – January 2025", from two YYYY-MM-DD dates. */
function fieldedMonths(from: string, to: string): string {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const month = (m: number) => MONTHS[m - 1]!;
  if (fy === ty && fm === tm) return `${month(tm)} ${ty}`;
  if (fy === ty) return `${month(fm)} – ${month(tm)} ${ty}`;
  return `${month(fm)} ${fy} – ${month(tm)} ${ty}`;
}

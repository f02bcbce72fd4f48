import { MONTHS } from '../citation.ts';
import type { Source } from '../schema/source.ts';

/**
 * A source's byline in the printed list of sources: its author, outlet and date. Where the source states no date
 * the byline has none: one note over the list says so (round 16: five "n.d." read as an abbreviation to look up;
 * round 10 had found a list with dates missing and no word on why). `undated` tells the list which entries.
 * A survey's date is its fielding period, by month ("September 2024"). The web's citations keep `sourceByline`
 * (src/lib/citation.ts).
 *
 * `publisher` (the series' author) stands where a source names neither author nor outlet, as a team's own survey
 * does: round 12 found the demo's entry opening on its date alone ("September 2024. Survey of 500 …").
 */
export function printedByline(
  source: Pick<Source, 'author' | 'outlet' | 'date' | 'fielded'>,
  publisher?: string,
): string {
  const date = source.date || (source.fielded ? fieldedMonths(source.fielded.from, source.fielded.to) : undefined);
  const by = source.author || source.outlet ? [source.author, source.outlet] : [publisher];
  return [...by, date].filter(Boolean).join(', ');
}

/** Whether a source's printed byline has no date: none could be established for it. */
export function undated(source: Pick<Source, 'date' | 'fielded'>): boolean {
  return !source.date && !source.fielded;
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

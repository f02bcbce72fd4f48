import { formatDate } from '../format.ts';
import type { Source } from '../schema/source.ts';

/**
 * A source as cited on the report's sources page: the outlet, author and date where the dataset records
 * them (fields a source may carry beyond its title), then the title. Internal keys never appear.
 */
export function citationOf(source: Source): { lead: string; title: string } {
  const extra = source as Source & { outlet?: unknown; author?: unknown; date?: unknown; published?: unknown };
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  const date = extra.date ?? extra.published;
  const when = date instanceof Date ? formatDate(date) : text(date);
  const lead = [text(extra.outlet), text(extra.author), when].filter(Boolean).join(', ');
  return { lead, title: source.title };
}

import type { Source } from './schema/source.ts';

/**
 * How a source is cited to readers: author, outlet and date, then its title, marked where the link is a
 * mirror or a translation rather than the original. Never its internal key.
 */

/** "Louis Columbus, Forbes, January 2021", or "" where none of the three is known. */
export function sourceByline(source: Source): string {
  return [source.author, source.outlet, source.date].filter(Boolean).join(', ');
}

/** The title as linked: "Title (translation)" where the link is not the original. */
export function sourceTitle(source: Source): string {
  return source.via ? `${source.title} (${source.via})` : source.title;
}

/** The whole citation as one line of text: byline, then the title. */
export function citationText(source: Source): string {
  const byline = sourceByline(source);
  return byline ? `${byline}: ${sourceTitle(source)}` : sourceTitle(source);
}

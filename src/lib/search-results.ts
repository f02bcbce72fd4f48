/**
 * Turns one Pagefind result into the places a reader can land on: the page, each section under an
 * id'd heading and each figure (a `<figure id>` whose title link has the id `<figure id>-title`), with a
 * short excerpt around the first match. Pure: it reads the result's data, the browser renders it.
 */

/** An element with an id on the indexed page, as Pagefind reports it. */
export interface SearchAnchor {
  element: string;
  id: string;
  text?: string;
  /** Index of the element's first word in `content`. */
  location: number;
}

/** The parts of a Pagefind result's `data()` this module reads. */
export interface SearchPage {
  url: string;
  meta: { title?: string };
  /** The page's indexed text, words separated by whitespace. */
  content: string;
  /** Word indexes of the matches in `content`. */
  locations: number[];
  anchors: SearchAnchor[];
}

/** A run of excerpt text; `match` marks a searched word. */
export interface ExcerptPart {
  text: string;
  match: boolean;
}

/** A place on the page to land on: a section or a figure. */
export interface SearchTarget {
  kind: 'section' | 'figure';
  url: string;
  title: string;
  excerpt: ExcerptPart[];
}

/** Where the built site serves Pagefind's browser bundle and index. */
export const SEARCH_BUNDLE = '/pagefind/';

const HEADING = /^h[1-6]$/i;

/** The words of `content` around `locations[0]` (and up to `length` words), the matches marked. */
export function excerpt(content: string, locations: number[], length = 24): ExcerptPart[] {
  const words = content.split(/\s+/).filter(Boolean);
  const first = locations[0] ?? 0;
  const start = Math.max(0, Math.min(first - Math.floor(length / 3), words.length - length));
  const matches = new Set(locations);
  const parts: ExcerptPart[] = [];
  const add = (text: string, match: boolean) => {
    const last = parts.at(-1);
    if (last && !last.match && !match) last.text += text;
    else parts.push({ text, match });
  };
  words.slice(start, start + length).forEach((word, i) => {
    if (i > 0) add(' ', false);
    add(word, matches.has(start + i));
  });
  if (start > 0) parts.unshift({ text: '… ', match: false });
  if (start + length < words.length) parts.push({ text: ' …', match: false });
  return parts;
}

/** Where a landing place starts on the page, and what it is called. */
interface Place {
  anchor: SearchAnchor;
  kind: SearchTarget['kind'];
  title: string;
}

/** Where each landing place starts: id'd headings and figures, in page order. */
function starts(page: SearchPage): Place[] {
  const byId = new Map(page.anchors.map((a) => [a.id, a]));
  return page.anchors
    .flatMap((anchor): Place[] => {
      if (HEADING.test(anchor.element) && anchor.text?.trim()) {
        return [{ anchor, kind: 'section', title: anchor.text.trim() }];
      }
      if (anchor.element.toLowerCase() !== 'figure') return [];
      const title = byId.get(`${anchor.id}-title`)?.text?.trim();
      return title ? [{ anchor, kind: 'figure', title }] : [];
    })
    .sort((a, b) => a.anchor.location - b.anchor.location);
}

/**
 * The places on one result's page that hold a match, figures before sections, at most `limit` of them.
 * Matches before the first heading belong to the page itself, which the result's own link reaches.
 */
export function searchTargets(page: SearchPage, limit = 3): SearchTarget[] {
  const places = starts(page);
  const base = page.url.split('#')[0]!;
  const found = new Map<number, number[]>();
  for (const location of [...page.locations].sort((a, b) => a - b)) {
    const index = places.filter((place) => place.anchor.location <= location).length - 1;
    if (index >= 0) found.set(index, [...(found.get(index) ?? []), location]);
  }
  return [...found]
    .map(([index, locations]): SearchTarget => {
      const { anchor, kind, title } = places[index]!;
      return { kind, url: `${base}#${anchor.id}`, title, excerpt: excerpt(page.content, locations) };
    })
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'figure' ? -1 : 1))
    .slice(0, limit);
}

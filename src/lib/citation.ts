import { createHash } from 'node:crypto';
import { CONFIDENCE_LABELS, isOwnSurvey, type Source } from './schema/source.ts';

/**
 * How a source is cited to readers: author, outlet and date, then its title, marked where the link is a
 * mirror or a translation rather than the original. Never its internal key.
 */

/** "Louis Columbus, Forbes, January 2021", or "" where none of the three is known. */
export function sourceByline(source: Source): string {
  return [source.author, source.outlet, source.date].filter(Boolean).join(', ');
}

/** How a citation says a link is not the original: read via a mirror, or in translation. */
export const VIA_NOTES: Record<NonNullable<Source['via']>, string> = {
  mirror: 'read via a mirror',
  translation: 'read in translation',
};

/** The title as linked: "Title (read in translation)" where the link is not the original. */
export function sourceTitle(source: Source): string {
  return source.via ? `${source.title} (${VIA_NOTES[source.via]})` : source.title;
}

/** How to get a source without an address, as a sentence after its title ("Available from its publisher."), or "". */
export function sourceAccess(source: Pick<Source, 'access'>): string {
  if (!source.access) return '';
  const text = source.access.charAt(0).toUpperCase() + source.access.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * The full stop that closes a listed source's title (and its bracketed qualifiers) before its access
 * sentence: "… (report text). Available from its publisher."; "" where the title ends a sentence already,
 * or where no access sentence follows.
 */
export function stopBeforeAccess(source: Source, shown: string): string {
  return source.access && !/[.!?]$/.test(shown) ? '.' : '';
}

/** What every place citing a demonstration's survey adds: no person answered it. */
export const SYNTHETIC_NOTE = 'Synthetic data: no real respondents.';

/** A source line followed by the synthetic-data note, after a full stop closing the line. */
export function withSyntheticNote(line: string): string {
  return `${line.replace(/[^.]$/, '$&.')} ${SYNTHETIC_NOTE}`;
}

/**
 * What follows a source wherever an article or the sources page cites it: for a demonstration's own survey, that
 * its data are synthetic, after a full stop closing the citation; nothing for any other source or series.
 */
export function syntheticAfter(source: Source, demonstration: boolean): string {
  if (!demonstration || !isOwnSurvey(source)) return '';
  const shown = `${sourceTitle(source)}${sourceQualifiers(source, false)}${source.access ? ` ${sourceAccess(source)}` : ''}`;
  return `${/[.!?]$/.test(shown) ? '' : '.'} ${SYNTHETIC_NOTE}`;
}

/**
 * What "About this data" adds after a source's title, in brackets: its confidence and how it was read, e.g.
 * " (report text; read via a mirror)"; nothing for an own survey, which has no confidence code.
 */
export function sourceQualifiers(source: Source, via = true): string {
  const notes = [source.confidence && CONFIDENCE_LABELS[source.confidence], via && source.via && VIA_NOTES[source.via]];
  const shown = notes.filter(Boolean);
  return shown.length > 0 ? ` (${shown.join('; ')})` : '';
}

/** The whole citation as one line of text: byline, then the title. */
export function citationText(source: Source): string {
  const byline = sourceByline(source);
  return byline ? `${byline}: ${sourceTitle(source)}` : sourceTitle(source);
}

/** What a citation of an article or a figure names: who, what, where, when, and which data. */
export interface CitedWork {
  /** The article's author (a group author is written as it is). */
  author: string;
  /** The article's or the figure's title. */
  title: string;
  /** A figure is cited as a chart inside its article. */
  kind: 'article' | 'figure';
  /** The article a figure belongs to (figures only). */
  article?: string | undefined;
  /** The series the article is part of. */
  series: string;
  /** The site that publishes it. */
  publisher: string;
  published: Date;
  /** The date of the article's last substantive update, if any: cited after the publication date. */
  updated?: Date | undefined;
  /** The absolute address of the article, or of the figure's place in it. */
  url: string;
  /** The version of the data the numbers come from (`datasetVersion`). */
  datasetVersion: string;
}

/** The months' names in English, January first. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const BIBTEX_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The version of a series' data: its edition and the first 8 hex digits of a SHA-256 of the published
 * figures, as readers download them, e.g. "2021.3f9a1c2e". It changes exactly when a published value,
 * label, base or source changes, so a citation names the numbers it saw.
 */
export function datasetVersion(edition: number, figures: readonly unknown[]): string {
  return `${edition}.${createHash('sha256').update(JSON.stringify(figures)).digest('hex').slice(0, 8)}`;
}

/** APA-like, as one line: "Author. (2021, January 12). Title [Chart]. In Article. Series. Publisher. URL (dataset version …)" */
export function citationPlain(work: CitedWork): string {
  const day = (date: Date) => `${date.getUTCFullYear()}, ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
  const date = work.updated ? `${day(work.published)}; updated ${day(work.updated)}` : day(work.published);
  const end = (text: string) => (/[.?!]$/.test(text) ? text : `${text}.`);
  const parts = [
    end(work.author),
    `(${date}).`,
    work.kind === 'figure' ? `${work.title} [Chart].` : end(work.title),
    ...(work.kind === 'figure' && work.article ? [`In ${end(work.article)}`] : []),
    end(work.series),
    end(work.publisher),
    `${work.url} (dataset version ${work.datasetVersion})`,
  ];
  return parts.join(' ');
}

/** Escapes the characters BibTeX gives a meaning to. */
function bibtexText(text: string): string {
  return text
    .replace(/\\/g, '\\textbackslash{}')
    .replace(/([{}%&$#_])/g, '\\$1')
    .replace(/~/g, '\\textasciitilde{}')
    .replace(/\^/g, '\\textasciicircum{}');
}

/** A BibTeX key: lower-case letters, digits and hyphens from `id`. */
export function bibtexKey(id: string): string {
  return id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * A BibTeX `@misc` entry (read by BibTeX and biblatex alike). The author is in double braces, so a group
 * author is not split into first and last names; titles keep their capitals.
 */
export function citationBibtex(work: CitedWork, key: string): string {
  const fields: [string, string][] = [
    ['author', `{{${bibtexText(work.author)}}}`],
    ['title', `{{${bibtexText(work.title)}}}`],
    [
      'howpublished',
      `{${bibtexText(work.kind === 'figure' && work.article ? `${work.article}, ${work.series}` : work.series)}}`,
    ],
    ['publisher', `{${bibtexText(work.publisher)}}`],
    ['year', `{${work.published.getUTCFullYear()}}`],
    ['month', BIBTEX_MONTHS[work.published.getUTCMonth()]!],
    ['date', `{${work.published.toISOString().slice(0, 10)}}`],
    ['url', `{${work.url}}`],
    ['version', `{${work.datasetVersion}}`],
    [
      'note',
      `{${work.updated ? `Updated ${work.updated.toISOString().slice(0, 10)}. ` : ''}Dataset version ${bibtexText(work.datasetVersion)}}`,
    ],
  ];
  const width = Math.max(...fields.map(([name]) => name.length));
  return `@misc{${bibtexKey(key)},\n${fields.map(([name, value]) => `  ${name.padEnd(width)} = ${value}`).join(',\n')}\n}`;
}

/**
 * Google Scholar's `citation_*` meta tags of an article, in the order Scholar documents them (dates as
 * YYYY/MM/DD).
 */
export function scholarMeta(work: CitedWork, language: string): { name: string; content: string }[] {
  const day = work.published.toISOString().slice(0, 10).replace(/-/g, '/');
  return [
    { name: 'citation_title', content: work.title },
    { name: 'citation_author', content: work.author },
    { name: 'citation_publication_date', content: day },
    { name: 'citation_online_date', content: day },
    { name: 'citation_publisher', content: work.publisher },
    { name: 'citation_series_title', content: work.series },
    { name: 'citation_language', content: language },
    { name: 'citation_public_url', content: work.url },
    { name: 'citation_fulltext_html_url', content: work.url },
  ];
}

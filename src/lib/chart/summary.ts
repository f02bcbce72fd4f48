import type { Figure } from '../schema/figure.ts';
import { sourceByline } from '../citation.ts';
import { showsDerived } from './describe.ts';
import type { Source } from '../schema/source.ts';

/**
 * Label text as it reads mid-sentence: "All respondents" becomes "all respondents", while an acronym
 * ("IT leaders", "CTOs") stays as written. Only a capital followed by a lower-case letter is lowered.
 */
export function midSentence(text: string): string {
  // "A" alone then a space is the article, not an acronym: lowered too.
  return /^(?:[A-Z][a-z]|A )/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/**
 * Who the percentages are of: "all respondents (n = 403)" where a source documents the base, else
 * "respondents (survey of 403)" with the survey's size where it is given, which is not the base's size.
 */
export function baseText(figure: Pick<Figure, 'base' | 'n'>, surveySize?: number): string {
  const base = midSentence(figure.base);
  if (figure.n !== null) return `${base} (n = ${figure.n})`;
  return surveySize === undefined ? `${base} (n not published)` : `${base} (survey of ${surveySize})`;
}

/** Who the previous edition's values of a paired figure are of, or undefined when it has none. */
export function previousBaseText(figure: Figure): string | undefined {
  if (figure.previousBase === undefined) return undefined;
  return baseText({ base: figure.previousBase, n: figure.previousN ?? null });
}

/** How the answer format reads under a chart, or undefined where answers were single-choice. */
export function answerFormatText(figure: Pick<Figure, 'multiSelect'>): string | undefined {
  if (figure.multiSelect === true) return 'Multi-select: shares add to more than 100%.';
  if (figure.multiSelect === false) return undefined;
  return 'Whether respondents could pick several answers: not published.';
}

/**
 * The line under a chart's title: what is measured, of whom, and how respondents answered, e.g. "Share of
 * all respondents (n = 403); several answers allowed". A paired figure names its previous edition's base
 * too (a separate sample); an answer format no source documents is left to "About this data".
 */
export function figureSubtitle(figure: Figure): string {
  // One wording in every subtitle: "(n = 403)", else "(n not published)"; the source line names the survey's size.
  const parts = [`Share of ${baseText(figure)}`];
  // The previous edition's base, with its size only where it is published.
  const previous =
    figure.previousN == null || figure.previousBase === undefined ? figure.previousBase : previousBaseText(figure);
  if (figure.kind === 'paired' && previous !== undefined) {
    parts.push(`${figure.seriesLabels?.[1] ?? 'previous edition'}: ${midSentence(previous)}`);
  }
  if (figure.multiSelect === true) parts.push('several answers allowed');
  return parts.join('; ');
}

/** Footnote marks the site's fonts and the image's font subset carry (a dagger is in neither). */
const MARKS = ['¹', '²', '³'];

export interface SourceMarks {
  /** The footnote mark of each row (by index) whose source differs from the figure's, else undefined. */
  rows: (string | undefined)[];
  /** One note per other source, in order of first use: its mark, the rows it supports, the source. */
  notes: { mark: string; rows: string[]; source: Source }[];
}

/** Footnote marks for rows that come from another source than the figure's, one letter per source. */
export function sourceMarks(figure: Figure): SourceMarks {
  const notes: SourceMarks['notes'] = [];
  const rows = figure.rows.map((row) => {
    if (!row.source || row.source.key === figure.source.key) return undefined;
    let note = notes.find((n) => n.source.key === row.source!.key);
    if (!note) {
      note = { mark: MARKS[notes.length] ?? `(${notes.length + 1})`, rows: [], source: row.source };
      notes.push(note);
    }
    note.rows.push(row.label);
    return note.mark;
  });
  return { rows, notes };
}

/** The survey a figure's values come from, as the source line names it. */
export interface SurveyCredit {
  /** Who ran the survey (`survey.publisher`), where the series names it. */
  publisher?: string | undefined;
  /** The survey's title (the series' title). */
  title: string;
  /** Number of people who answered. */
  respondents?: number | undefined;
}

/** The survey credit of a series, from its `series.yaml`. */
export function surveyCredit(series: {
  title: string;
  survey: { publisher?: string | undefined; respondents: number };
}): SurveyCredit {
  return { publisher: series.survey.publisher, title: series.title, respondents: series.survey.respondents };
}

/**
 * Who reported a source's value, in a few words: its outlet, else its author, else its title. A source
 * read only on a mirror has no confirmed outlet: its title, and how it was read. A source read in
 * translation names its author, outlet and date, and says so (the original was not read).
 */
export function sourceOutlet(source: Source): string {
  if (source.via === 'mirror') {
    const about = [midSentence(source.outlet ?? 'outlet not confirmed'), source.date, 'read via a mirror'].filter(
      Boolean,
    );
    return `“${source.title}” (${about.join(', ')})`;
  }
  // Who reported it, as the facts file cites it: author, outlet and date where the dataset has them.
  // A blog named alone reads as a place: "the Algorithmia blog".
  const byline = sourceByline(source);
  const who = !source.author && !source.date && /\bblog$/i.test(byline) ? `the ${byline}` : byline || source.title;
  return source.via === 'translation' ? `${who} (read in translation)` : who;
}

/**
 * The one line under a chart and on its image, naming who made the numbers before who reported them:
 * "Source: Algorithmia, 2021 enterprise trends in machine learning (survey of 403), as reported by
 * O'Reilly Media." A row from another source adds its outlet after the row's footnote mark ("; ¹ Forbes").
 * Titles, links, dates, mirrors and confidence are left to "About this data"; the base is in the subtitle.
 */
export function figureSourceLine(figure: Figure, survey: SurveyCredit): string {
  const size = survey.respondents === undefined ? '' : ` (survey of ${survey.respondents})`;
  const producer = [survey.publisher, `${survey.title}${size}`].filter(Boolean).join(', ');
  // Another source of some rows follows with its mark first ("; ¹ Forbes"), so it reads as a note, not a title.
  // The mark is held to its source by a no-break space: "¹" never ends a line alone.
  const others = sourceMarks(figure).notes.map((n) => `; ${n.mark}\u00a0${sourceOutlet(n.source)}`);
  // An article read on a mirror is named by its title: reported "in" it, not "by" it.
  const verb = figure.source.via === 'mirror' ? 'in' : 'by';
  return `Source: ${producer}, as reported ${verb} ${sourceOutlet(figure.source)}${others.join('')}.`;
}

/**
 * The line under a chart, in the page and on its image: the source line, then what "(derived)" means where
 * the chart marks a derived value (a nested bar always derives its parts).
 */
export function figureCreditLine(figure: Figure, survey: SurveyCredit): string {
  const note = showsDerived(figure) ? ' “(derived)”: computed from the published shares, not published itself.' : '';
  return `${figureSourceLine(figure, survey)}${note}`;
}

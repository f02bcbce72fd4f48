import type { Figure, FigureRow } from '../schema/figure.ts';
import { MONTHS, sourceByline, SYNTHETIC_NOTE } from '../citation.ts';
import { showsDerived } from './describe.ts';
import { isOwnSurvey, type Source } from '../schema/source.ts';
import { BASE_NOT_PUBLISHED, baseSource, figureBase, rowBase } from './base.ts';
import { unitNoun } from '../format.ts';
import { unitSpec } from './unit.ts';

/**
 * Label text as it reads mid-sentence: "All respondents" becomes "all respondents", while an acronym
 * ("IT leaders", "CTOs") stays as written. Only a capital followed by a lower-case letter is lowered.
 */
export function midSentence(text: string): string {
  // "A" alone then a space is the article, not an acronym: lowered too.
  return /^(?:[A-Z][a-z]|A )/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/**
 * Who the percentages are of: "all respondents (n = 403)" where a source states the base (and its size),
 * else "survey of 403; base not published" (the survey's size, which is not the base's), or "base not
 * published" alone where the survey's size is not given. With `previous`, the previous edition's base.
 */
export function baseText(figure: Figure, surveySize?: number, previous = false): string {
  const base = figureBase(figure, previous);
  if (base) return `${midSentence(base.text)} (${base.n === undefined ? 'n not published' : `n = ${base.n}`})`;
  return surveySize === undefined ? BASE_NOT_PUBLISHED : `survey of ${surveySize}; ${BASE_NOT_PUBLISHED}`;
}

/**
 * The base in brackets after a number ("64% of firms (…)"): "all respondents, n = 403", or "survey of 403;
 * base not published".
 */
export function baseShort(figure: Figure, surveySize?: number): string {
  const base = figureBase(figure);
  if (!base) return baseText(figure, surveySize);
  return base.n === undefined ? midSentence(base.text) : `${midSentence(base.text)}, n = ${base.n}`;
}

/**
 * "all respondents (n = 403)", or "respondents (survey of 403; base not published)": who a share is of. A share of a
 * part of the sample names it ("respondents at organizations with more than 25,000 employees (a subgroup of the
 * survey of 403; base not published)"): round 18 found such a share said to be of the whole survey.
 */
export function respondentsText(figure: Figure, surveySize?: number, previous = false): string {
  const text = baseText(figure, surveySize, previous);
  if (figureBase(figure, previous)) return text;
  if (figure.subgroup)
    return `respondents at ${figure.subgroup} (${surveySize === undefined ? text : `a subgroup of the ${text}`})`;
  return `respondents (${text})`;
}

/** "share of all respondents (n = 403)", or "share of respondents (survey of 403; base not published)". */
export function shareOfText(figure: Figure, surveySize?: number, previous = false): string {
  return `share of ${respondentsText(figure, surveySize, previous)}`;
}

/** Who the previous edition's values of a paired figure are of, or undefined when it has none. */
export function previousBaseText(figure: Figure): string | undefined {
  if (figure.kind !== 'paired') return undefined;
  return baseText(figure, undefined, true);
}

/**
 * The base as a note gives it: where a source states it, the base with the source's own words quoted and
 * the source named ("All respondents (n = 403): “…” (the Algorithmia blog)"); else "Survey of 403; base
 * not published".
 */
export function baseNote(figure: Figure, surveySize?: number, previous = false, row?: FigureRow): string {
  // A row of another source than the one stating the base is not a share of it.
  if (row && figureBase(figure, previous) && !rowBase(figure, row, previous)) {
    return baseNote({ ...figure, base: undefined, previousBase: undefined }, surveySize, previous);
  }
  const base = figureBase(figure, previous);
  const text = baseText(figure, surveySize, previous);
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  if (!base) return capital;
  // An own survey's base is computed from the responses: there are no source's words to quote.
  if (base.quote === undefined) return `${capital}, computed from the responses`;
  return `${capital}, in the words of ${sourceOutlet(baseSource(figure, base))}: “${base.quote}”`;
}

/**
 * How a figure's question is labelled: as asked (an own survey's exact wording), the source's wording, or
 * a reconstruction from the finding.
 */
export function questionLabel(figure: Pick<Figure, 'questionWording'> & { source?: Pick<Source, 'kind'> }): string {
  if (figure.source && isOwnSurvey(figure.source)) return 'Question, as asked';
  return figure.questionWording === 'published' ? 'Question, as published' : 'Question reconstructed from the finding';
}

/** The question as notes give it: a published wording in quotation marks, a reconstruction as written. */
export function questionText(figure: Pick<Figure, 'question' | 'questionWording'>): string {
  return figure.questionWording === 'published' ? `“${figure.question}”` : figure.question;
}

/** "Question reconstructed from the finding: How long …?" in one line (downloads, alt text). */
export function questionLine(
  figure: Pick<Figure, 'question' | 'questionWording'> & { source?: Pick<Source, 'kind'> },
): string {
  return `${questionLabel(figure)}: ${questionText(figure)}`;
}

/** How the answer format reads under a chart, or undefined where answers were single-choice. */
export function answerFormatText(figure: Pick<Figure, 'multiSelect'>): string | undefined {
  if (figure.multiSelect === true) return 'Multi-select: shares add to more than 100%.';
  if (figure.multiSelect === false) return undefined;
  return 'Whether respondents could pick several answers: not published.';
}

/**
 * The line under a chart's title: what is measured, of whom, and how respondents answered, e.g. "Share of
 * all respondents (n = 403); several answers allowed", or "Share of respondents · base not published" where
 * no source states the base. The base is said once: the survey's size is in the source line ("(survey of
 * 403)"), not here. A paired figure names its previous edition's base only where it differs from this
 * edition's (a separate sample: "2020 edition: base not published"); where neither edition's base is
 * published, "base not published" covers both. An answer format no source documents is left to "About this
 * data".
 */
export function figureSubtitle(figure: Figure): string {
  const base = figureBase(figure);
  const measure = figure.survey && (topTwoMeasure(figure) ?? MEASURES[figure.survey.compute]);
  // A value in another unit, typed by hand, is not a share: "Number of days, all respondents (n = 480)".
  const noun = figure.unit === 'percent' ? undefined : unitNoun(unitSpec(figure)).replace(/^./, (c) => c.toUpperCase());
  // A small multiple (several answers, one panel per group) measures each panel's group, whose n is in its
  // caption; grouped bars (one value per group) draw the total first, so they keep its base.
  const group = figure.survey?.segmentBy && figure.rows.length > 1 ? figure.segments?.[0]?.group : undefined;
  const everyone = figure.base?.n !== undefined && figure.base.n === figure.source.respondents;
  // Grouped bars: each group's bar is named with its n; all respondents' bar, first, carries the total's base.
  const perGroup = figure.survey?.segmentBy && figure.rows.length === 1 ? figure.segments?.[0]?.group : undefined;
  // Shares of a question asked of part of the sample, by no group: "Share of the 322 who answered"; who was asked,
  // and how many, is in the note (src/lib/survey/figure.ts, `askedNote`), not crowded into the subtitle.
  const subset =
    measure === 'Share of' && !figure.segments && figure.base?.n !== undefined && ASKED_SUBSET.test(figure.base.text)
      ? `Share of the ${figure.base.n} who answered`
      : undefined;
  const share = subset
    ? subset
    : group
      ? `${measure} respondents${everyone ? '' : ' who answered,'} in each ${group.toLowerCase()}`
      : measure && perGroup
        ? `${measure.replace(/ (among|of)$/, '')} per ${perGroup.toLowerCase()} (n in each label), beside ${baseText(figure)}`
        : measure
          ? `${measure} ${baseText(figure)}`
          : noun
            ? `${noun}, ${base ? baseText(figure) : `respondents · ${BASE_NOT_PUBLISHED}`}`
            : base
              ? `Share of ${baseText(figure)}`
              : `Share of respondents · ${BASE_NOT_PUBLISHED}`;
  const parts = [share];
  if (figure.kind === 'paired') {
    const previous = baseText(figure, undefined, true);
    if (base || figureBase(figure, true))
      parts.push(`${midSentence(figure.seriesLabels?.[1] ?? 'previous edition')}: ${previous}`);
  }
  if (figure.multiSelect === true) parts.push('several answers allowed');
  return parts.join('; ');
}

/**
 * What a top-2-box figure counts, from its one row (the two answers) and the scale: "Share answering Satisfied
 * or Very satisfied (4–5 of 5) among".
 */
function topTwoMeasure(figure: Figure): string | undefined {
  const points = figure.survey?.compute === 'top2box' ? figure.survey.points : undefined;
  const answers = figure.rows[0]?.label;
  if (!points || !answers) return undefined;
  const scale = points.min === 1 ? `of ${points.max}` : `on a ${points.min}–${points.max} scale`;
  return `Share answering ${answers} (${points.max - 1}–${points.max} ${scale}) among`;
}

/** What a computed figure's subtitle says it measures, before the base. */
/** A computed base of those a skip rule chose, not all of whom answered (src/lib/survey/figure.ts). */
const ASKED_SUBSET = /^Respondents who answered, of \d+ asked: /;

const MEASURES: Record<NonNullable<Figure['survey']>['compute'], string> = {
  shares: 'Share of',
  top2box: 'Share of',
  nps: 'Net Promoter Score (% promoters minus % detractors) of',
  'nps-groups': 'Share of detractors (0–6), passives (7–8) and promoters (9–10) among',
  mean: 'Mean among',
  median: 'Median among',
  quartiles: 'Quartiles among',
  spread: 'Percentiles, quartiles and mean among',
  histogram: 'Count of each answer, with the quartiles and the mean, among',
  'tail-share': 'Share of respondents and of the sum of their answers, at or above a percentile, among',
};

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
  /** When the survey was in the field ("November 2020"): the numbers describe then, not the title's year. */
  fielded?: string | undefined;
  /** A demonstration series (`demonstration: true`): its responses were generated, and every source line says so. */
  synthetic?: boolean | undefined;
}

/** What every chart, download and the report's cover say of a demonstration series' data. */
export { SYNTHETIC_NOTE };

/** The survey credit of a series, from its `series.yaml`. */
export function surveyCredit(series: {
  title: string;
  demonstration?: boolean | undefined;
  survey: { publisher?: string | undefined; respondents: number; fielded?: string | undefined };
}): SurveyCredit {
  const { publisher, respondents, fielded } = series.survey;
  return { publisher, title: series.title, respondents, fielded, ...(series.demonstration ? { synthetic: true } : {}) };
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
 * Who reported a source, in the fewest words a card's one source line has room for: its outlet ("Forbes",
 * "trade press", "the Algorithmia blog"), else its title. Author, date, mirror and translation are on the page.
 */
export function outletInBrief(source: Source): string {
  const outlet = source.outlet?.trim();
  if (!outlet) return source.title;
  // A source read in translation says so, as the sources page does (round 16: "via Forbes" alone).
  const read = source.via === 'translation' ? ', in translation' : '';
  if (/\bblog$/i.test(outlet)) return `the ${outlet}${read}`;
  return `${/^trade press$/i.test(outlet) ? 'trade press' : outlet}${read}`;
}

/**
 * The one line under a chart and on its image, naming who made the numbers before who reported them:
 * "Source: Algorithmia, 2021 enterprise trends in machine learning (survey of 403, fielded November 2020), as
 * reported by O'Reilly Media." The fieldwork date says when the numbers were true, which a title's year does not.
 * A row from another source adds its outlet after the row's footnote mark ("; ¹ Forbes"). Titles, links, dates, mirrors and confidence are left to "About this data"; the base is in the subtitle.
 */
export function figureSourceLine(figure: Figure, survey: SurveyCredit): string {
  if (isOwnSurvey(figure.source))
    return `Source: ${ownSurveyLine(figure)}.${survey.synthetic ? ` ${SYNTHETIC_NOTE}` : ''}`;
  const about = [
    survey.respondents === undefined ? undefined : `survey of ${survey.respondents}`,
    survey.fielded && `fielded ${survey.fielded}`,
  ].filter(Boolean);
  const size = about.length > 0 ? ` (${about.join(', ')})` : '';
  const producer = [survey.publisher, `${survey.title}${size}`].filter(Boolean).join(', ');
  // Another source of some rows follows with its mark first ("; ¹ Forbes"), so it reads as a note, not a title.
  // The mark is held to its source by a no-break space: "¹" never ends a line alone.
  const others = sourceMarks(figure).notes.map((n) => `; ${n.mark}\u00a0${sourceOutlet(n.source)}`);
  // An article read on a mirror is named by its title: reported "in" it, not "by" it.
  const verb = figure.source.via === 'mirror' ? 'in' : 'by';
  return `Source: ${producer}, as reported ${verb} ${sourceOutlet(figure.source)}${others.join('')}.`;
}

/**
 * The source line under a chart in the printed report, where the report says once (before its first chart)
 * whose survey every figure comes from: who ran it and who reported the numbers, nothing the appendix table
 * repeats. "Source: Algorithmia's survey, as reported by the Algorithmia blog." An own survey's line is the
 * page's ("Survey of 500 platform engineers, fielded 6–31 May 2024, question Q7"): it is short already.
 */
export function printSourceLine(figure: Figure, survey: SurveyCredit): string {
  if (isOwnSurvey(figure.source)) return figureSourceLine(figure, survey);
  const producer = survey.publisher ? `${survey.publisher}’s survey` : survey.title;
  const others = sourceMarks(figure).notes.map((n) => `; ${n.mark}\u00a0${sourceOutlet(n.source)}`);
  const verb = figure.source.via === 'mirror' ? 'in' : 'by';
  return `Source: ${producer}, as reported ${verb} ${sourceOutlet(figure.source)}${others.join('')}.`;
}

/** "6–31 May 2024", "28 April – 3 May 2024" or "20 December 2023 – 5 January 2024" (dates YYYY-MM-DD). */
export function fieldedDates(from: string, to: string): string {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const month = (m: number) => MONTHS[m - 1]!;
  if (from === to) return `${td} ${month(tm)} ${ty}`;
  if (fy === ty && fm === tm) return `${fd}–${td} ${month(tm)} ${ty}`;
  if (fy === ty) return `${fd} ${month(fm)} – ${td} ${month(tm)} ${ty}`;
  return `${fd} ${month(fm)} ${fy} – ${td} ${month(tm)} ${ty}`;
}

/**
 * An own survey's source, as the source line gives it: "Survey of 500 platform engineers, fielded 6–31 May
 * 2024, question Q7" (the question's position in questions.yaml).
 */
export function ownSurveyLine(figure: Pick<Figure, 'source' | 'survey'>): string {
  const { respondents, population, fielded } = figure.source;
  const dates = fielded ? `, fielded ${fieldedDates(fielded.from, fielded.to)}` : '';
  const question = figure.survey?.number === undefined ? '' : `, question Q${figure.survey.number}`;
  return `Survey of ${respondents} ${population}${dates}${question}`;
}

/**
 * The line under a chart, in the page and on its image: the source line, then what "(derived)" means where
 * the chart marks a derived value (a nested bar always derives its parts).
 */
export function figureCreditLine(figure: Figure, survey: SurveyCredit): string {
  const note = showsDerived(figure) ? ' “(derived)”: computed from the published shares, not published itself.' : '';
  return `${figureSourceLine(figure, survey)}${note}`;
}

/**
 * One row of a figure as a figure of its own: the row's source as the figure's, the base only where that
 * source states it, no other rows (so no footnote marks for rows not shown).
 */
export function rowFigure(figure: Figure, row: FigureRow): Figure {
  return {
    ...figure,
    source: row.source ?? figure.source,
    rows: [{ ...row, source: undefined }],
    base: rowBase(figure, row),
    previousBase: rowBase(figure, row, true),
  };
}

/**
 * The line under one number shown alone (a social image's): what it measures and of whom, then the source
 * line of its row only. "Share of respondents · base not published. Source: Algorithmia, … (survey of 403),
 * as reported by the Algorithmia blog."
 */
export function rowCredit(figure: Figure, row: FigureRow, survey: SurveyCredit): string {
  const one = rowFigure(figure, row);
  return `${figureSubtitle(one)}. ${figureSourceLine(one, survey)}`;
}

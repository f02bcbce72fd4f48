import { isOwnSurvey } from './schema/source.ts';
import type { Figure, FigureRow } from './schema/figure.ts';
import type { Source } from './schema/source.ts';
import {
  figureIntervals,
  intervalMethod,
  intervalOf,
  roundBound,
  type ValueInterval,
} from './stats/figure-intervals.ts';
import { chartOnlyParts } from './chart/chart-parts.ts';
import { anyRowN } from './chart/base.ts';
import { baseNote, questionLabel, SYNTHETIC_NOTE } from './chart/summary.ts';
import { citationText } from './citation.ts';

/** Lookups into the dataset shared by components, validation and the report. */

/**
 * Closest candidate by edit distance, for "did you mean" hints, else the one candidate the word
 * abbreviates ("prev" for "previous"); undefined when nothing is close.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  if (best || word.length < 3) return best;
  const extended = candidates.filter((candidate) => candidate.toLowerCase().startsWith(word.toLowerCase()));
  return extended.length === 1 ? extended[0] : undefined;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

function hint(word: string, candidates: readonly string[]): string {
  if (candidates.length === 0) return ' It has none yet: each series has its own figures.json.';
  const guess = closest(word, candidates);
  return guess ? ` Did you mean "${guess}"?` : ` Known: ${candidates.map((c) => `"${c}"`).join(', ')}.`;
}

/** Why a figure id does not resolve, or undefined when it does. */
export function figureProblem(figures: readonly Figure[], id: string): string | undefined {
  if (figures.some((figure) => figure.id === id)) return undefined;
  return `there is no figure "${id}" in the dataset.${hint(
    id,
    figures.map((f) => f.id),
  )}`;
}

/** Why a row reference does not resolve, or undefined when it does. */
export function rowProblem(figure: Figure, label: string, previous = false): string | undefined {
  const row = figure.rows.find((r) => r.label === label);
  if (!row)
    return `figure "${figure.id}" has no row labelled "${label}".${hint(
      label,
      figure.rows.map((r) => r.label),
    )}`;
  if (previous && row.previous === undefined) {
    return `row "${label}" of figure "${figure.id}" has no previous-edition value.`;
  }
  return undefined;
}

/**
 * Why a segment value does not resolve, or undefined when it does: the figure has no segments, no segment
 * of that id, or (what prose must never bind) the value is suppressed, its segment having fewer answers
 * than the series' minimum n.
 */
export function segmentProblem(figure: Figure, segmentId: string, label: string): string | undefined {
  if (!figure.segments) {
    return `figure "${figure.id}" has no segments: compute it with "survey": { …, "segmentBy": "<question id>" }.`;
  }
  const segment = figure.segments.find((s) => s.id === segmentId);
  if (!segment) {
    return `figure "${figure.id}" has no segment "${segmentId}".${hint(
      segmentId,
      figure.segments.map((s) => s.id),
    )}`;
  }
  if (segment.rows.find((row) => row.label === label)?.suppressed && segment.complementary) {
    return `the value of "${label}" among ${segment.label} (${segment.group}) is suppressed: with the total and the other groups it would give the value of a group with fewer answers than the series' minimum of ${figure.survey?.minimumN ?? 'n'} (complementary suppression), so it is published nowhere and prose cannot bind it.`;
  }
  if (segment.rows.find((row) => row.label === label)?.suppressed) {
    return `the value of "${label}" among ${segment.label} (${segment.group}) is suppressed: ${segment.n} answered, fewer than the series' minimum of ${figure.survey?.minimumN ?? 'n'}, so it is published nowhere and prose cannot bind it.`;
  }
  return undefined;
}

/** One group's published value of a row, with its n and interval, or why there is none (an Error's message). */
export function segmentValue(
  figure: Figure,
  segmentId: string,
  label: string,
): { label: string; value: number; n: number; interval?: { low: number; high: number } } | string {
  const problem = segmentProblem(figure, segmentId, label);
  const segment = figure.segments?.find((s) => s.id === segmentId);
  const cell = segment?.rows.find((r) => r.label === label);
  if (problem || !segment || cell?.value === undefined) return problem ?? 'the group has no value of this row.';
  return {
    label: segment.label,
    value: cell.value,
    n: segment.n,
    ...(cell.interval ? { interval: cell.interval } : {}),
  };
}

export function getFigure(figures: readonly Figure[], id: string): Figure {
  const figure = figures.find((f) => f.id === id);
  if (!figure) throw new Error(figureProblem(figures, id));
  return figure;
}

export function getRow(figure: Figure, label: string, previous = false): FigureRow {
  const problem = rowProblem(figure, label, previous);
  if (problem) throw new Error(problem);
  return figure.rows.find((r) => r.label === label)!;
}

/** Every distinct source of a figure: its own, then those of its rows. */
export function figureSources(figure: Figure): Source[] {
  const all = [figure.source, ...figure.rows.flatMap((row) => (row.source ? [row.source] : []))];
  return all.filter((source, i) => all.findIndex((s) => s.key === source.key) === i);
}

/**
 * Every source an article rests on, once each by key: those its frontmatter names, then those of each figure
 * it binds (`figureIds`: the `figures:` list, every <Stat> and <Figure> in its body), the figure's own
 * source and its rows' in turn. Ids with no figure are skipped (the content check reports them).
 */
export function articleSources(
  named: readonly Source[],
  figureIds: readonly string[],
  figures: readonly Figure[],
): Source[] {
  const all = [
    ...named,
    ...figureIds.flatMap((id) => {
      const figure = figures.find((f) => f.id === id);
      return figure ? figureSources(figure) : [];
    }),
  ];
  return all.filter((source, i) => all.findIndex((s) => s.key === source.key) === i);
}

/** A source and what it was used for (figure titles, or the trends that cite it without a figure). */
export interface SourceUse {
  source: Source;
  usedFor: string[];
}

/**
 * Every source of a series once each (by key): those of its figures and those its trends name for statements
 * no figure carries, each with what it was used for; the survey's own report first, then the publisher's blog,
 * then the rest.
 */
export function sourceIndex(
  figures: readonly Figure[],
  trends: readonly { title: string; sources: readonly Source[] }[] = [],
): SourceUse[] {
  const index = new Map<string, SourceUse>();
  const use = (source: Source, what: string) => {
    const entry = index.get(source.key) ?? { source, usedFor: [] };
    if (!entry.usedFor.includes(what)) entry.usedFor.push(what);
    index.set(source.key, entry);
  };
  for (const figure of figures) for (const source of figureSources(figure)) use(source, figure.title);
  for (const trend of trends) for (const source of trend.sources) use(source, trend.title);
  // Primary first: the survey's own report (or the publisher's own responses), then the publisher's blog, then
  // what others published (press, books) and values derived here, each group in the order of its citation.
  const rank = (source: Source) => (source.confidence === undefined ? 0 : SOURCE_RANK[source.confidence]);
  return [...index.values()].sort(
    (a, b) => rank(a.source) - rank(b.source) || citationText(a.source).localeCompare(citationText(b.source), 'en'),
  );
}

/** The order of a source list by how directly each source reports the survey. */
const SOURCE_RANK: Record<NonNullable<Source['confidence']>, number> = { RT: 0, AB: 1, PR: 2, DER: 3 };

/** A figure as readers may download it: every source without its internal key. */
export type PublicFigure<F extends Figure> = Omit<F, 'source' | 'rows' | 'base' | 'previousBase'> & {
  source: Omit<Source, 'key'>;
  rows: (Omit<FigureRow, 'source'> & { source?: Omit<Source, 'key'> })[];
  base?: Omit<NonNullable<F['base']>, 'source'>;
  previousBase?: Omit<NonNullable<F['base']>, 'source'>;
};

/** A figure as readers may download it: every source without its internal key. */
export function publicFigure<F extends Figure>(figure: F): PublicFigure<F> {
  const strip = (source: Source): Omit<Source, 'key'> => {
    const copy: Partial<Source> = { ...source };
    delete copy.key;
    return copy as Omit<Source, 'key'>;
  };
  // A base names its source by key, which is internal: the download's baseNote names it as readers see it.
  const base = (stated: F['base']) => {
    if (!stated) return {};
    const copy: Partial<NonNullable<F['base']>> = { ...stated };
    delete copy.source;
    return copy as Omit<NonNullable<F['base']>, 'source'>;
  };
  const { base: current, previousBase: earlier, ...rest } = figure;
  return {
    ...rest,
    ...(current ? { base: base(current) } : {}),
    ...(earlier ? { previousBase: base(earlier) } : {}),
    source: strip(figure.source),
    rows: figure.rows.map((row) => (row.source ? { ...row, source: strip(row.source) } : row)),
  } as unknown as PublicFigure<F>;
}

/** A 95% interval as the JSON download gives it: bounds in percent to one decimal, null without an n. */
export type PublicInterval = { low: number; high: number } | null;

const publicInterval = (interval: ValueInterval): PublicInterval =>
  interval.known ? { low: roundBound(interval.low), high: roundBound(interval.high) } : null;

/**
 * A figure as its JSON download gives it: `publicFigure`, with each row's 95% interval (`ci95`, and
 * `previousCi95` for a previous-edition value) and an `interval` block naming the method and saying which
 * values have no interval because their base is not published.
 */
export function downloadableFigure(figure: Figure, surveySize?: number, options: { synthetic?: boolean } = {}) {
  // The print-only title of a report chapter's exhibit is no part of the figure's data.
  const { exhibitTitle, ...shown } = publicFigure(figure);
  void exhibitTitle;
  const intervals = figureIntervals(figure);
  const rows: ((typeof shown.rows)[number] & {
    chartPart?: true;
    ci95: PublicInterval;
    previousCi95?: PublicInterval;
  })[] = shown.rows.map((row, i) => {
    const { value, previous } = intervals[i]!;
    return {
      ...row,
      ci95: publicInterval(value),
      ...(previous ? { previousCi95: publicInterval(previous) } : {}),
    };
  });
  // The parts the chart derives (a nested bar's), as the chart and its table show them.
  for (const part of chartOnlyParts(figure)) {
    rows.push({
      label: part.label,
      value: part.value,
      derived: true,
      // Not an answer to the question: a part the chart computes from the rows above it.
      chartPart: true,
      ci95: publicInterval(intervalOf(part.value, figure.base?.n)),
    });
  }
  const paired = figure.rows.some((row) => row.previous !== undefined);
  const notes = [
    figure.unit === 'percent'
      ? 'ci95 is the 95% interval of each value (previousCi95 of each previous-edition value), in percent, rounded to one decimal.'
      : `ci95 is the 95% interval of each value, in the figure's unit (${figure.unit}${figure.currency ? `, ${figure.currency}` : ''}), rounded to one decimal.`,
    ...(figure.segments
      ? [
          `Each segment's rows carry their own value and interval; a row marked suppressed has fewer than ${figure.survey?.minimumN ?? 'the minimum number of'} answers in its segment, or (a segment marked complementary) is withheld because with the total and the other segments it would give such a segment's value; no value is published.`,
        ]
      : []),
    ...(!anyRowN(figure) ? ['No source states the base and its size, so no value has an interval.'] : []),
    ...(anyRowN(figure) &&
    figure.rows.some((row) => row.source && row.source.key !== (figure.base?.source ?? figure.source.key))
      ? ['A row from another source than the one stating the base has no interval: it is not a share of that base.']
      : []),
    ...(paired && !anyRowN(figure, true)
      ? ["No source states the previous edition's base and its size, so its values have no interval."]
      : []),
    ...(chartOnlyParts(figure).length > 0
      ? ['Rows with chartPart true are parts the chart computes from the answers above them (derived), not answers.']
      : []),
  ];
  return {
    ...shown,
    // The series' own question, in its questionnaire's words: not "published" by anyone else.
    ...(isOwnSurvey(figure.source) ? { questionWording: 'as asked' as const } : {}),
    // A demonstration series' data, said to be synthetic for a reader of the file alone.
    ...(options.synthetic ? { dataNote: SYNTHETIC_NOTE } : {}),
    // How the question's wording and the base read on the page, for a reader of the file alone.
    questionNote: `${questionLabel(figure)}.`,
    baseNote: `${baseNote(figure, surveySize)}.`,
    ...(paired ? { previousBaseNote: `${baseNote(figure, undefined, true)}.` } : {}),
    rows,
    interval: { method: intervalMethod(figure), note: notes.join(' ') },
  };
}

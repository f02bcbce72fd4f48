/**
 * What the printed report needs of a figure, as JSON for the Typst template: its words (title, subtitle,
 * alt text, source line, question, base), and per row the value with its 95% interval where the base is
 * published. The print page embeds one per figure it shows; the appendix table and the chart are drawn from it.
 */
import type { Figure } from '../schema/figure.ts';
import type { SeriesData } from '../schema/series.ts';
import { figureSummary } from '../chart/describe.ts';
import { baseText, figureSourceLine, figureSubtitle, previousBaseText, surveyCredit } from '../chart/summary.ts';
import { figureIntervals, N_UNKNOWN, roundBound, type ValueInterval } from '../stats/figure-intervals.ts';
import { typesetFigure } from '../typography.ts';

export interface PrintInterval {
  low: number;
  high: number;
}

export interface PrintRow {
  label: string;
  value: number;
  /** Computed from published values (a remainder): marked so in the table. */
  derived: boolean;
  /** The 95% interval in percent (one decimal), or null where the base (n) is not published. */
  interval: PrintInterval | null;
  previous?: number;
  previousInterval?: PrintInterval | null;
  /** The source line of this row alone (a part opener shows one row): no mark of another row's source. */
  source: string;
}

export interface PrintFigure {
  id: string;
  kind: string;
  title: string;
  subtitle: string;
  /** The chart's text summary: the figure's alt text in the PDF's structure tree. */
  alt: string;
  /** "Source: ..., as reported by ...". */
  source: string;
  question: string;
  /** Who answered, as a phrase ("respondents whose organization ..."). */
  base: string;
  n: number | null;
  previousBase?: string;
  seriesLabels?: string[];
  note?: string;
  rows: PrintRow[];
  /** What a value without an interval says. */
  noInterval: string;
}

const interval = (i: ValueInterval | undefined): PrintInterval | null =>
  i?.known ? { low: roundBound(i.low), high: roundBound(i.high) } : null;

/** The source line of one row of a figure, as if the figure had that row only. */
function rowSourceLine(figure: Figure, index: number, series: SeriesData): string {
  const { source, ...row } = figure.rows[index]!;
  return figureSourceLine({ ...figure, source: source ?? figure.source, rows: [row] }, surveyCredit(series));
}

/** The print model of one figure of a series. */
export function printFigure(raw: Figure, series: SeriesData): PrintFigure {
  const figure = typesetFigure(raw);
  const respondents = series.survey.respondents;
  const intervals = figureIntervals(figure);
  const previousBase = previousBaseText(figure);
  return {
    id: figure.id,
    kind: figure.kind,
    title: figure.title,
    subtitle: figureSubtitle(figure),
    alt: figureSummary(figure, respondents),
    source: figureSourceLine(figure, surveyCredit(series)),
    question: figure.question,
    base: baseText(figure),
    n: figure.n ?? null,
    ...(previousBase ? { previousBase } : {}),
    ...(figure.seriesLabels ? { seriesLabels: [...figure.seriesLabels] } : {}),
    ...(figure.note ? { note: figure.note } : {}),
    rows: figure.rows.map((row, i) => ({
      label: row.label,
      source: rowSourceLine(figure, i, series),
      value: row.value,
      derived: row.derived === true,
      interval: interval(intervals[i]?.value),
      ...(row.previous === undefined
        ? {}
        : { previous: row.previous, previousInterval: interval(intervals[i]?.previous) }),
    })),
    noInterval: N_UNKNOWN,
  };
}

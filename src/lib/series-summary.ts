import type { HomeLead } from './home-lead.ts';
import { getFigure, getRow, segmentValue } from './figures.ts';
import type { Figure } from './schema/figure.ts';
import { baseShort, rowCredit, outletInBrief, sourceOutlet, type SurveyCredit } from './chart/summary.ts';
import type { SeriesData } from './schema/series.ts';
import type { KeyRef } from './schema/trend.ts';
import { typeset } from './typography.ts';
import { figureValue } from './chart/unit.ts';
import { carriedIntervalText } from './chart/interval.ts';

/** A headline number of the report page, with the base of its percentage. */
export interface KeyNumber {
  label: string;
  value: number;
  /** The value as pages write it, in its figure's unit and the series' language: "57%", "12.5 days", "+23". */
  valueText: string;
  /** Its 95% interval where its figure carries one (computed from the survey): "+4 to +21", "43–52%". */
  interval?: string;
  /** The previous edition's value, where the row (of a "paired" figure) has one. */
  previous?: number;
  /** Who the share is of: "all respondents, n = 403" where a source states it, else "survey of 403; base not published". */
  base: string;
  /** The number who answered, where the base states it: a computed value's card writes "n = 451" beside its interval. */
  n?: number;
  /** Who reported the value, as a source line names it ("O'Reilly Media"). */
  source: string;
  /** Who reported it in the fewest words, for a card's one source line ("Forbes", "the Algorithmia blog"). */
  outlet?: string;
  /** The figure id and row label the number is read from. */
  figure?: string;
  row?: string;
  /**
   * Where the number contrasts two groups (`contrast` in series.yaml), each group's value: `valueText` is then
   * both ("71% vs 23%"), `interval` both intervals ("64–77% and 16–31%"), `base` both groups with their n.
   */
  contrast?: { label: string; valueText: string; n: number; interval?: string }[];
  /**
   * What the number measures, of whom, and who made and reported it, as a chart of this row alone would say
   * ("Share of respondents · base not published. Source: …"): the line a social image puts under it.
   */
  credit?: string;
}

/**
 * What the on-demand routes (the report page, its Action, the download pages) know about a series:
 * `series.yaml` and a few numbers, generated at build time so the server bundle holds no articles.
 */
export interface SeriesSummary {
  id: string;
  href: string;
  data: SeriesData;
  /** Published trends in the series. */
  trendCount: number;
  keyNumbers: KeyNumber[];
  /** The numbers the series index's headline states (`index.numbers`), values from the dataset. */
  indexNumbers?: KeyNumber[] | undefined;
  /** The finding the home page opens on (`home.lead`): its headline with the numbers in place, and its figure. */
  homeLead?: HomeLead | undefined;
}

/** Newest edition first, the order of the home page and the navigation. */
export const byEditionDesc = (a: Pick<SeriesSummary, 'data'>, b: Pick<SeriesSummary, 'data'>) =>
  // An unlisted series comes after every listed one, and a demonstration after every real one: the home page
  // and the navigation lead with a listed, real one.
  (a.data.listed !== true ? 1 : 0) - (b.data.listed !== true ? 1 : 0) ||
  (a.data.demonstration ? 1 : 0) - (b.data.demonstration ? 1 : 0) ||
  b.data.edition - a.data.edition;

/** Whether a series is shown beside others (home page, navigation, other editions): series.yaml `listed: true`. */
export const isListed = (series: Pick<SeriesSummary, 'data'>): boolean => series.data.listed === true;

/**
 * Whether the home page lists a series under its editions: a listed one, or a demonstration with
 * `listed: demonstration`, which the list labels as fictional; it stays out of the navigation, the sitemap and search.
 */
export const onHomePage = (series: Pick<SeriesSummary, 'data'>): boolean =>
  series.data.listed === true || series.data.listed === 'demonstration';

/** A headline number of `report.keyNumbers`, with its value and base from the series' figures. */
export function keyNumberOf(
  figures: readonly Figure[],
  ref: KeyRef,
  surveySize?: number,
  survey?: SurveyCredit,
  locale?: string,
): KeyNumber {
  const figure = getFigure(figures, ref.figure);
  const row = getRow(figure, ref.label);
  const local = { ...figure, locale };
  const contrast = ref.contrast?.map((id) => {
    const found = segmentValue(figure, id, ref.label);
    if (typeof found === 'string')
      throw new Error(`key number "${ref.label}" of "${ref.figure}": contrast "${id}": ${found}`);
    return {
      label: found.label,
      valueText: figureValue(local, found.value),
      n: found.n,
      ...(found.interval ? { interval: carriedIntervalText(local, found.interval) } : {}),
    };
  });
  const interval = contrast
    ? contrast.every((c) => c.interval)
      ? contrast.map((c) => c.interval).join(' and ')
      : undefined
    : keyIntervalText(local, ref.label);
  return {
    label: typeset(ref.says ?? ref.label),
    value: row.value,
    valueText: contrast ? contrast.map((c) => c.valueText).join(' vs ') : figureValue(local, row.value),
    ...(interval ? { interval } : {}),
    ...(row.previous === undefined ? {} : { previous: row.previous }),
    base: contrast
      ? contrast.map((c) => `${c.label}, n = ${c.n.toLocaleString('en')}`).join('; ')
      : baseShort(figure, surveySize),
    ...(contrast || figure.base?.n === undefined ? {} : { n: figure.base.n }),
    ...(contrast ? { contrast } : {}),
    source: typeset(sourceOutlet(row.source ?? figure.source)),
    outlet: outletInBrief(row.source ?? figure.source),
    figure: ref.figure,
    row: ref.label,
    ...(survey ? { credit: typeset(rowCredit(figure, row, survey)) } : {}),
  };
}

/**
 * The 95% interval of a key number, as the figure's table writes it ("+4 to +21", "10.4 days to 11.8 days",
 * "43–52%"), where its row carries one (a figure computed from the survey); else undefined.
 */
export function keyIntervalText(figure: Figure & { locale?: string | undefined }, label: string): string | undefined {
  const row = getRow(figure, label);
  return figure.survey && row.interval ? carriedIntervalText(figure, row.interval) : undefined;
}

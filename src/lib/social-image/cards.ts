import type { Figure } from '../schema/figure.ts';
import type { SiteData } from '../schema/site.ts';
import type { TrendData } from '../schema/trend.ts';
import type { KeyNumber, SeriesSummary } from '../series-summary.ts';
import { countOf, formatPercent } from '../format.ts';
import { editionLine } from '../edition-line.ts';
import { brandOf } from '../brand.ts';
import type { OverviewCard, TrendCard } from './card.ts';
import {
  SYNTHETIC_NOTE,
  figureSourceLine,
  midSentence,
  outletInBrief,
  figureSubtitle,
  sourceMarks,
  surveyCredit,
} from '../chart/summary.ts';
import { BASE_NOT_PUBLISHED, figureBase } from '../chart/base.ts';
import { isOwnSurvey } from '../schema/source.ts';
import { chartKind } from '../chart/kinds/index.ts';
import { drawsOneValue } from './chart.ts';
import { typeset, typesetFigure } from '../typography.ts';
import { figureValue } from '../chart/unit.ts';

/** What each page's social image shows, from the content: one builder per page type. */

/** The URL of a page's social image: `og.png` beside the page (`/s/t/` -> `/s/t/og.png`). */
export const socialImagePath = (pageHref: string) => `${pageHref.endsWith('/') ? pageHref : `${pageHref}/`}og.png`;

/** A trend's key chart: its `keyFigure`, else the first figure it uses, else none. */
export function keyFigureOf(trend: TrendData, figures: readonly Figure[]): Figure | undefined {
  const id = trend.keyFigure?.figure ?? trend.figures[0];
  return id === undefined ? undefined : figures.find((f) => f.id === id);
}

/**
 * The bottom line of every card: the site, and whose survey the edition number belongs to ("ML Trends ·
 * Third annual edition of Algorithmia’s survey"): the edition is the survey's, not the publication's.
 */
export function cardFooter(site: SiteData, series: SeriesSummary): string {
  return `${brandOf(site, series)} · ${editionLine(series.data)}`;
}

/**
 * The row labels as the card's chart draws them, in the order of its categories: with the footnote mark of
 * a row from another source (its source is named after the mark in the credit line). A single value shown as
 * a large number always keeps its label: the number says nothing without what it counts, and a card shared
 * alone must read without its headline (which may say the share in words, or not at all).
 */
export function cardLabels(figure: Figure): string[] {
  const data = chartKind(figure.kind).chart(figure);
  const marks = sourceMarks(figure);
  return data.labels.map((label) => {
    const i = figure.rows.findIndex((row) => row.label === label);
    const mark = i === -1 ? undefined : marks.rows[i];
    return mark ? `${label}${mark}` : label;
  });
}

/** Straight quotes and apostrophes made typographic in every text a card lays out. */
function typesetCard<C extends TrendCard | OverviewCard>(card: C): C {
  const t = (s: string | undefined) => (s === undefined ? undefined : typeset(s));
  if (card.kind === 'trend') {
    const trend: TrendCard = {
      ...card,
      series: typeset(card.series),
      shortSeries: typeset(card.shortSeries),
      title: typeset(card.title),
      summary: typeset(card.summary),
      credit: t(card.credit),
      footer: typeset(card.footer),
      ...(card.labels ? { labels: card.labels.map(typeset) } : {}),
      ...(card.number ? { number: { ...card.number, label: typeset(card.number.label) } } : {}),
    };
    return trend as C;
  }
  const overview: OverviewCard = {
    ...card,
    eyebrow: typeset(card.eyebrow),
    title: typeset(card.title),
    subtitle: t(card.subtitle),
    credit: t(card.credit),
    footer: typeset(card.footer),
    ...(card.number ? { number: { ...card.number, label: typeset(card.number.label) } } : {}),
    ...(card.numbers ? { numbers: card.numbers.map((n) => ({ ...n, label: typeset(n.label) })) } : {}),
    ...(card.contents ? { contents: card.contents.map(typeset) } : {}),
  };
  return overview as C;
}

/**
 * A survey in a few words, with when it was fielded: "Algorithmia’s survey of 403, fielded November 2020". A card
 * is shared without its article, so its source line always dates the numbers (issue 20, social cards round 2).
 */
export function surveyInBrief(survey: SeriesSummary['data']['survey'], title: string): string {
  const { publisher, respondents, fielded } = survey;
  const when = fielded ? `, fielded ${fielded}` : '';
  return publisher ? `${publisher}’s survey of ${respondents}${when}` : `${title}, a survey of ${respondents}${when}`;
}

/**
 * What a card's figure measures, in the fewest words: "Base not published" where no source gives the base
 * (the number's label says what it counts), else the chart's subtitle ("Share of all respondents (n = 500)").
 */
function cardBase(figure: Figure): string {
  if (figureBase(figure) || figure.unit !== 'percent' || figure.survey) return figureSubtitle(figure);
  const base = BASE_NOT_PUBLISHED.replace(/^./, (c) => c.toUpperCase());
  return figure.multiSelect === true ? `${base}; several answers allowed` : base;
}

/**
 * The line under a figure on a card: its base, then one line of source, the survey with its size and date and
 * who reported the numbers ("Base not published. Source: Algorithmia’s survey of 403, fielded November 2020,
 * via Forbes."). An own survey's line is the page's, dated already.
 */
export function cardCredit(figure: Figure, series: SeriesSummary): string {
  const survey = surveyCredit(series.data);
  if (isOwnSurvey(figure.source)) return `${cardBase(figure)}. ${figureSourceLine(figure, survey)}`;
  const others = sourceMarks(figure).notes.map((n) => `; ${n.mark}\u00a0${outletInBrief(n.source)}`);
  const via = `via ${outletInBrief(figure.source)}${others.join('')}`;
  return `${cardBase(figure)}. ${oneLineSource(series, via)}`;
}

/** Characters a line holds across the card at 28 px (estimated as `fitted` does). */
const SOURCE_LINE_CHARS = 76;

/**
 * "Source: <survey in brief>, <via>.", always with the survey's date: the publisher's own blog named "its blog"
 * where the full name would take the line past one ("Algorithmia’s survey of 403, fielded November 2020, via its
 * blog; ¹ trade press"). The card gives base and source two lines together.
 */
function oneLineSource(series: SeriesSummary, via: string): string {
  const { survey, title } = series.data;
  const own = survey.publisher ? `the ${survey.publisher} blog` : undefined;
  const short = own ? via.replace(own, 'its blog') : via;
  const full = `Source: ${surveyInBrief(survey, title)}, ${via}.`;
  return full.length <= SOURCE_LINE_CHARS ? full : `Source: ${surveyInBrief(survey, title)}, ${short}.`;
}

/**
 * The credit of a trend without a figure: the survey and the outlets its sources are, on one line ("Source:
 * Algorithmia’s survey of 403, fielded November 2020, and its blog."). The survey's own report
 * (confidence RT) is the survey itself; every other source is named by its outlet. None where the trend lists
 * no source.
 */
export function wordsCredit(trend: TrendData, series: SeriesSummary): string | undefined {
  if (trend.sources.length === 0) return undefined;
  const outlets = [...new Set(trend.sources.filter((s) => s.confidence !== 'RT').map(outletInBrief))];
  const own = trend.sources.some((s) => s.confidence === 'RT');
  return oneLineSource(series, outlets.length === 0 ? '' : `${own ? 'and' : 'via'} ${outlets.join('; ')}`).replace(
    /, \.$/,
    '.',
  );
}

/**
 * The comparison that makes a paired row's claim: its value against the previous edition's ("up from 71% in
 * the previous edition"), or none without a previous value.
 */
export function comparisonOf(value: number, previous: number | undefined): string | undefined {
  if (previous === undefined) return undefined;
  const edition = 'in the previous edition';
  if (value === previous) return `the same as ${edition}`;
  return `${value > previous ? 'up' : 'down'} from ${formatPercent(previous)} ${edition}`;
}

/**
 * The one number of an overview card (home, series index, report page), among the report's key numbers:
 * the series' lead finding (`home.lead`) where it is one of them, else the first. With it, what it counts,
 * the previous edition's value where its row has one, and the line naming that row's base and source only.
 */
export function leadNumber(series: SeriesSummary, lead = true): Pick<OverviewCard, 'number' | 'credit'> {
  const ref = lead ? series.data.home?.lead : undefined;
  const found =
    (ref && series.keyNumbers.find((n) => n.figure === ref.figure && n.row === ref.label)) ?? series.keyNumbers[0];
  if (!found) return {};
  const comparison = comparisonOf(found.value, found.previous);
  return {
    number: { value: found.valueText, label: found.label, ...(comparison ? { comparison } : {}) },
    credit: numbersCredit(series, [found]),
  };
}

/**
 * The one line under an overview card's numbers, as short as a trend card's: their base, then the survey in
 * a few words, dated, and who reported the numbers ("Base not published. Source: Algorithmia’s survey of 403,
 * fielded November 2020, via the Algorithmia blog and O'Reilly Media.").
 * An own survey is its own source ("Source: Survey of 500 software engineers…"), with the bases' sizes.
 */
export function numbersCredit(series: SeriesSummary, numbers: readonly KeyNumber[]): string {
  const unpublished = numbers.every((n) => n.base.includes(BASE_NOT_PUBLISHED));
  const sizes = numbers.map((n) => /\bn = [\d,]+/.exec(n.base)?.[0]).filter((n): n is string => n !== undefined);
  const base = unpublished
    ? BASE_NOT_PUBLISHED.replace(/^./, (c) => c.toUpperCase())
    : numbers.length === 1
      ? `Share of ${numbers[0]!.base}`.replace(/^Share of (?=respondents who|all \d)/, 'Base: ')
      : `Bases: ${[...new Set(sizes)].join(', ')}`;
  const outlets = [...new Set(numbers.map((n) => n.outlet ?? n.source))];
  const { publisher } = series.data.survey;
  const synthetic = series.data.demonstration ? ` ${SYNTHETIC_NOTE}` : '';
  if (!publisher) return `${base}. Source: ${joinAnd(outlets)}.${synthetic}`;
  return `${base}. ${oneLineSource(series, `via ${joinAnd(outlets)}`)}${synthetic}`;
}

/** "a", "a and b", "a, b and c". */
const joinAnd = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;

export function trendCard(options: {
  site: SiteData;
  series: SeriesSummary;
  trend: TrendData;
  position: number;
  total: number;
  figures: readonly Figure[];
}): TrendCard {
  const { site, series, trend, position, total, figures } = options;
  const key = keyFigureOf(trend, figures);
  // A chart of several values draws them; a single value is said by the headline, with the base and source
  // of that number under it (round 12: a dot on a line, labelled with the headline's words, said it twice).
  const figure = key && typesetFigure(key);
  const drawn = figure && !drawsOneValue(figure) ? figure : undefined;
  // One idea per card: the headline carries the finding and the chart shows it, with no chart title between
  // them (review round 5: at feed size the headline needs the card's whole width; a title would say it twice).
  // A single value is not drawn as a chart (round 12) but stated as the number, with what it counts, its base
  // in the credit under it (round 15: four cards said "Base not published" of no number).
  const credit = drawn ? cardCredit(drawn, series) : figure ? cardCredit(figure, series) : wordsCredit(trend, series);
  const number = !drawn && figure ? trendNumber(trend, figure) : undefined;
  return typesetCard({
    kind: 'trend',
    series: series.data.title,
    shortSeries: series.data.shortTitle,
    position,
    total,
    title: trend.title,
    summary: trend.summary,
    figure: drawn,
    ...(drawn ? { labels: cardLabels(drawn) } : {}),
    ...(number ? { number } : {}),
    // The base goes with the source line, at the card's foot (social cards round 2: "Base not published" beside
    // the position read as a tag).
    credit,
    footer: cardFooter(site, series),
  });
}

/**
 * A single-value figure's number on a trend card: the key row's value and what it counts, the card's headline,
 * in the article's words: the trend's `keyFigure.counts` where it has one, as the article's key figure labels it
 * (written in the article's past tense: "needed a month or more"), else the row's own label (social cards round 2:
 * the row's "need a month or longer" in the present beside an article in the past).
 */
function trendNumber(trend: TrendData, figure: Figure): { value: string; label: string } | undefined {
  const row = figure.rows.find((r) => r.label === trend.keyFigure?.label) ?? figure.rows[0];
  if (!row) return undefined;
  const counts = trend.keyFigure?.figure === figure.id ? trend.keyFigure.counts : undefined;
  return { value: figureValue(figure, row.value), label: counts ?? midSentence(row.label) };
}

/** A key number as an overview card shows it: its value and what it counts. */
const keyNumberShown = (n: KeyNumber) => ({ value: n.valueText, label: n.label });

/**
 * A card's eyebrow, led by the series' short name (social cards round 2: a card shared alone named its series only
 * in the small footer), and by "Synthetic data" for a demonstration series: a card shared alone must say so.
 */
const eyebrowOf = (series: SeriesSummary, text?: string) => {
  const named = text ? `${series.data.shortTitle} · ${text}` : series.data.shortTitle;
  return series.data.demonstration ? `Synthetic data · ${named}` : named;
};

/** A chart for an overview card: the figure typeset, its labels as drawn and its base and source line. */
function overviewChart(figure: Figure | undefined, series: SeriesSummary): Partial<OverviewCard> {
  if (!figure) return {};
  const shown = typesetFigure(figure);
  return { figure: shown, labels: cardLabels(shown).map(typeset), credit: cardCredit(shown, series) };
}

/**
 * The series index: the chart it leads with under that chart's own finding (its figure title), with its base and
 * source: one idea, the headline and the chart saying the same thing (review round 7: three numbers from three
 * questions on one card; the issue 20 design review: the series' three-claim heading over a chart of one claim).
 * A lead chart of one value is not drawn (round 12): the card draws the home page's lead chart where that has
 * several values, else none, under the series' heading. Without a lead chart, its key numbers side by side.
 */
export function seriesCard(site: SiteData, series: SeriesSummary, figures: readonly Figure[] = []): OverviewCard {
  const leadId = series.data.index?.lead.figure ?? series.data.home?.lead.figure;
  const lead = figures.find((f) => f.id === leadId);
  if (lead) {
    const home = figures.find((f) => f.id === series.data.home?.lead.figure);
    const chart = [lead, home].find((f) => f && !drawsOneValue(f));
    return typesetCard({
      kind: 'overview',
      eyebrow: eyebrowOf(series, countOf(series.trendCount, 'trend')),
      // The headline is the drawn chart's own finding (its title), so that the two say one thing (review of issue
      // 20: the series' three-claim heading over a chart of one of them); no chart title to repeat it.
      title: chart ? chart.title : (series.data.index?.headline ?? lead.title),
      ...(chart ? overviewChart(chart, series) : { credit: cardCredit(typesetFigure(lead), series) }),
      footer: cardFooter(site, series),
    });
  }
  const numbers = series.keyNumbers.slice(0, 3);
  return typesetCard({
    kind: 'overview',
    eyebrow: eyebrowOf(series, `A series in ${countOf(series.trendCount, 'trend')}`),
    title: series.data.title,
    ...(numbers.length > 0
      ? {
          numbers: numbers.map(keyNumberShown),
          credit: numbersCredit(series, numbers),
        }
      : {}),
    footer: cardFooter(site, series),
  });
}

/**
 * The report page: what it sells, the report's title and subtitle (who ran the survey and what it sold), and
 * its contents, the parts by title (round 15: a cover drawn in type read "2021" where the PDF's cover reads
 * "Third annual edition"; and the card's claim, 83%, was the home and first trend's again). No number; the survey,
 * dated, as the sources card names it (social cards round 2: every card dates its survey).
 */
export function reportCard(site: SiteData, series: SeriesSummary): OverviewCard {
  const { report } = series.data;
  const parts = report.parts ?? [];
  return typesetCard({
    kind: 'overview',
    eyebrow: eyebrowOf(series, `The full report · free PDF · ${countOf(series.trendCount, 'trend')}`),
    title: report.title,
    ...(report.subtitle ? { subtitle: report.subtitle } : {}),
    contents: parts.map((part, i) => `${i + 1}\u2002${part.title}`),
    credit: surveyLine(series),
    footer: cardFooter(site, series),
  });
}

/**
 * The survey behind a series, dated, on a card that shows no number: "Survey: Algorithmia’s survey of 403, fielded
 * November 2020."; an own survey "Survey of 500 respondents, fielded September 2024 (fictional)."
 */
function surveyLine(series: SeriesSummary): string {
  const { survey, title } = series.data;
  if (survey.publisher) return `Survey: ${surveyInBrief(survey, title)}.`;
  return `Survey of ${survey.respondents} respondents, fielded ${survey.fielded}.`;
}

/**
 * The sources page, said plainly: its title, one line on what it holds (the survey behind every number, its
 * limits, and how many sources the articles cite, counted as `seriesSources` counts the page's list) and the
 * survey's line. No counts set as big numbers (the design review of issue 20: "5 limits" read as a gimmick).
 */
export function sourcesCard(site: SiteData, series: SeriesSummary, sourceCount?: number): OverviewCard {
  const count = sourceCount === 1 ? 'one source' : sourceCount ? countOf(sourceCount, 'source') : undefined;
  const cited = count ? ` and the ${count} the articles cite` : '';
  return typesetCard({
    kind: 'overview',
    eyebrow: eyebrowOf(series),
    title: 'Sources and method',
    subtitle: `The survey, what it cannot show${cited ? `,${cited}` : ''}.`,
    credit: surveyLine(series),
    footer: cardFooter(site, series),
  });
}

/**
 * The home page: the claim it opens on (series.yaml `home.lead`, its numbers from the dataset), with the base and
 * source of that one number, as the page's headline says it (issue 20, after round 16: the card set the series
 * index's three-claim heading over three numbers from three questions), over the chart the home page draws under it
 * where that has several values (social cards round 2: a card of text only, half white). Without a lead, the series' claim (`index.headline`) over the numbers it states, else the report's key
 * numbers; without numbers, its lead number. Built from the summary alone, so that the image the build draws and the
 * alternative text every page sharing it gives are the same card.
 */
export function homeCard(site: SiteData, featured: SeriesSummary): OverviewCard {
  const eyebrow = eyebrowOf(featured, countOf(featured.trendCount, 'trend'));
  const footer = cardFooter(site, featured);
  const lead = featured.homeLead;
  const row = lead?.figure.rows.find((r) => r.label === featured.data.home?.lead.label);
  if (lead && row && !drawsOneValue(lead.figure)) {
    // The page's lead chart, whole, with its base and source line; no chart title to repeat the headline.
    return typesetCard({
      kind: 'overview',
      eyebrow,
      title: lead.headline,
      ...overviewChart(lead.figure, featured),
      footer,
    });
  }
  if (lead && row) {
    // The base and source of the headline's row alone: another row's source is not this number's.
    const { source, ...value } = row;
    const own = { ...lead.figure, source: source ?? lead.figure.source, rows: [value] };
    return typesetCard({
      kind: 'overview',
      eyebrow,
      title: lead.headline,
      credit: cardCredit(typesetFigure(own), featured),
      footer,
    });
  }
  // The headline's own numbers where series.yaml names them (`index.numbers`), else the report's key numbers.
  const numbers = (featured.indexNumbers ?? featured.keyNumbers).slice(0, 3);
  return typesetCard({
    kind: 'overview',
    eyebrow,
    title: featured.data.index?.headline ?? featured.data.title,
    ...(numbers.length > 0
      ? { numbers: numbers.map(keyNumberShown), credit: numbersCredit(featured, numbers) }
      : leadNumber(featured)),
    footer,
  });
}

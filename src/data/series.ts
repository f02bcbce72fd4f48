import { existsSync } from 'node:fs';
import { getCollection, type CollectionEntry } from 'astro:content';
import { AstroError } from 'astro/errors';
import type { Figure } from '../lib/schema/figure.ts';
import type { ReportPart, SeriesData } from '../lib/schema/series.ts';
import { byEditionDesc, isListed, keyNumberOf, type KeyNumber } from '../lib/series-summary.ts';
import { surveyCredit } from '../lib/chart/summary.ts';
import { countWords, readingMinutes } from '../lib/format.ts';
import { getFigure, getRow, segmentValue } from '../lib/figures.ts';
import { sortBySeriesOrder } from '../lib/series-order.ts';
import { typeset } from '../lib/typography.ts';
import { baseShort } from '../lib/chart/summary.ts';
import { ContentError } from '../lib/validate-series.ts';
import { readSeriesFromDisk, seriesProblems } from '../lib/content/series-files.ts';
import { buildNow } from '../lib/content/build-now.ts';
import { showsUnpublished } from './series-summary.ts';
import {
  publicationStatus,
  publishedFigures,
  visibleTrends,
  withKeyNumbers,
  type PublicationStatus,
} from '../lib/publication.ts';

/**
 * The one place content is queried: series, their trends in series order, and their figures.
 * The whole content is validated across files the first time it is asked for, so a broken
 * reference fails the build with the file and field named.
 */

export type TrendEntry = CollectionEntry<'trends'>;
export type ReportSectionEntry = CollectionEntry<'reportSections'>;

export interface Trend {
  entry: TrendEntry;
  /** URL segment, from the file name without its number. */
  slug: string;
  /** Position among the trends this build shows (1..N): drafts and scheduled trends are not counted in production. */
  order: number;
  href: string;
  /** `published`, or (in `npm run dev` only) `draft` or `scheduled`. */
  status: PublicationStatus;
  data: TrendEntry['data'];
  readingMinutes: number;
  /** The headline number for the series index, where the trend has one. */
  keyValue?: {
    figure: Figure;
    /** The key figure's row the value is from, as labelled in the dataset. */
    row: string;
    label: string;
    /** What the number counts, in a few words, for the home page's index (`keyFigure.counts`). */
    counts?: string;
    value: number;
    /** Who the value is of, in brackets after it: "survey of 403; base not published" where no source states it. */
    base?: string;
    /** The two groups' values the card shows instead of the total (`keyFigure.contrast`): "71% vs 23%". */
    contrast?: KeyContrast[];
  };
}

export interface Series {
  id: string;
  data: SeriesData;
  href: string;
  /** Published trends in series order (in `npm run dev`, drafts and scheduled trends too). */
  trends: Trend[];
  figures: Figure[];
  /** The report's headline numbers (`report.keyNumbers`), with their values from the dataset. */
  keyNumbers: KeyNumber[];
  /** The numbers the index's headline states (`index.numbers`), with their values from the dataset. */
  indexNumbers?: KeyNumber[] | undefined;
  /** Report-only sections, in print order, split by where they go; `summary` is the executive summary. */
  sections: {
    summary?: ReportSectionEntry;
    beforeTrends: ReportSectionEntry[];
    afterTrends: ReportSectionEntry[];
    afterSources: ReportSectionEntry[];
  };
  /**
   * The report's parts (`report.parts`) with the trends this build shows, in series order; a part none of
   * whose trends is shown is left out. Empty when the series has no parts.
   */
  parts: ReportPartOf[];
}

export interface ReportPartOf {
  /** 1..N among the parts printed. */
  number: number;
  title: string;
  summary: string;
  /**
   * The number the opener draws, where the part names one; `says`, what the share said or did, printed after
   * the number so that it reads as a sentence ("57% named infrastructure and operations leaders as …").
   */
  keyFigure?: { figure: Figure; label: string; value: number; says?: string };
  trends: Trend[];
  /** Print only: each chapter's short name for the running heads, by trend slug (`heads`). */
  heads: Record<string, string>;
}

export const seriesHref = (seriesId: string) => `/${seriesId}/`;
/** Anchor of a report-only section in the print document: "ml-trends-2021/methodology" -> "section-methodology". */
export const sectionAnchor = (section: ReportSectionEntry) => `section-${section.id.split('/')[1]}`;
export const trendHref = (seriesId: string, slug: string) => `/${seriesId}/${slug}/`;

let cache: Promise<Series[]> | undefined;

/** Every series, newest edition first; in production, only those with a published trend. */
export function getAllSeries(): Promise<Series[]> {
  cache ??= loadAll();
  return cache;
}

/** `getStaticPaths` of the pages made once per series: params and props of each. */
export async function seriesPaths(): Promise<{ params: { series: string }; props: { series: Series } }[]> {
  return (await getAllSeries()).map((series) => ({ params: { series: series.id }, props: { series } }));
}

/** Every listed series but this one, newest edition first: the other editions it links to. */
export async function otherEditions(series: Series): Promise<Series[]> {
  return (await getAllSeries()).filter((other) => other.id !== series.id && isListed(other));
}

/** The newest edition: the one featured on the home page. */
export async function getCurrentSeries(): Promise<Series> {
  const [current] = await getAllSeries();
  if (!current) throw new Error('No series found: add content/series/<series>/series.yaml');
  return current;
}

export { figureDataHref } from '../lib/hrefs.ts';

async function loadAll(): Promise<Series[]> {
  const now = buildNow();
  const dev = showsUnpublished();
  const [seriesEntries, figureEntries, trendEntries, sectionEntries] = await Promise.all([
    getCollection('series'),
    getCollection('figures'),
    getCollection('trends'),
    getCollection('reportSections'),
  ]);
  const series = seriesEntries.map((entry) => {
    const id = entry.id;
    const all = trendEntries.filter((t) => t.id.startsWith(`${id}/`));
    const entries = visibleTrends(all, now, dev);
    const seriesFigures = figureEntries.filter((f) => f.data.series === id).map((f) => f.data);
    // What this build publishes of the series' figures and key numbers: the one rule, for every page.
    const out = publishedFigures(
      {
        figures: seriesFigures,
        trends: all,
        keyNumbers: entry.data.report.keyNumbers,
        ...(entry.data.index?.numbers ? { indexNumbers: entry.data.index.numbers } : {}),
      },
      now,
      dev,
    );
    const figures = out.figures;
    const sections = sortBySeriesOrder(
      sectionEntries.filter((e) => e.id.startsWith(`${id}/`)).map((e) => ({ entry: e, order: e.data.order })),
    ).map((s) => s.entry);
    assertValidOnDisk(id, entry.filePath, dev ? undefined : now);
    const trends = sortBySeriesOrder(entries.map((t) => t.data)).map((data, i) =>
      toTrend(
        entries.find((t) => t.data === data)!,
        i + 1,
        figures,
        now,
        entry.data.survey.respondents,
      ),
    );
    const placed = (placement: string) => sections.filter((s) => s.data.placement === placement);
    return {
      id,
      // The introduction as pages print it: curly quotes and apostrophes, like every trend's title and deck.
      data: withKeyNumbers(
        { ...entry.data, summary: typeset(entry.data.summary), description: typeset(entry.data.description) },
        out.keyNumbers,
      ),
      href: seriesHref(id),
      trends,
      figures,
      keyNumbers: out.keyNumbers.map((ref) =>
        keyNumberOf(figures, ref, entry.data.survey.respondents, surveyCredit(entry.data), entry.data.language),
      ),
      indexNumbers: entry.data.index?.numbers
        ? out.indexNumbers.map((ref) =>
            keyNumberOf(figures, ref, entry.data.survey.respondents, surveyCredit(entry.data), entry.data.language),
          )
        : undefined,
      sections: {
        summary: placed('summary')[0],
        beforeTrends: placed('before-trends'),
        afterTrends: placed('after-trends'),
        afterSources: placed('after-sources'),
      },
      parts: partsOf(entry.data.report.parts ?? [], trends, figures),
    };
  });
  // A series is out once one of its trends is: a new series (`npm run new:series`) waits in drafts.
  return series.filter((s) => s.trends.length > 0).sort(byEditionDesc);
}

/** The parts with the trends shown, numbered anew; a part none of whose trends is shown is left out. */
function partsOf(parts: readonly ReportPart[], trends: Trend[], figures: Figure[]): ReportPartOf[] {
  const kept: ReportPartOf[] = [];
  for (const part of parts) {
    const own = trends.filter((t) => part.trends.includes(t.slug));
    if (own.length === 0) continue;
    const key = part.keyFigure;
    // A key figure of an unpublished trend waits with it: the opener then shows none.
    const figure = key && figures.find((f) => f.id === key.figure);
    kept.push({
      number: kept.length + 1,
      title: typeset(part.title),
      summary: typeset(part.summary),
      ...(key && figure
        ? {
            keyFigure: {
              figure,
              label: key.label,
              value: getRow(figure, key.label).value,
              ...(key.says ? { says: typeset(key.says) } : {}),
            },
          }
        : {}),
      trends: own,
      heads: Object.fromEntries(Object.entries(part.heads ?? {}).map(([slug, head]) => [slug, typeset(head)])),
    });
  }
  return kept;
}

/**
 * Checks a series across its files wherever its sources are at hand (build, dev, a server run from the
 * repository); a server deployed without them serves content that was validated when it was built.
 */
function assertValidOnDisk(id: string, seriesFile: string | undefined, now: Date | undefined): void {
  if (!seriesFile || !existsSync(seriesFile)) return;
  const problems = seriesProblems(readSeriesFromDisk(process.cwd(), id), now);
  if (problems.length > 0) throw new AstroError(new ContentError(problems).message, CONTENT_HINT);
}

const CONTENT_HINT =
  'Each line names a file (and line or field) under content/series/. Fix them, or run `npm run check:content` to list every problem without building.';

/** One group's value of a trend's key figure, as its card shows it beside another's. */
export interface KeyContrast {
  /** The group's name: "1,000+ employees". */
  label: string;
  value: number;
  n: number;
  interval?: { low: number; high: number };
}

/** The two groups' values `keyFigure.contrast` names; a missing or withheld one is an error naming the file. */
function keyContrast(entry: TrendEntry, figure: Figure, label: string, ids: readonly string[]): KeyContrast[] {
  return ids.map((id) => {
    const found = segmentValue(figure, id, label);
    if (typeof found === 'string') {
      throw new AstroError(
        `${entry.filePath ?? entry.id}: keyFigure.contrast "${id}": ${found}`,
        "Name two segment ids of the key figure whose values are published (see the figure's segments).",
      );
    }
    return found;
  });
}

function toTrend(entry: TrendEntry, order: number, figures: Figure[], now: Date, surveySize?: number): Trend {
  const slug = entry.id.split('/')[1]!;
  const series = entry.id.split('/')[0]!;
  const key = entry.data.keyFigure;
  const figure = key && getFigure(figures, key.figure);
  return {
    entry,
    slug,
    order,
    href: trendHref(series, slug),
    status: publicationStatus(entry.data, now),
    data: {
      ...entry.data,
      title: typeset(entry.data.title),
      summary: typeset(entry.data.summary),
      ...(entry.data.updateNote ? { updateNote: typeset(entry.data.updateNote) } : {}),
    },
    readingMinutes: readingMinutes(countWords(entry.body ?? '')),
    keyValue:
      key && figure
        ? {
            figure,
            row: key.label,
            label: typeset(key.says ?? key.label),
            ...(key.counts ? { counts: typeset(key.counts) } : {}),
            value: getRow(figure, key.label).value,
            base: baseShort(figure, surveySize),
            ...(key.contrast ? { contrast: keyContrast(entry, figure, key.label, key.contrast) } : {}),
          }
        : undefined,
  };
}

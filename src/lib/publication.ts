/**
 * Whether a trend is out: `draft: true` keeps it in, and so does a `published` date that has not come yet.
 * Production builds leave unpublished trends out of every page and file; `npm run dev` shows them.
 */

/** `published`: out; `draft`: marked `draft: true`; `scheduled`: dated after the moment the build decides by. */
export type PublicationStatus = 'published' | 'draft' | 'scheduled';

/** What the status is read from: a trend's frontmatter. */
export interface Publishable {
  draft: boolean;
  /** The publication day, at 00:00 UTC. */
  published: Date;
}

/** A trend's status at `now`: a trend dated today is out from 00:00 UTC. */
export function publicationStatus(trend: Publishable, now: Date): PublicationStatus {
  if (trend.draft) return 'draft';
  return trend.published.getTime() > now.getTime() ? 'scheduled' : 'published';
}

export const isPublished = (trend: Publishable, now: Date): boolean => publicationStatus(trend, now) === 'published';

/** The environment variable that fixes the moment a build decides by. */
export const BUILD_NOW = 'BUILD_NOW';

/**
 * The moment a build decides by: `BUILD_NOW` (YYYY-MM-DD or an ISO date and time) when set, else `fallback`.
 * A value that is not a date stops with the variable named.
 */
export function parseBuildNow(value: string | undefined, fallback: Date): Date {
  if (value === undefined || value.trim() === '') return fallback;
  const text = value.trim();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : new Date(text);
  if (
    !/^\d{4}-\d{2}-\d{2}/.test(text) ||
    Number.isNaN(date.getTime()) ||
    !date.toISOString().startsWith(text.slice(0, 10))
  ) {
    throw new Error(
      `${BUILD_NOW} is "${value}": set it to a date (YYYY-MM-DD) or an ISO date and time (2026-03-16T09:00:00Z), or leave it unset to build as of now.`,
    );
  }
  return date;
}

/** The trends a build shows, in the order given: every one when `all` (`npm run dev`), else the published ones. */
export function visibleTrends<T extends { data: Publishable }>(trends: readonly T[], now: Date, all = false): T[] {
  return all ? [...trends] : trends.filter((trend) => isPublished(trend.data, now));
}

/** A key number of `report.keyNumbers` left out of a build, and the unpublished trends its figure waits for. */
export interface WithheldKeyNumber<T> {
  /** Its position in `report.keyNumbers`. */
  index: number;
  figure: string;
  usedBy: T[];
}

/**
 * The one rule for what a build publishes of a series' figures: a figure is out when a published trend
 * uses it (lists it in `figures`, or takes its `keyFigure` from it), or when no trend does (report-only
 * sections); a figure only drafts or scheduled trends use
 * waits for them, on every page, download, card, feed and in the PDF. `keyNumbers` (`report.keyNumbers`)
 * keeps only those whose figure is out; `withheld` names the others, for the build log. `indexNumbers`
 * (`index.numbers`, the series index's headline) keeps only those whose figure is out, silently. In development
 * (`all`, `npm run dev`) nothing is withheld. Every consumer of figures and key numbers goes through this.
 */
export function publishedFigures<
  F extends { id: string },
  T extends { data: Publishable & { figures: readonly string[]; keyFigure?: { figure: string } } },
  K extends { figure: string } = { figure: string },
>(
  series: { figures: readonly F[]; trends: readonly T[]; keyNumbers?: readonly K[]; indexNumbers?: readonly K[] },
  now: Date,
  all = false,
): { figures: F[]; keyNumbers: K[]; indexNumbers: K[]; withheld: WithheldKeyNumber<T>[] } {
  const { figures, trends, keyNumbers = [], indexNumbers = [] } = series;
  const listedBy = (id: string) =>
    trends.filter((trend) => trend.data.figures.includes(id) || trend.data.keyFigure?.figure === id);
  const isOut = (id: string) => {
    const users = listedBy(id);
    return all || users.length === 0 || users.some((trend) => isPublished(trend.data, now));
  };
  const withheld = keyNumbers.flatMap((ref, index) =>
    isOut(ref.figure) ? [] : [{ index, figure: ref.figure, usedBy: listedBy(ref.figure) }],
  );
  return {
    figures: figures.filter((figure) => isOut(figure.id)),
    keyNumbers: keyNumbers.filter((ref) => isOut(ref.figure)),
    indexNumbers: indexNumbers.filter((ref) => isOut(ref.figure)),
    withheld,
  };
}

/** A series' data with only the key numbers a build publishes (`publishedFigures`' `keyNumbers`). */
export function withKeyNumbers<D extends { report: { keyNumbers: readonly unknown[] } }>(
  data: D,
  keyNumbers: D['report']['keyNumbers'],
): D {
  return { ...data, report: { ...data.report, keyNumbers } };
}

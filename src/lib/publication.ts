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

/**
 * The figures a build publishes (downloads, the report's sources): all but those used only by unpublished
 * trends, so a draft's chart is not out before the draft. Figures no trend lists (report-only sections)
 * and those in `keep` (the report's key numbers) stay.
 */
export function publicFigures<F extends { id: string }>(
  figures: readonly F[],
  trends: readonly { data: Publishable & { figures: readonly string[] } }[],
  now: Date,
  keep: readonly string[] = [],
): F[] {
  const listedBy = (id: string) => trends.filter((trend) => trend.data.figures.includes(id));
  return figures.filter((figure) => {
    if (keep.includes(figure.id)) return true;
    const users = listedBy(figure.id);
    return users.length === 0 || users.some((trend) => isPublished(trend.data, now));
  });
}

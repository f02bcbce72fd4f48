import summaries, { includesUnpublished } from 'virtual:series-manifest';
import type { SeriesSummary } from '../lib/series-summary.ts';

/**
 * The series as the on-demand routes and the site's frame (header, footer) see them: summaries
 * generated at build time, never `astro:content`, so the server bundle holds no articles.
 */

/** Whether this is `astro dev`, which shows drafts and scheduled trends (with a banner). */
export const showsUnpublished = (): boolean => includesUnpublished;

/** Every series, newest edition first. */
export const allSummaries = (): readonly SeriesSummary[] => summaries;

/** The series with this id, or undefined. */
export const findSummary = (id: string | undefined): SeriesSummary | undefined => summaries.find((s) => s.id === id);

/** The newest edition: the one featured in the navigation. */
export function currentSummary(): SeriesSummary {
  const [current] = summaries;
  if (!current) throw new Error('No series found: add content/series/<series>/series.yaml');
  return current;
}

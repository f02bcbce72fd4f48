import { defineMiddleware } from 'astro:middleware';
import { getAllSeries } from './data/series.ts';

/**
 * Resolves the series of a prerendered page once, from its `series` route param, into `Astro.locals`:
 * the MDX components read their figures and survey facts there, so figure ids are scoped to a series.
 * On-demand routes are left alone, so a request never loads the content collections.
 */
export const onRequest = defineMiddleware(async ({ params, isPrerendered, locals }, next) => {
  if (isPrerendered && params.series) {
    locals.series = (await getAllSeries()).find((series) => series.id === params.series);
  }
  return next();
});

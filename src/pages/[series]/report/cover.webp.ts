import type { APIRoute } from 'astro';
import { findSummary } from '../../../data/series-summary.ts';
import { findReportOrLog } from '../../../gate/report-file.ts';
import { pictureNotFound, reportPicture } from '../../../gate/report-picture.ts';
import { gateServices } from '../../../gate/route-services.ts';

/**
 * The current report's cover, at an address that does not change with its bytes: the home page is built
 * before the PDF and cannot know the cover's hashed name. 404 while no report (or no cover) is built, and the
 * home page's typographic cover then shows in its place. Kept for a few minutes only, so a new report shows soon.
 */
export const prerender = false;

export const GET: APIRoute = async (context) => {
  const series = context.params.series ?? '';
  if (!findSummary(series)) return pictureNotFound();
  const services = await gateServices(context.locals);
  const cover = findReportOrLog(services.config.reportDir, series)?.previews?.cover;
  if (!cover) return pictureNotFound();
  return reportPicture(services.config.reportDir, cover.file, 'public, max-age=300');
};

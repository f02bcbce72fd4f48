import type { APIRoute } from 'astro';
import { findSummary } from '../../../../data/series-summary.ts';
import { findReportOrLog } from '../../../../gate/report-file.ts';
import { pictureNotFound, reportPicture } from '../../../../gate/report-picture.ts';
import { gateServices } from '../../../../gate/route-services.ts';
import { PREVIEW_FILE, previewsOf } from '../../../../lib/report-manifest.ts';

/**
 * A picture of report pages (the cover, a spread) shown on the report page: drawn by the build with the
 * PDF and kept beside it in the report directory, so the page shows exactly the pictures of the report
 * it offers. Only the files the current manifest names are served; their names change with their bytes.
 */
export const prerender = false;

export const GET: APIRoute = async (context) => {
  const { series = '', file: name = '' } = context.params;
  // The route names the extension (a page's trailing slash does not apply to it): the param is the rest.
  const file = `${name}.webp`;
  if (!findSummary(series) || !PREVIEW_FILE.test(file) || !file.startsWith(`${series}-`)) return pictureNotFound();
  const services = await gateServices(context.locals);
  const report = findReportOrLog(services.config.reportDir, series);
  if (!previewsOf(report).some((picture) => picture.file === file)) return pictureNotFound();
  // The name holds a hash of the bytes: a new picture has a new name.
  return reportPicture(services.config.reportDir, file, 'public, max-age=31536000, immutable');
};

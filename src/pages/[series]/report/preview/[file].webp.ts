import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIRoute } from 'astro';
import { findSummary } from '../../../../data/series-summary.ts';
import { findReportOrLog } from '../../../../gate/report-file.ts';
import { gateServices } from '../../../../gate/route-services.ts';
import { PREVIEW_DIR, PREVIEW_FILE, previewsOf } from '../../../../lib/report-manifest.ts';

/**
 * A picture of report pages (the cover, a spread) shown on the report page: drawn by the build with the
 * PDF and kept beside it in the report directory, so the page shows exactly the pictures of the report
 * it offers. Only the files the current manifest names are served; their names change with their bytes.
 */
export const prerender = false;

const notFound = () =>
  new Response('Not found.', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });

export const GET: APIRoute = async (context) => {
  const { series = '', file: name = '' } = context.params;
  // The route names the extension (a page's trailing slash does not apply to it): the param is the rest.
  const file = `${name}.webp`;
  if (!findSummary(series) || !PREVIEW_FILE.test(file) || !file.startsWith(`${series}-`)) return notFound();
  const services = await gateServices(context.locals);
  const report = findReportOrLog(services.config.reportDir, series);
  if (!previewsOf(report).some((picture) => picture.file === file)) return notFound();
  const bytes = await readFile(join(services.config.reportDir, PREVIEW_DIR, file)).catch(() => undefined);
  if (!bytes) return notFound();
  return new Response(bytes, {
    headers: {
      'Content-Type': 'image/webp',
      'Content-Length': String(bytes.length),
      // The name holds a hash of the bytes: a new picture has a new name.
      'Cache-Control': 'public, max-age=31536000, immutable',
    },
  });
};

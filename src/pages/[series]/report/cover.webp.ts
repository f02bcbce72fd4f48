import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIRoute } from 'astro';
import { findSummary } from '../../../data/series-summary.ts';
import { findReportOrLog } from '../../../gate/report-file.ts';
import { gateServices } from '../../../gate/route-services.ts';
import { PREVIEW_DIR } from '../../../lib/report-manifest.ts';

/**
 * The current report's cover, at an address that does not change with its bytes: the home page is built
 * before the PDF and cannot know the cover's hashed name. 404 while no report (or no cover) is built, and the
 * home page's typographic cover then shows in its place. Kept for a few minutes only, so a new report shows soon.
 */
export const prerender = false;

const notFound = () =>
  new Response('Not found.', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });

export const GET: APIRoute = async (context) => {
  const series = context.params.series ?? '';
  if (!findSummary(series)) return notFound();
  const services = await gateServices(context.locals);
  const cover = findReportOrLog(services.config.reportDir, series)?.previews?.cover;
  if (!cover) return notFound();
  const bytes = await readFile(join(services.config.reportDir, PREVIEW_DIR, cover.file)).catch(() => undefined);
  if (!bytes) return notFound();
  return new Response(bytes, {
    headers: {
      'Content-Type': 'image/webp',
      'Content-Length': String(bytes.length),
      'Cache-Control': 'public, max-age=300',
    },
  });
};

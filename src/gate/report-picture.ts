import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PREVIEW_DIR } from '../lib/report-manifest.ts';

/** 404 for a picture of the report that is not there (no report built, or a name the manifest lacks). */
export const pictureNotFound = () =>
  new Response('Not found.', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });

/**
 * A picture of report pages (WebP, drawn by the build beside the PDF) read from the report directory, with
 * the caching its address allows: `immutable` for a hashed name, a few minutes for a fixed one.
 */
export async function reportPicture(reportDir: string, file: string, cacheControl: string): Promise<Response> {
  const bytes = await readFile(join(reportDir, PREVIEW_DIR, file)).catch(() => undefined);
  if (!bytes) return pictureNotFound();
  return new Response(bytes, {
    headers: { 'Content-Type': 'image/webp', 'Content-Length': String(bytes.length), 'Cache-Control': cacheControl },
  });
}

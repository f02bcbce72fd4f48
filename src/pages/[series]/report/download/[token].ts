import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { APIContext, APIRoute } from 'astro';
import { attachment, countsAsDownload, etagMatches, parseRange } from '../../../../lib/http-range.ts';
import { findReportOrLog } from '../../../../server/report-file.ts';
import { formatByteRange } from '../../../../server/store/index.ts';
import { downloadCost, getServices } from '../../../../server/services.ts';
import { findSummary } from '../../../../data/series-summary.ts';

/**
 * Streams the report PDF for a valid signed link, with HEAD, single byte ranges and If-None-Match. A
 * tampered, unknown or expired link gets the link-problem page (403 or 410), never the PDF; a lead past
 * its downloads for the window gets 429.
 */
export const prerender = false;

const NOT_FOUND_HEADERS = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };

async function serve(context: APIContext, head: boolean): Promise<Response> {
  const { series = '', token = '' } = context.params;
  // Not a series of the site (a backslash would even turn into a path separator in the rewrite below).
  if (!findSummary(series)) return new Response('Not found.', { status: 404, headers: NOT_FOUND_HEADERS });
  const services = await getServices();
  const verdict = services.verify(token, 'download');
  const lead =
    verdict.ok && verdict.claims.series === series ? await services.store.findLead(verdict.claims.lead) : undefined;
  if (!lead || lead.series !== series) {
    context.locals.linkProblem = !verdict.ok && verdict.reason === 'expired' ? 'expired' : 'invalid';
    return context.rewrite(`/${series}/report/link-problem/`);
  }
  // The file is opened before any header is sent: a report missing or being rebuilt gives a 503, never a
  // 200 that breaks off. The open handle keeps serving these bytes even if the file is replaced meanwhile.
  const report = findReportOrLog(services.config.reportDir, series);
  const file = report && (await open(report.path, 'r').catch(() => undefined));
  if (!report || !file || (await file.stat()).size !== report.bytes) {
    await file?.close();
    return new Response('The report is not available right now. Please try again in a few minutes.', {
      status: 503,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '300', 'Cache-Control': 'no-store' },
    });
  }

  if (etagMatches(context.request.headers.get('if-none-match'), report.etag)) {
    await file.close();
    return new Response(null, { status: 304, headers: { ETag: report.etag, 'Cache-Control': 'private, no-store' } });
  }

  const ifRange = context.request.headers.get('if-range');
  const rangeHeader = ifRange && ifRange !== report.etag ? null : context.request.headers.get('range');
  const range = parseRange(rangeHeader, report.bytes);
  if (range.kind === 'unsatisfiable') {
    await file.close();
    return new Response(null, {
      status: 416,
      headers: { 'Content-Range': `bytes */${report.bytes}`, 'Cache-Control': 'private, no-store' },
    });
  }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, report.bytes - 1];
  const headers = new Headers({
    'Content-Type': 'application/pdf',
    'Content-Disposition': attachment(report.fileName),
    'Content-Length': String(end - start + 1),
    'Cache-Control': 'private, no-store',
    'Accept-Ranges': 'bytes',
    ETag: report.etag,
    'X-Content-Type-Options': 'nosniff',
  });
  if (range.kind === 'partial') headers.set('Content-Range', `bytes ${start}-${end}/${report.bytes}`);
  const status = range.kind === 'partial' ? 206 : 200;
  if (head) {
    await file.close();
    return new Response(null, { status, headers });
  }

  const allowance = await services.downloadLimiter.consume(lead.publicId, downloadCost(end - start + 1, report.bytes));
  if (!allowance.allowed) {
    await file.close();
    const minutes = Math.ceil(allowance.retryAfterMs / 60_000);
    return new Response(
      `This link was used for many downloads in a short time. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      {
        status: 429,
        headers: {
          'Content-Type': 'text/plain; charset=utf-8',
          'Retry-After': String(Math.ceil(allowance.retryAfterMs / 1000)),
          'Cache-Control': 'no-store',
        },
      },
    );
  }
  if (countsAsDownload(start, end, report.bytes)) {
    await services.store
      .recordDownload({
        leadId: lead.id,
        series,
        userAgent: context.request.headers.get('user-agent')?.slice(0, 500) ?? null,
        ipHash: services.hashIp(services.clientAddress(context)),
        range: range.kind === 'partial' ? formatByteRange(start, end) : null,
        at: new Date(),
      })
      .catch(async (error: unknown) => {
        await file.close();
        throw error;
      });
  }
  const body = Readable.toWeb(file.createReadStream({ start, end })) as ReadableStream<Uint8Array>;
  return new Response(body, { status, headers });
}

export const GET: APIRoute = (context) => serve(context, false);
export const HEAD: APIRoute = (context) => serve(context, true);

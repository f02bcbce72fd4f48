import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { APIContext, APIRoute } from 'astro';
import { attachment, parseRange } from '../../../../lib/http-range.ts';
import { findReport } from '../../../../server/report-file.ts';
import { getServices } from '../../../../server/services.ts';

/**
 * Streams the report PDF for a valid signed link, with HEAD and single byte ranges. A tampered,
 * unknown or expired link gets the link-problem page (403 or 410), never the PDF.
 */
export const prerender = false;

async function serve(context: APIContext, head: boolean): Promise<Response> {
  const { series = '', token = '' } = context.params;
  const services = await getServices();
  const verdict = services.verify(token, 'download');
  const lead =
    verdict.ok && verdict.claims.series === series ? await services.store.getLead(verdict.claims.leadId) : undefined;
  if (!lead || lead.series !== series) {
    context.locals.linkProblem = !verdict.ok && verdict.reason === 'expired' ? 'expired' : 'invalid';
    return context.rewrite(`/${series}/report/link-problem/`);
  }
  const report = findReport(services.config.reportDir, series);
  if (!report) {
    return new Response('The report is not available right now. Please try again later.', {
      status: 503,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '300', 'Cache-Control': 'no-store' },
    });
  }

  const headers = new Headers({
    'Content-Type': 'application/pdf',
    'Content-Disposition': attachment(report.fileName),
    'Cache-Control': 'private, no-store',
    'Accept-Ranges': 'bytes',
    ETag: report.etag,
    'X-Content-Type-Options': 'nosniff',
  });
  const ifRange = context.request.headers.get('if-range');
  const rangeHeader = ifRange && ifRange !== report.etag ? null : context.request.headers.get('range');
  const range = parseRange(rangeHeader, report.bytes);
  if (range.kind === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${report.bytes}`);
    return new Response(null, { status: 416, headers });
  }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, report.bytes - 1];
  headers.set('Content-Length', String(end - start + 1));
  if (range.kind === 'partial') headers.set('Content-Range', `bytes ${start}-${end}/${report.bytes}`);
  const status = range.kind === 'partial' ? 206 : 200;
  if (head) return new Response(null, { status, headers });

  if (start === 0) {
    let address: string | undefined;
    try {
      address = context.clientAddress;
    } catch {
      address = undefined;
    }
    await services.store.recordDownload({
      leadId: lead.id,
      series,
      userAgent: context.request.headers.get('user-agent')?.slice(0, 500) ?? null,
      ipHash: services.hashIp(address),
      range: range.kind === 'partial' ? rangeHeader : null,
      at: new Date(),
    });
  }
  const body = Readable.toWeb(createReadStream(report.path, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(body, { status, headers });
}

export const GET: APIRoute = (context) => serve(context, false);
export const HEAD: APIRoute = (context) => serve(context, true);

import { Readable } from 'node:stream';
import type { APIContext, APIRoute } from 'astro';
import { findSummary } from '../../../../data/series-summary.ts';
import { planDownload } from '../../../../gate/report-download.ts';
import { gateServices } from '../../../../gate/route-services.ts';

/**
 * The report PDF for a valid signed link (src/gate/report-download.ts decides). Under `npm start` the
 * gate's HTTP layer streams a verified download itself (src/gate/http/download.ts) and hands only the
 * rest here: a link that is not valid gets the link-problem page (403 or 410), never the PDF. Under
 * `astro dev` this route answers every download.
 */
export const prerender = false;

async function serve(context: APIContext, head: boolean): Promise<Response> {
  const { series = '', token = '' } = context.params;
  // Not a series of the site (a backslash would even turn into a path separator in the rewrite below).
  if (!findSummary(series)) {
    return new Response('Not found.', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  const services = await gateServices(context.locals);
  const plan = await planDownload(services, {
    series,
    token,
    head,
    header: (name) => context.request.headers.get(name),
    clientAddress: services.clientAddress(context),
  });
  if (plan.kind === 'link-problem') {
    context.locals.linkProblem = plan.problem;
    return context.rewrite(`/${series}/report/link-problem/`);
  }
  if (plan.kind === 'answer') return new Response(plan.body ?? null, { status: plan.status, headers: plan.headers });
  const stream = plan.file.createReadStream({ start: plan.start, end: plan.end });
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    status: plan.status,
    headers: plan.headers,
  });
}

export const GET: APIRoute = (context) => serve(context, false);
export const HEAD: APIRoute = (context) => serve(context, true);

import { open, type FileHandle } from 'node:fs/promises';
import { attachment, countsAsDownload, etagMatches, parseRange } from '../lib/http-range.ts';
import { findReportOrLog } from './report-file.ts';
import { downloadCost, type Services } from './services.ts';
import { storeUnavailable } from './store/errors.ts';
import { reportPage } from './analytics/counter.ts';
import { formatByteRange } from './store/index.ts';

/**
 * A download of the report PDF by its signed link, decided once for both ways it is answered: the gate's
 * own HTTP layer under `npm start` (src/gate/http/download.ts, a file stream) and the Astro route under
 * `astro dev` (src/pages/[series]/report/download/[token].ts). HEAD, single byte ranges, If-None-Match and
 * If-Range; a lead past its downloads for the window gets 429.
 */
export type DownloadPlan =
  /** Not a link of a lead of this series (tampered, unknown or expired): the link-problem page. */
  | { kind: 'link-problem'; problem: 'expired' | 'invalid' }
  /** An answer without the file: 503, 304, 416, 429, or the headers of a HEAD. */
  | { kind: 'answer'; status: number; headers: Record<string, string>; body?: string }
  /** The bytes `start` to `end` of the open `file`: the caller streams them, then closes it. */
  | { kind: 'file'; status: 200 | 206; headers: Record<string, string>; file: FileHandle; start: number; end: number };

export interface DownloadRequest {
  series: string;
  token: string;
  head: boolean;
  /** A request header, lower-case name. */
  header(name: string): string | null | undefined;
  /** The client's address, as the gate resolves it (trusted proxies only). */
  clientAddress: string | undefined;
}

const NO_STORE = { 'Cache-Control': 'no-store' };
const PRIVATE = { 'Cache-Control': 'private, no-store' };

export async function planDownload(services: Services, request: DownloadRequest): Promise<DownloadPlan> {
  const { series, token } = request;
  const verdict = services.verify(token, 'download');
  const problem = (): DownloadPlan => ({
    kind: 'link-problem',
    problem: !verdict.ok && verdict.reason === 'expired' ? 'expired' : 'invalid',
  });
  if (!verdict.ok || verdict.claims.series !== series) return problem();
  // The file is opened before any header is sent (and while the lead is looked up): a report missing or
  // being rebuilt gives a 503, never a 200 that breaks off. The open handle keeps serving these bytes even
  // if the file is replaced meanwhile.
  const report = findReportOrLog(services.config.reportDir, series);
  const opening = report ? open(report.path, 'r').catch(() => undefined) : Promise.resolve(undefined);
  const lead = await services.store.findLead(verdict.claims.lead).catch(async (error: unknown) => {
    await (await opening)?.close();
    throw error;
  });
  const file = await opening;
  if (!lead || lead.series !== series) {
    await file?.close();
    return problem();
  }
  if (!report || !file || (await file.stat()).size !== report.bytes) {
    await file?.close();
    return {
      kind: 'answer',
      status: 503,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '300', ...NO_STORE },
      body: 'The report is not available right now. Please try again in a few minutes.',
    };
  }
  const answer = async (status: number, headers: Record<string, string>, body?: string): Promise<DownloadPlan> => {
    await file.close();
    return { kind: 'answer', status, headers, body };
  };
  if (etagMatches(request.header('if-none-match'), report.etag)) {
    return answer(304, { ETag: report.etag, ...PRIVATE });
  }
  const ifRange = request.header('if-range');
  const range = parseRange(ifRange && ifRange !== report.etag ? null : request.header('range'), report.bytes);
  if (range.kind === 'unsatisfiable') return answer(416, { 'Content-Range': `bytes */${report.bytes}`, ...PRIVATE });

  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, report.bytes - 1];
  const headers: Record<string, string> = {
    'Content-Type': 'application/pdf',
    'Content-Disposition': attachment(report.fileName),
    'Content-Length': String(end - start + 1),
    ...PRIVATE,
    'Accept-Ranges': 'bytes',
    ETag: report.etag,
    'X-Content-Type-Options': 'nosniff',
  };
  if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${report.bytes}`;
  const status = range.kind === 'partial' ? 206 : 200;
  if (request.head) return answer(status, headers);

  // A store that cannot take writes (a full disk) can neither count this download nor record it. The reader
  // holds a valid link to a report already granted: refusing it for the sake of a counter or an audit row
  // would be worse than serving it. It is served, and what could not be written is logged loudly instead.
  const unrecorded = (what: string, error: unknown) => {
    console.error(
      `download served but not recorded (${what}): lead ${lead.publicId}, series ${series}, bytes ${start}-${end}, at ${new Date().toISOString()}: the lead store cannot take writes: ${(error as Error).message}`,
    );
  };
  const allowance = await services.downloadLimiter
    .consume(lead.publicId, downloadCost(end - start + 1, report.bytes))
    .catch(async (error: unknown) => {
      if (storeUnavailable(error)) {
        unrecorded('the download limit could not be counted', error);
        return { allowed: true } as const;
      }
      await file.close();
      throw error;
    });
  if (!allowance.allowed) {
    const minutes = Math.ceil(allowance.retryAfterMs / 60_000);
    return answer(
      429,
      {
        'Content-Type': 'text/plain; charset=utf-8',
        'Retry-After': String(Math.ceil(allowance.retryAfterMs / 1000)),
        ...NO_STORE,
      },
      `This link was used for many downloads in a short time. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    );
  }
  // A whole download, or a range that starts it or covers most of it (`bytes=1-` is one); every range is
  // charged to the limiter above by its bytes.
  if (countsAsDownload(start, end, report.bytes)) {
    try {
      await services.store.recordDownload({
        leadId: lead.id,
        series,
        userAgent: request.header('user-agent')?.slice(0, 500) ?? null,
        ipHash: services.hashIp(request.clientAddress),
        range: range.kind === 'partial' ? formatByteRange(start, end) : null,
        at: new Date(),
      });
    } catch (error) {
      if (storeUnavailable(error)) unrecorded('the download row could not be written', error);
      else {
        await file.close();
        throw error;
      }
    }
    // The funnel counts it too, in this request (nothing with Sec-GPC or DNT; counting never fails it), with
    // the experiment variant of the lead's latest form (none when the store cannot say).
    const submissions = await services.store.listSubmissions(lead.id).catch(() => []);
    await services.analytics.count(
      { page: reportPage(series), event: 'download', variant: submissions.at(-1)?.variant ?? '' },
      {
        address: request.clientAddress,
        userAgent: request.header('user-agent') ?? undefined,
        header: (name) => request.header(name) ?? undefined,
      },
    );
  }
  return { kind: 'file', status, headers, file, start, end };
}

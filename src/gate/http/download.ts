import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { resolveClientAddress } from '../client-address.ts';
import { planDownload } from '../report-download.ts';
import type { Services } from '../services.ts';

const DOWNLOAD_PATH = /^\/([a-z0-9-]+)\/report\/download\/([A-Za-z0-9_.-]{1,400})\/$/;

/**
 * Verified report downloads, answered by the gate itself: the PDF streamed from its open file handle
 * (Range, ETag, HEAD, as src/gate/report-download.ts decides) without going through Astro's web-stream
 * response. A link that is not valid, or a series this server does not publish, is left to Astro
 * (`next`), whose route shows the link-problem page. Returns false for a request it does not take.
 */
export function downloadRoute(services: Services, published: readonly string[]) {
  const series = new Set(published);
  return (req: IncomingMessage, res: ServerResponse, pathname: string, next: () => void): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const match = DOWNLOAD_PATH.exec(pathname);
    if (!match || !series.has(match[1]!)) return false;
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    const forwarded = header('x-forwarded-for');
    void planDownload(services, {
      series: match[1]!,
      token: match[2]!,
      head: req.method === 'HEAD',
      header,
      clientAddress: resolveClientAddress(req.socket.remoteAddress, forwarded, services.config.TRUSTED_PROXIES),
    })
      .then(async (plan) => {
        if (plan.kind === 'link-problem') return next();
        res.setHeader('Cache-Control', 'no-store');
        if (plan.kind === 'answer') {
          res.writeHead(plan.status, plan.headers).end(plan.body);
          return;
        }
        res.writeHead(plan.status, plan.headers);
        // A client that goes away mid-file ends the stream (and closes the handle) without an error.
        await pipeline(plan.file.createReadStream({ start: plan.start, end: plan.end }), res).catch(() => {
          res.destroy();
        });
      })
      .catch((error: unknown) => {
        console.error('download failed:', error);
        if (!res.headersSent) {
          res
            .writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
            .end('Something went wrong on our side. Please try again in a minute.');
        } else res.destroy();
      });
    return true;
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config.ts';
import type { LinkIssuer } from '../link-issuer.ts';
import { changeByLink, UNSUBSCRIBE_PATH } from '../marketing.ts';
import { STORE_BUSY_TEXT, STORE_RETRY_AFTER, storeUnavailable } from '../store/errors.ts';
import type { LeadStore } from '../store/index.ts';

/** A one-click body is `List-Unsubscribe=One-Click`; anything much longer is not one. */
const BODY_LIMIT = 4096;
/** Past the limit, a body is still read and dropped up to this much, so that the client reads the 413. */
const DISCARD_LIMIT = 64 * 1024;

/**
 * Reads and drops the request body: 'ok' when it ended within the limit, 'too-large' when it was longer
 * and was read to its end, 'cut' when it went on past DISCARD_LIMIT (then the connection is to be closed).
 */
function drain(req: IncomingMessage): Promise<'ok' | 'too-large' | 'cut'> {
  return new Promise((resolve) => {
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DISCARD_LIMIT) {
        req.removeAllListeners('data');
        req.pause();
        resolve('cut');
      }
    });
    req.on('end', () => resolve(size > BODY_LIMIT ? 'too-large' : 'ok'));
    req.on('error', () => resolve('cut'));
  });
}

/**
 * Unsubscribe by POST, before Astro: the one-click POST a mail client sends for the List-Unsubscribe
 * header (RFC 8058; cross-site, no cookies, no Origin Astro's check would accept) and the button of the
 * unsubscribe page. Recorded in the consent history. A browser is sent back to the page (303), which
 * says the reader is unsubscribed; a mail client gets 200. Returns false for a request it does not take.
 */
export function unsubscribeRoute(services: { store: LeadStore; links: LinkIssuer; config: Config }) {
  return (req: IncomingMessage, res: ServerResponse, pathname: string): boolean => {
    const match = req.method === 'POST' ? UNSUBSCRIBE_PATH.exec(pathname) : null;
    if (!match) return false;
    const text = (status: number, body: string) =>
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(body);
    void (async () => {
      const body = await drain(req);
      // A body read to its end leaves the connection usable; one cut off is closed once the 413 is sent.
      if (body === 'cut') res.setHeader('Connection', 'close');
      if (body !== 'ok') return text(413, 'Too large.');
      const result = await changeByLink(services, 'unsubscribed', match[1]!, match[2]!);
      if (!result.ok) return text(result.reason === 'expired' ? 410 : 400, 'This unsubscribe link is not valid.');
      if ((req.headers.accept ?? '').includes('text/html')) {
        res.writeHead(303, { Location: pathname, 'Cache-Control': 'no-store' }).end();
      } else text(200, 'Unsubscribed.');
    })().catch((error: unknown) => {
      if (storeUnavailable(error)) {
        // A full disk, the database gone: nothing changed; the mail client or the reader may try again.
        console.error('unsubscribe: the lead store cannot take writes:', (error as Error).message);
        if (!res.headersSent) {
          res.setHeader('Retry-After', STORE_RETRY_AFTER);
          text(503, STORE_BUSY_TEXT);
        }
        return;
      }
      console.error('unsubscribe failed:', error);
      if (!res.headersSent) text(500, 'Something went wrong on our side. Please try again in a minute.');
    });
    return true;
  };
}

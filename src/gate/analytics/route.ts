import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveClientAddress, type TrustedProxies } from '../client-address.ts';
import type { Analytics } from './counter.ts';
import { BEACON_LIMIT, readBeacon } from './events.ts';

/** Where the beacon script posts its events: on the gate's own origin, so the CSP needs no other host. */
export const BEACON_PATH = '/_event';

export interface BeaconOptions {
  /** The public host (SITE_URL's), when set: a referrer on it is no source, and an Origin must name it. */
  siteHost: string | undefined;
  trustedProxies: TrustedProxies;
  /** Whether the site has this page: an event for any other path is not counted. */
  knownPage(path: string): boolean;
  /** The variants of the experiment on this page (a series' report page), if any: a beacon's variant must be one. */
  variants(path: string): readonly string[];
}

const header = (req: IncomingMessage) => (name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

function answer(res: ServerResponse, status: number, text?: string, extra: Record<string, string> = {}): void {
  res.setHeader('Cache-Control', 'no-store');
  if (text === undefined) res.writeHead(status, extra).end();
  else res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...extra }).end(text);
}

/**
 * POST /_event: one browser event (`view`, `cta_seen`, `form_start`) as JSON, from the beacon script
 * (src/scripts/analytics.ts, `navigator.sendBeacon`). Answers 204 whether it was counted or not (Sec-GPC,
 * DNT, a page the site does not have); 400 for a body that is no event, 403 for a post from another
 * site, 405 for another method, 413 for a body over 2 KB. Returns false for any other path.
 */
export function beaconRoute(analytics: Analytics, options: BeaconOptions) {
  return (req: IncomingMessage, res: ServerResponse, pathname: string): boolean => {
    if (pathname !== BEACON_PATH) return false;
    if (req.method !== 'POST') {
      answer(res, 405, 'POST only.', { Allow: 'POST' });
      return true;
    }
    const get = header(req);
    const host = options.siteHost ?? get('host') ?? '';
    const origin = get('origin');
    if (origin !== undefined && (!URL.canParse(origin) || new URL(origin).host !== host)) {
      answer(res, 403, 'Events are taken from this site only.');
      req.resume();
      return true;
    }
    if (Number(get('content-length') ?? 0) > BEACON_LIMIT) {
      answer(res, 413, 'Too large.', { Connection: 'close' });
      req.resume();
      return true;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BEACON_LIMIT) chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (size > BEACON_LIMIT) return answer(res, 413, 'Too large.', { Connection: 'close' });
      const event = readBeacon(Buffer.concat(chunks).toString('utf8'), host.replace(/:\d+$/, ''));
      if (!event) return answer(res, 400, 'Not an event.');
      if (!options.knownPage(event.page)) return answer(res, 204);
      const { page, event: name, variant: named, ...source } = event;
      const variant = options.variants(page).includes(named) ? named : '';
      void analytics
        .count(
          { page, event: name, variant, source },
          {
            address: resolveClientAddress(req.socket.remoteAddress, get('x-forwarded-for'), options.trustedProxies),
            userAgent: get('user-agent'),
            header: get,
          },
        )
        .finally(() => answer(res, 204));
    });
    return true;
  };
}

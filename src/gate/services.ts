import { createHmac } from 'node:crypto';
import { rateLimitKey, resolveClientAddress } from './client-address.ts';
import type { Config } from './config.ts';
import { createLinkIssuer, type LinkIssuer } from './link-issuer.ts';
import { mailboxDomain, normaliseMailbox } from '../lib/mailbox.ts';
import type { RateLimiter } from './rate-limit.ts';
import { linkSecret } from './secrets.ts';
import type { LeadStore } from './store/index.ts';
import { createAnalytics, type Analytics } from './analytics/counter.ts';

/** Everything the gate's routes share, made once per process. */
export interface Services extends LinkIssuer {
  config: Config;
  store: LeadStore;
  /** Form submissions per client (see `limitKey`). */
  limiter: RateLimiter;
  /** Downloads per lead. */
  downloadLimiter: RateLimiter;
  /** Forms that send email, per recipient (see `recipientKey`). */
  mailLimiter: RateLimiter;
  /** Forms that send email, per recipient domain (see `recipientDomainKey`). */
  mailDomainLimiter: RateLimiter;
  /** The funnel's counter (src/gate/analytics): events held for a second, then written to the store. */
  analytics: Analytics;
  /** The client address of a request, believing forwarded headers from TRUSTED_PROXIES only. */
  clientAddress(context: ClientContext): string | undefined;
  /** Salted hash of a client address, or null when there is none. */
  hashIp(address: string | undefined): string | null;
  /** What a client is counted under by the limiter: hashed, an IPv6 client by its /64 network. */
  limitKey(address: string | undefined): string;
  /**
   * What an email address is counted under by the mail limiter: its mailbox (`normaliseMailbox`: no +tag,
   * no Gmail dots), hashed, never the address itself.
   */
  recipientKey(email: string): string;
  /** What an email address is counted under by the per-domain mail limiter: its domain, hashed. */
  recipientDomainKey(email: string): string;
}

/** What the client address is read from: an Astro API context. */
export interface ClientContext {
  readonly clientAddress: string;
  readonly request: Request;
}

/**
 * The gate's services over an open lead store: the limiters, the link issuer and the address hashing.
 * Made once per process by the composition root (src/gate/gate.ts, which `npm start` calls) and handed
 * to every on-demand route through Astro's `locals` (see `gateServices`).
 */
export function createServices(config: Config, store: LeadStore): Services {
  const secret = linkSecret(config);
  // The address hash key lives outside the database, so a copy of the database alone cannot be
  // turned back into addresses by trying all of them.
  const addressKey = createHmac('sha256', secret).update('client-address-hash-v1').digest();
  const ttlMs = config.REPORT_LINK_TTL_DAYS * 24 * 60 * 60 * 1000;
  const hashIp = (address: string | undefined) =>
    address ? createHmac('sha256', addressKey).update(address).digest('hex').slice(0, 32) : null;
  const minutes = (n: number) => n * 60_000;
  return {
    config,
    store,
    // In the store, so that with PostgreSQL every server counts the same submissions and downloads.
    limiter: store.limiter('form', {
      limit: config.RATE_LIMIT_MAX,
      windowMs: minutes(config.RATE_LIMIT_WINDOW_MINUTES),
    }),
    // Counted in bytes served, DOWNLOAD_UNITS to a whole report (downloadCost), so that many tiny ranges
    // cannot use up a reader's downloads.
    downloadLimiter: store.limiter('download', {
      limit: config.DOWNLOAD_LIMIT_MAX * DOWNLOAD_UNITS,
      windowMs: minutes(config.DOWNLOAD_LIMIT_WINDOW_MINUTES),
    }),
    mailLimiter: store.limiter('mail', {
      limit: config.MAIL_LIMIT_MAX,
      windowMs: minutes(config.MAIL_LIMIT_WINDOW_MINUTES),
    }),
    mailDomainLimiter: store.limiter('mail-domain', {
      limit: config.MAIL_DOMAIN_LIMIT_MAX,
      windowMs: minutes(config.MAIL_LIMIT_WINDOW_MINUTES),
    }),
    analytics: createAnalytics(store.analytics, {
      site: config.SITE_URL ? new URL(config.SITE_URL).host : `${config.HOST}:${config.PORT}`,
      retentionDays: config.ANALYTICS_RETENTION_DAYS,
    }),
    clientAddress(context) {
      // Astro gives the socket address, or the X-Forwarded-For that `trustForwardedHeaders` left (the client
      // of a trusted proxy); resolving again also covers a proxy whose host Astro did not recognise.
      let socket: string | undefined;
      try {
        socket = context.clientAddress;
      } catch {
        return undefined;
      }
      return resolveClientAddress(socket, context.request.headers.get('x-forwarded-for'), config.TRUSTED_PROXIES);
    },
    hashIp,
    limitKey: (address) => (address ? hashIp(rateLimitKey(address))! : 'unknown'),
    recipientKey: (email) =>
      createHmac('sha256', addressKey)
        .update(`recipient:${normaliseMailbox(email)}`)
        .digest('hex')
        .slice(0, 32),
    recipientDomainKey: (email) =>
      createHmac('sha256', addressKey)
        .update(`domain:${mailboxDomain(email)}`)
        .digest('hex')
        .slice(0, 32),
    ...createLinkIssuer(store, secret, ttlMs),
  } satisfies Services;
}

export { downloadHref } from './link-issuer.ts';
export const accessCookie = (series: string) => `mt_report_${series.replace(/-/g, '_')}`;

/** What one whole report counts against DOWNLOAD_LIMIT_MAX, in points of the download limiter. */
export const DOWNLOAD_UNITS = 1000;

/**
 * The points a response of `bytes` of a report of `total` bytes costs: its share of a whole report, and
 * at least a hundredth of one, so that tiny ranges cannot make a link write rows (or take work) without end.
 */
export function downloadCost(bytes: number, total: number): number {
  return Math.max(DOWNLOAD_UNITS / 100, Math.ceil((bytes * DOWNLOAD_UNITS) / Math.max(1, total)));
}

/** What an access cookie is set on: an Astro page or Action context. */
interface CookieContext {
  cookies: { set(name: string, value: string, options: Record<string, unknown>): void };
  url: URL;
}

/**
 * Remembers this browser for a lead's report: an HttpOnly cookie holding a signed access token, issued
 * at `now`. The report page gives it the link issued by then again (see `accessIssuedAt`).
 */
export function giveAccess(
  context: CookieContext,
  services: Services,
  lead: { publicId: string },
  series: string,
  now: Date,
): void {
  const access = services.issue('access', lead.publicId, series, now);
  context.cookies.set(accessCookie(series), access.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: services.config.production || context.url.protocol === 'https:',
    path: `/${series}/report/`,
    expires: access.expiresAt,
  });
}

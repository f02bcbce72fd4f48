import { createHmac } from 'node:crypto';
import { rateLimitKey, resolveClientAddress } from './client-address.ts';
import { loadConfig, type Config } from './config.ts';
import { signToken, verifyToken, type TokenClaims, type TokenPurpose } from './links.ts';
import type { RateLimiter } from './rate-limit.ts';
import { linkSecret } from './secrets.ts';
import { openStore, type Lead, type LeadStore } from './store/index.ts';

/** Everything the gate's routes share, made once per process. */
export interface Services {
  config: Config;
  store: LeadStore;
  /** Form submissions per client (see `limitKey`). */
  limiter: RateLimiter;
  /** Downloads per lead. */
  downloadLimiter: RateLimiter;
  /** The client address of a request, believing forwarded headers from TRUSTED_PROXIES only. */
  clientAddress(context: ClientContext): string | undefined;
  /** Salted hash of a client address, or null when there is none. */
  hashIp(address: string | undefined): string | null;
  /** What a client is counted under by the limiter: hashed, an IPv6 client by its /64 network. */
  limitKey(address: string | undefined): string;
  /** A signed token for a lead (by public id), valid for the configured number of days from `now`. */
  issue(purpose: TokenPurpose, lead: string, series: string, now?: Date): { token: string; expiresAt: Date };
  /**
   * A download link for a lead: the one issued before while it is valid for half its lifetime more,
   * else a new one, recorded in the store. Its URL and expiry.
   */
  downloadLink(lead: Lead, now?: Date): Promise<{ url: string; expiresAt: Date }>;
  verify(token: string, purpose: TokenPurpose, now?: Date): ReturnType<typeof verifyToken>;
}

/** What the client address is read from: an Astro API context. */
export interface ClientContext {
  readonly clientAddress: string;
  readonly request: Request;
}

let services: Promise<Services> | undefined;

export function getServices(): Promise<Services> {
  // A failed start (say, the database is locked) is not cached: the next request tries again.
  services ??= Promise.resolve()
    .then(create)
    .catch((error: unknown) => {
      services = undefined;
      throw error;
    });
  return services;
}

async function create(): Promise<Services> {
  const config = loadConfig();
  const secret = linkSecret(config);
  const store = await openStore(config);
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
    downloadLimiter: store.limiter('download', {
      limit: config.DOWNLOAD_LIMIT_MAX,
      windowMs: minutes(config.DOWNLOAD_LIMIT_WINDOW_MINUTES),
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
    issue(purpose, lead, series, now = new Date()) {
      const expiresAt = new Date(now.getTime() + ttlMs);
      const claims: TokenClaims = { purpose, lead, series, expiresAt: Math.floor(expiresAt.getTime() / 1000) };
      return { token: signToken(claims, secret), expiresAt: new Date(claims.expiresAt * 1000) };
    },
    async downloadLink(lead, now = new Date()) {
      let link = await store.currentLink(lead.id, new Date(now.getTime() + ttlMs / 2));
      if (!link) {
        link = { issuedAt: now, expiresAt: new Date(Math.floor((now.getTime() + ttlMs) / 1000) * 1000) };
        await store.recordLink(lead.id, link.issuedAt, link.expiresAt);
      }
      // The nonce comes from when the link was issued, so the same link is signed into the same URL.
      const claims: TokenClaims = {
        purpose: 'download',
        lead: lead.publicId,
        series: lead.series,
        expiresAt: Math.floor(link.expiresAt.getTime() / 1000),
      };
      const token = signToken(claims, secret, link.issuedAt.getTime().toString(36));
      return { url: downloadHref(lead.series, token), expiresAt: link.expiresAt };
    },
    verify: (token, purpose, now = new Date()) => verifyToken(token, secret, purpose, now.getTime()),
  } satisfies Services;
}

export const downloadHref = (series: string, token: string) => `/${series}/report/download/${token}/`;
export const accessCookie = (series: string) => `mt_report_${series.replace(/-/g, '_')}`;

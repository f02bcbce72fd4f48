import { createHmac } from 'node:crypto';
import { loadConfig, type Config } from './config.ts';
import { signToken, verifyToken, type TokenClaims, type TokenPurpose } from './links.ts';
import { createRateLimiter, type RateLimiter } from './rate-limit.ts';
import { linkSecret } from './secrets.ts';
import { openStore, type Lead, type LeadStore } from './store/index.ts';

/** Everything the gate's routes share, made once per process. */
export interface Services {
  config: Config;
  store: LeadStore;
  limiter: RateLimiter;
  /** Salted hash of a client address, or null when there is none. */
  hashIp(address: string | undefined): string | null;
  /** A signed token for a lead (by public id), valid for the configured number of days from `now`. */
  issue(purpose: TokenPurpose, lead: string, series: string, now?: Date): { token: string; expiresAt: Date };
  /** A new download link for a lead, recorded in the store: its URL and expiry. */
  downloadLink(lead: Lead, now?: Date): Promise<{ url: string; expiresAt: Date }>;
  verify(token: string, purpose: TokenPurpose, now?: Date): ReturnType<typeof verifyToken>;
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
  return {
    config,
    store,
    limiter: createRateLimiter({ limit: config.RATE_LIMIT_MAX, windowMs: config.RATE_LIMIT_WINDOW_MINUTES * 60_000 }),
    hashIp: (address) => (address ? createHmac('sha256', addressKey).update(address).digest('hex').slice(0, 32) : null),
    issue(purpose, lead, series, now = new Date()) {
      const expiresAt = new Date(now.getTime() + ttlMs);
      const claims: TokenClaims = { purpose, lead, series, expiresAt: Math.floor(expiresAt.getTime() / 1000) };
      return { token: signToken(claims, secret), expiresAt: new Date(claims.expiresAt * 1000) };
    },
    async downloadLink(lead, now = new Date()) {
      const { token, expiresAt } = this.issue('download', lead.publicId, lead.series, now);
      await store.recordLink(lead.id, now, expiresAt);
      return { url: downloadHref(lead.series, token), expiresAt };
    },
    verify: (token, purpose, now = new Date()) => verifyToken(token, secret, purpose, now.getTime()),
  } satisfies Services;
}

export const downloadHref = (series: string, token: string) => `/${series}/report/download/${token}/`;
export const accessCookie = (series: string) => `mt_report_${series.replace(/-/g, '_')}`;

/** The client address of a request, or undefined where there is none (Astro throws then). */
export function clientAddressOf(context: { readonly clientAddress: string }): string | undefined {
  try {
    return context.clientAddress;
  } catch {
    return undefined;
  }
}

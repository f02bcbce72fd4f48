import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring tokens: download links, the "download again" cookie, and the emailed marketing
 * confirmation and unsubscribe links, and the no-JavaScript form's answer page. A token is
 * base64url(purpose.lead.series.expiry.nonce) "." base64url(HMAC-SHA256(secret, that payload));
 * the random nonce makes every issued link new, and a nonce derived from when a link was issued signs
 * that link again.
 */

const PURPOSES = ['download', 'access', 'confirm', 'unsubscribe', 'answer'] as const;
export type TokenPurpose = (typeof PURPOSES)[number];
const isPurpose = (kind: string | undefined): kind is TokenPurpose => PURPOSES.some((p) => p === kind);

export interface TokenClaims {
  purpose: TokenPurpose;
  /** The lead's public id (random hex), never its row number. */
  lead: string;
  series: string;
  /** Unix time in seconds. */
  expiresAt: number;
}

export type VerifyResult =
  /** `nonce` as signed: random, or derived from when the token was issued (see `accessIssuedAt`). */
  | { ok: true; claims: TokenClaims; nonce: string }
  | { ok: false; reason: 'malformed' | 'signature' | 'purpose' | 'expired'; claims?: TokenClaims };

/** A lead's public id: 24 lower-case hex digits. */
export const LEAD_ID = /^[0-9a-f]{24}$/;

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest();

/** Signs the claims; a given `nonce` (base64url) signs the same token again, as for a link being reused. */
export function signToken(claims: TokenClaims, secret: string, nonce = randomBytes(6).toString('base64url')): string {
  if (!/^[a-z0-9-]+$/.test(claims.series)) throw new Error(`signToken: invalid series "${claims.series}"`);
  if (!LEAD_ID.test(claims.lead)) throw new Error('signToken: invalid lead id');
  if (!/^[A-Za-z0-9_-]{1,16}$/.test(nonce)) throw new Error('signToken: invalid nonce');
  const payload = `${claims.purpose}.${claims.lead}.${claims.series}.${Math.floor(claims.expiresAt)}.${nonce}`;
  return `${b64(payload)}.${b64(mac(secret, payload))}`;
}

/** Checks signature, purpose and expiry, in that order; `now` in milliseconds. */
export function verifyToken(token: string, secret: string, purpose: TokenPurpose, now = Date.now()): VerifyResult {
  const match = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const payload = Buffer.from(match[1]!, 'base64url').toString('utf8');
  const given = Buffer.from(match[2]!, 'base64url');
  // base64url ignores the spare bits of a last character: accept only the one spelling signToken writes.
  if (b64(payload) !== match[1] || b64(given) !== match[2]) return { ok: false, reason: 'malformed' };
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  const parts = payload.split('.');
  const [kind, lead, series, expiry] = parts;
  if (parts.length !== 5 || !isPurpose(kind) || !LEAD_ID.test(lead ?? '') || !/^\d+$/.test(expiry ?? '')) {
    return { ok: false, reason: 'malformed' };
  }
  const claims: TokenClaims = {
    purpose: kind,
    lead: lead!,
    series: series!,
    expiresAt: Number(expiry),
  };
  if (claims.purpose !== purpose) return { ok: false, reason: 'purpose', claims };
  if (claims.expiresAt * 1000 <= now) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims, nonce: parts[4]! };
}

import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken, type TokenClaims } from '../../src/gate/links.ts';
import { accessIssuedAt, createLinkIssuer } from '../../src/gate/link-issuer.ts';
import type { LeadStore } from '../../src/gate/store/index.ts';

const SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
const OTHER_SECRET = 'another-secret-0123456789abcdef0123456789abc';
/** 2033-05-18T03:33:20Z, in seconds. */
const EXPIRES_AT = 2_000_000_000;
const BEFORE_EXPIRY_MS = (EXPIRES_AT - 3600) * 1000;
const LEAD = '0123456789abcdef01234567';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const claims = (overrides: Partial<TokenClaims> = {}): TokenClaims => ({
  purpose: 'download',
  lead: LEAD,
  series: 'ml-trends-2026',
  expiresAt: EXPIRES_AT,
  ...overrides,
});

/** Every token that differs from `token` in exactly one character, the dot kept in place. */
function singleCharacterEdits(token: string): string[] {
  const edits: string[] = [];
  for (let i = 0; i < token.length; i++) {
    if (token[i] === '.') continue;
    for (const c of BASE64URL) {
      if (c !== token[i]) edits.push(token.slice(0, i) + c + token.slice(i + 1));
    }
  }
  return edits;
}

describe('signToken and verifyToken', () => {
  it('verifies a token it signed and gives back the same claims', () => {
    const token = signToken(claims(), SECRET);
    expect(verifyToken(token, SECRET, 'download', BEFORE_EXPIRY_MS)).toMatchObject({ ok: true, claims: claims() });
  });

  it('keeps access tokens apart from download tokens', () => {
    const token = signToken(claims({ purpose: 'access' }), SECRET);
    expect(verifyToken(token, SECRET, 'access', BEFORE_EXPIRY_MS)).toMatchObject({
      ok: true,
      claims: claims({ purpose: 'access' }),
    });
  });

  it('issues a different token every time, even for the same lead, series and expiry', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => signToken(claims(), SECRET)));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(verifyToken(token, SECRET, 'download', BEFORE_EXPIRY_MS).ok).toBe(true);
  });

  it('signs the same token again for the same claims and nonce, as for a link being reused', () => {
    const token = signToken(claims(), SECRET, 'mfx1a2b3');
    expect(signToken(claims(), SECRET, 'mfx1a2b3')).toBe(token);
    expect(signToken(claims(), SECRET, 'mfx1a2b4')).not.toBe(token);
    expect(verifyToken(token, SECRET, 'download', BEFORE_EXPIRY_MS).ok).toBe(true);
    expect(() => signToken(claims(), SECRET, 'not.a.nonce')).toThrow(/invalid nonce/);
  });

  it('truncates a fractional expiry to whole seconds', () => {
    const token = signToken(claims({ expiresAt: EXPIRES_AT + 0.9 }), SECRET);
    expect(verifyToken(token, SECRET, 'download', BEFORE_EXPIRY_MS)).toMatchObject({ ok: true, claims: claims() });
  });

  it('produces a token that fits in a URL path segment without escaping', () => {
    const token = signToken(claims(), SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(encodeURIComponent(token)).toBe(token);
  });
});

describe('verifyToken expiry (now in milliseconds, expiresAt in seconds)', () => {
  const token = signToken(claims(), SECRET);

  it('accepts the token one second before it expires', () => {
    expect(verifyToken(token, SECRET, 'download', (EXPIRES_AT - 1) * 1000)).toMatchObject({ ok: true });
  });

  it('accepts the token one millisecond before it expires', () => {
    expect(verifyToken(token, SECRET, 'download', EXPIRES_AT * 1000 - 1)).toMatchObject({ ok: true });
  });

  it('refuses the token at the exact moment it expires, with its claims for the "expired" page', () => {
    expect(verifyToken(token, SECRET, 'download', EXPIRES_AT * 1000)).toEqual({
      ok: false,
      reason: 'expired',
      claims: claims(),
    });
  });

  it('refuses the token long after it expired', () => {
    expect(verifyToken(token, SECRET, 'download', (EXPIRES_AT + 86_400 * 30) * 1000)).toMatchObject({
      ok: false,
      reason: 'expired',
    });
  });

  it('uses the current time when none is given', () => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const past = signToken(claims({ expiresAt: nowSeconds - 60 }), SECRET);
    const future = signToken(claims({ expiresAt: nowSeconds + 3600 }), SECRET);
    expect(verifyToken(past, SECRET, 'download')).toMatchObject({ ok: false, reason: 'expired' });
    expect(verifyToken(future, SECRET, 'download')).toMatchObject({ ok: true });
  });
});

describe('verifyToken refuses tampered tokens', () => {
  it('refuses a token signed with another secret', () => {
    const token = signToken(claims(), OTHER_SECRET);
    expect(verifyToken(token, SECRET, 'download', BEFORE_EXPIRY_MS)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses a token whose payload was re-encoded with another lead id', () => {
    const [payload, signature] = signToken(claims(), SECRET).split('.') as [string, string];
    const forged = Buffer.from(
      Buffer.from(payload, 'base64url').toString('utf8').replace(`.${LEAD}.`, '.0123456789abcdef01234568.'),
    ).toString('base64url');
    expect(verifyToken(`${forged}.${signature}`, SECRET, 'download', BEFORE_EXPIRY_MS)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('refuses a token whose payload was re-encoded with a later expiry', () => {
    const expired = signToken(claims({ expiresAt: 1_000_000_000 }), SECRET);
    const [payload, signature] = expired.split('.') as [string, string];
    const extended = Buffer.from(
      Buffer.from(payload, 'base64url').toString('utf8').replace('.1000000000.', '.3000000000.'),
    ).toString('base64url');
    expect(verifyToken(`${extended}.${signature}`, SECRET, 'download', BEFORE_EXPIRY_MS)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('refuses a token with the signature of another token', () => {
    const first = signToken(claims(), SECRET).split('.')[0]!;
    const second = signToken(claims(), SECRET).split('.')[1]!;
    expect(verifyToken(`${first}.${second}`, SECRET, 'download', BEFORE_EXPIRY_MS)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('refuses every token that differs from an issued one in a single character', () => {
    // Series of three lengths give payloads of each length modulo 3, so each kind of last
    // base64url character (with 0, 2 or 4 unused bits) is covered.
    const tokens = [
      signToken(claims({ series: 'ml-trends' }), SECRET),
      signToken(claims({ series: 'ml-trends2' }), SECRET),
      signToken(claims({ series: 'ml-trends23' }), SECRET),
    ];
    const accepted = tokens.flatMap((token) =>
      singleCharacterEdits(token).filter((edit) => verifyToken(edit, SECRET, 'download', BEFORE_EXPIRY_MS).ok),
    );
    expect({ accepted: accepted.length, examples: accepted.slice(0, 3) }).toEqual({ accepted: 0, examples: [] });
  });

  it('gives "signature" or "malformed" as the reason for every single-character change', () => {
    const token = signToken(claims(), SECRET);
    const reasons = new Set(
      singleCharacterEdits(token)
        .map((edit) => verifyToken(edit, SECRET, 'download', BEFORE_EXPIRY_MS))
        .filter((result) => !result.ok)
        .map((result) => (result.ok ? 'ok' : result.reason)),
    );
    expect(reasons).toContain('signature');
    expect([...reasons].filter((reason) => reason !== 'signature' && reason !== 'malformed')).toEqual([]);
  });
});

describe('verifyToken checks the purpose', () => {
  it('refuses a download token offered as the access cookie, naming the purpose', () => {
    const token = signToken(claims({ purpose: 'download' }), SECRET);
    expect(verifyToken(token, SECRET, 'access', BEFORE_EXPIRY_MS)).toEqual({
      ok: false,
      reason: 'purpose',
      claims: claims({ purpose: 'download' }),
    });
  });

  it('refuses an access cookie offered as a download link', () => {
    const token = signToken(claims({ purpose: 'access' }), SECRET);
    expect(verifyToken(token, SECRET, 'download', BEFORE_EXPIRY_MS)).toMatchObject({
      ok: false,
      reason: 'purpose',
    });
  });

  it('reports the purpose before the expiry', () => {
    const token = signToken(claims({ purpose: 'access' }), SECRET);
    expect(verifyToken(token, SECRET, 'download', (EXPIRES_AT + 10) * 1000)).toMatchObject({ reason: 'purpose' });
  });
});

describe('verifyToken with malformed input', () => {
  const validSignature = signToken(claims(), SECRET).split('.')[1]!;

  it.each([
    ['an empty string', ''],
    ['a string without a dot', 'ZG93bmxvYWQ'],
    ['a lone dot', '.'],
    ['garbage', 'not a token at all!'],
    ['a path traversal attempt', '../../etc/passwd'],
    ['three parts', 'a.b.c'],
    ['a too-short signature', 'ZG93bmxvYWQ.abc'],
    ['a signature one character too long', `ZG93bmxvYWQ.${validSignature}A`],
    ['standard base64 padding', `ZG93bmxvYWQ=.${validSignature}`],
    ['a payload of 10 000 characters', `${'A'.repeat(10_000)}.${validSignature}`],
    ['a token of a million characters', 'A'.repeat(1_000_000)],
    ['surrounding whitespace', ` ${signToken(claims(), SECRET)} `],
  ])('answers "malformed" for %s without throwing', (_, token) => {
    expect(verifyToken(token, SECRET, 'download', BEFORE_EXPIRY_MS)).toEqual({ ok: false, reason: 'malformed' });
  });

  it.each([
    ['plain text', 'hello'],
    ['a lead id that is not a public id', 'download.42.ml-trends.2000000000.nonce'],
    ['an unknown purpose', 'admin.1.ml-trends.2000000000.nonce'],
    ['a missing nonce', 'download.1.ml-trends.2000000000'],
    ['an expiry that is not a number', 'download.1.ml-trends.soon.nonce'],
  ])('answers "malformed" for a correctly signed payload with %s', (_, payload) => {
    // Signed the documented way (HMAC-SHA256 of the payload, base64url), as a leaked key would allow.
    const signature = createHmac('sha256', SECRET).update(payload).digest('base64url');
    const token = `${Buffer.from(payload).toString('base64url')}.${signature}`;
    expect(verifyToken(token, SECRET, 'download', BEFORE_EXPIRY_MS)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('signToken refuses claims it cannot encode', () => {
  it.each([
    ['an empty series', { series: '' }],
    ['a series with a dot, which would shift the fields', { series: 'ml.trends' }],
    ['a series with upper case', { series: 'ML-Trends' }],
    ['a series with a slash', { series: 'ml/trends' }],
  ])('throws for %s', (_, overrides) => {
    expect(() => signToken(claims(overrides), SECRET)).toThrow(/invalid series/);
  });

  it.each([
    ['a row number', '42'],
    ['upper-case hex', '0123456789ABCDEF01234567'],
    ['too short', '0123456789abcdef'],
    ['a dot inside', '0123456789abcdef.1234567'],
  ])('throws for a lead id that is %s', (_, lead) => {
    expect(() => signToken(claims({ lead }), SECRET)).toThrow(/invalid lead id/);
  });
});

describe('a token for another series', () => {
  it('verifies with its own series in the claims, so the route can refuse it for this one', () => {
    const token = signToken(claims({ series: 'other-series' }), SECRET);
    const result = verifyToken(token, SECRET, 'download', BEFORE_EXPIRY_MS);
    expect(result).toMatchObject({ ok: true, claims: claims({ series: 'other-series' }) });
    expect(result.ok && result.claims.series).not.toBe('ml-trends-2026');
  });
});

describe('the emailed marketing links', () => {
  it('signs and accepts a confirmation and an unsubscribe token, each for its own purpose only', () => {
    for (const purpose of ['confirm', 'unsubscribe'] as const) {
      const token = signToken(claims({ purpose }), SECRET);
      expect(verifyToken(token, SECRET, purpose, BEFORE_EXPIRY_MS)).toMatchObject({
        ok: true,
        claims: claims({ purpose }),
      });
      expect(verifyToken(token, SECRET, 'download', BEFORE_EXPIRY_MS)).toMatchObject({ ok: false, reason: 'purpose' });
    }
    const confirm = signToken(claims({ purpose: 'confirm' }), SECRET);
    expect(verifyToken(confirm, SECRET, 'unsubscribe', BEFORE_EXPIRY_MS)).toMatchObject({
      ok: false,
      reason: 'purpose',
    });
  });
});

describe('an access token and the moment it was issued', () => {
  it('carries the moment to the millisecond, so a browser is never given a link issued after it', () => {
    const issuer = createLinkIssuer({} as LeadStore, 'k'.repeat(40), 7 * 24 * 60 * 60 * 1000);
    const now = new Date('2026-11-27T20:30:12.345Z');
    const { token } = issuer.issue('access', 'a'.repeat(24), 'ml-trends-2021', now);
    const verdict = issuer.verify(token, 'access', now);
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(accessIssuedAt(verdict.nonce, verdict.claims.expiresAt)).toEqual(now);
  });

  it('gives no moment for a token with a random nonce (one issued before the moment was kept)', () => {
    const claims: TokenClaims = { purpose: 'access', lead: 'a'.repeat(24), series: 's', expiresAt: 2_000_000_000 };
    const verdict = verifyToken(signToken(claims, 'k'.repeat(40)), 'k'.repeat(40), 'access', 1_900_000_000_000);
    expect(verdict.ok && accessIssuedAt(verdict.nonce, claims.expiresAt)).toBeUndefined();
    // A moment after the token's own expiry is no moment it was issued at.
    expect(accessIssuedAt(`t${(2_000_000_001_000).toString(36)}`, claims.expiresAt)).toBeUndefined();
  });
});

import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * The dashboard's sign-in: one team password, kept in the environment only as its scrypt hash
 * (ADMIN_PASSWORD_HASH, made by `npm run admin:password`), and a short-lived session cookie signed with a
 * key derived from that hash and the link secret. A new hash (even of the same password: the salt is new)
 * revokes every session at once; signing out revokes one (the lead store keeps its id until it expires).
 */

/** scrypt$N$r$p$salt$hash, salt and hash in base64url. */
export const PASSWORD_HASH = /^scrypt\$(\d{4,7})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{40,})$/;
const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
/** scrypt with N=2^15, r=8 needs 32 MB; allowed a little more. */
const MAX_MEMORY = 64 * 1024 * 1024;

/** How long a session lasts from sign-in. */
export const SESSION_MS = 2 * 60 * 60 * 1000;

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** The hash to put in ADMIN_PASSWORD_HASH for `password`, with a new random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST.N, COST.r, COST.p);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` is the one `stored` is the hash of; compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = PASSWORD_HASH.exec(stored);
  if (!parts) return false;
  const [, N, r, p, salt, hash] = parts;
  const expected = Buffer.from(hash!, 'base64url');
  const key = await derive(password.slice(0, 1024), Buffer.from(salt!, 'base64url'), Number(N), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

const sign = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('base64url');
const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export interface Sessions {
  /** A new session token valid until `now + SESSION_MS`. */
  issue(now: Date): { token: string; expiresAt: Date };
  /**
   * The session of `token` when this key signed it and it has not expired at `now`: its id (the token's
   * random part, which a sign-out revokes) and its expiry; undefined otherwise.
   */
  read(token: string | undefined, now: Date): { id: string; expiresAt: Date } | undefined;
  /** The form token that proves a POST came from a page this server rendered for the holder of `cookie`. */
  formToken(cookie: string): string;
  /** Whether `field` is the form token of `cookie`. */
  formTokenValid(cookie: string | undefined, field: string | undefined): boolean;
}

/** Sessions signed with a key from the link secret and the password hash (a new hash revokes them all). */
export function createSessions(linkSecret: string, passwordHash: string): Sessions {
  const key = createHmac('sha256', linkSecret).update(`admin-session-v1\n${passwordHash}`).digest();
  return {
    issue(now) {
      const expiresAt = new Date(now.getTime() + SESSION_MS);
      const body = `${expiresAt.getTime()}.${randomBytes(12).toString('base64url')}`;
      return { token: `${body}.${sign(key, `session:${body}`)}`, expiresAt };
    },
    read(token, now) {
      const parts = /^(\d{13})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
      if (!parts) return undefined;
      const body = `${parts[1]}.${parts[2]}`;
      const valid = same(parts[3]!, sign(key, `session:${body}`)) && Number(parts[1]) > now.getTime();
      return valid ? { id: parts[2]!, expiresAt: new Date(Number(parts[1])) } : undefined;
    },
    formToken: (cookie) => sign(key, `form:${cookie}`),
    formTokenValid: (cookie, field) =>
      cookie !== undefined && field !== undefined && same(field, sign(key, `form:${cookie}`)),
  };
}

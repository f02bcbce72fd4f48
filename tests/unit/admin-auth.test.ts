import { describe, expect, it } from 'vitest';
import { createSessions, hashPassword, PASSWORD_HASH, SESSION_MS, verifyPassword } from '../../src/gate/admin/auth.ts';

const SECRET = 'link-secret-for-admin-tests-0123456789';

describe('the dashboard password', () => {
  it('is kept as a salted scrypt hash that verifies only the same password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(PASSWORD_HASH);
    expect(hash).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(hash);
  });
});

describe('dashboard sessions', () => {
  it('are valid until they expire, and a new password hash revokes them all', async () => {
    const hash = await hashPassword('correct horse battery');
    const sessions = createSessions(SECRET, hash);
    const now = new Date('2026-03-01T10:00:00Z');
    const { token, expiresAt } = sessions.issue(now);
    expect(expiresAt.getTime() - now.getTime()).toBe(SESSION_MS);
    expect(sessions.read(token, now)).toEqual({ id: token.split('.')[1], expiresAt });
    expect(sessions.read(token, new Date(expiresAt.getTime() - 1))).toBeDefined();
    expect(sessions.read(token, expiresAt)).toBeUndefined();
    expect(sessions.read(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, now)).toBeUndefined();
    expect(sessions.read(undefined, now)).toBeUndefined();
    // The same password hashed again (a new salt), or another link secret: every session is refused.
    expect(createSessions(SECRET, await hashPassword('correct horse battery')).read(token, now)).toBeUndefined();
    expect(createSessions(`${SECRET}x`, hash).read(token, now)).toBeUndefined();
  });

  it('bind a form token to the cookie it was made for', async () => {
    const sessions = createSessions(SECRET, await hashPassword('correct horse battery'));
    const form = sessions.formToken('cookie-a');
    expect(sessions.formTokenValid('cookie-a', form)).toBe(true);
    expect(sessions.formTokenValid('cookie-b', form)).toBe(false);
    expect(sessions.formTokenValid(undefined, form)).toBe(false);
    expect(sessions.formTokenValid('cookie-a', undefined)).toBe(false);
  });
});

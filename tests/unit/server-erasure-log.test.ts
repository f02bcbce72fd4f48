import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { erasureLog } from '../../src/gate/erasure-log.ts';
import { openSqliteStore } from '../../src/gate/store/sqlite.ts';
import { lead } from './fixtures/stores.ts';

/** The erasure log that `npm run leads -- restore` replays: keyed hashes only, replayed on a real store. */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'erasure-log-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('erasureLog', () => {
  it('keeps no address, only its owner can read it, and erases again whoever it names', async () => {
    const log = erasureLog({ dataDir: dir }, 's'.repeat(40));
    log.record(' Ada@Example.com ');
    const text = readFileSync(log.file, 'utf8');
    expect(text.toLowerCase()).not.toContain('ada');
    expect(text.toLowerCase()).not.toContain('example');
    expect(statSync(log.file).mode & 0o777).toBe(0o600);

    const store = await openSqliteStore(join(dir, 'leads.sqlite'));
    try {
      await store.upsertLead(lead());
      await store.upsertLead(lead({ series: 'data-trends' }));
      await store.upsertLead(lead({ email: 'grace@example.com' }));
      expect(await log.replay(store)).toEqual({ erased: 1, otherKey: 0 });
      expect((await store.listLeads()).map((l) => l.email)).toEqual(['grace@example.com']);
    } finally {
      await store.close();
    }
  });

  it('counts the lines written under another link secret, which it cannot match', async () => {
    erasureLog({ dataDir: dir }, 'an-older-secret-'.repeat(3)).record('grace@example.com');
    const log = erasureLog({ dataDir: dir }, 's'.repeat(40));
    log.record('ada@example.com');
    const store = await openSqliteStore(join(dir, 'leads.sqlite'));
    try {
      await store.upsertLead(lead({ email: 'grace@example.com' }));
      expect(await log.replay(store)).toEqual({ erased: 0, otherKey: 1 });
      expect(await store.listLeads()).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration } from '../../src/server/store/migrations.ts';
import { openSqliteStore } from '../../src/server/store/sqlite.ts';
import type { LeadInput, LeadStore } from '../../src/server/store/types.ts';

let dir: string;
let file: string;
const open: LeadStore[] = [];

/** Opens the store on this test's file and closes it after the test. */
function openStore(migrations: readonly Migration[] = MIGRATIONS): LeadStore {
  const store = openSqliteStore(file, migrations);
  open.push(store);
  return store;
}

async function closeStore(store: LeadStore): Promise<void> {
  open.splice(open.indexOf(store), 1);
  await store.close();
}

/** Reads the file through a second, independent connection, as an operator with the sqlite3 shell would. */
function query(sql: string, ...params: (string | number)[]) {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db.prepare(sql).all(...params);
  } finally {
    db.close();
  }
}

const lead = (overrides: Partial<LeadInput> = {}): LeadInput => ({
  series: 'ml-trends',
  email: 'ada@example.com',
  firstName: 'Ada',
  lastName: 'Lovelace',
  company: 'Analytical Engines Ltd',
  jobRole: 'Data scientist',
  consentVersion: '2026-01-15',
  consentAt: new Date('2026-02-01T10:00:00.000Z'),
  marketingOptIn: false,
  userAgent: 'Mozilla/5.0 (test)',
  ipHash: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  ...overrides,
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lead-store-'));
  file = join(dir, 'nested', 'leads.sqlite');
});

afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openSqliteStore migrations', () => {
  it('creates the database file, and its folder, and applies every migration once', async () => {
    const store = openStore();
    expect(await store.migrations()).toEqual([1, 2]);
    expect(query('SELECT version, name FROM schema_migrations ORDER BY version')).toEqual([
      { version: 1, name: 'leads, links and downloads' },
      { version: 2, name: 'consent history' },
    ]);
  });

  it('applies nothing again when reopened, and keeps the data', async () => {
    const first = openStore();
    const { lead: stored } = await first.upsertLead(lead());
    await closeStore(first);

    const second = openStore();
    expect(await second.migrations()).toEqual([1, 2]);
    expect(query('SELECT COUNT(*) AS n FROM schema_migrations')).toEqual([{ n: 2 }]);
    expect(await second.findLead(stored.publicId)).toEqual(stored);
  });

  it('applies a migration added to the list when the database is next opened', async () => {
    const first = openStore();
    await first.upsertLead(lead());
    await closeStore(first);

    const later: Migration = {
      version: 3,
      name: 'lead notes',
      sql: `CREATE TABLE lead_notes (lead_id INTEGER NOT NULL REFERENCES leads (id), note TEXT NOT NULL);`,
    };
    const second = openStore([...MIGRATIONS, later]);
    expect(await second.migrations()).toEqual([1, 2, 3]);
    expect(query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'lead_notes'`)).toHaveLength(1);
    expect(await second.listLeads()).toHaveLength(1);
  });

  it('applies migrations in version order whatever order they are listed in', async () => {
    const store = openStore([
      { version: 4, name: 'index notes', sql: 'CREATE INDEX notes_lead ON notes (lead_id);' },
      ...MIGRATIONS,
      { version: 3, name: 'notes', sql: 'CREATE TABLE notes (lead_id INTEGER, note TEXT);' },
    ]);
    expect(await store.migrations()).toEqual([1, 2, 3, 4]);
  });

  it('stops on a failing migration with an error naming it, and rolls all of it back', async () => {
    const first = openStore();
    const { lead: stored } = await first.upsertLead(lead());
    await closeStore(first);

    const broken: Migration = {
      version: 3,
      name: 'half-written change',
      sql: `CREATE TABLE half_done (x INTEGER);
            INSERT INTO leads (series) VALUES ('missing-columns');
            ALTER TABLE no_such_table ADD COLUMN y TEXT;`,
    };
    expect(() => openSqliteStore(file, [...MIGRATIONS, broken])).toThrow(
      /^Migration 3 \(half-written change\) failed: /,
    );

    expect(query('SELECT version FROM schema_migrations ORDER BY version')).toEqual([{ version: 1 }, { version: 2 }]);
    expect(query(`SELECT name FROM sqlite_master WHERE name = 'half_done'`)).toEqual([]);
    const reopened = openStore();
    expect(await reopened.listLeads()).toEqual([stored]);
  });

  it('keeps the migrations before a failing one when several are new', () => {
    const migrations: Migration[] = [
      ...MIGRATIONS,
      { version: 3, name: 'good', sql: 'CREATE TABLE good (x INTEGER);' },
      { version: 4, name: 'bad', sql: 'THIS IS NOT SQL;' },
    ];
    expect(() => openSqliteStore(file, migrations)).toThrow(/Migration 4 \(bad\) failed/);
    expect(query('SELECT version FROM schema_migrations ORDER BY version')).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
    ]);
  });
});

describe('openSqliteStore durability settings', () => {
  it('puts the database in write-ahead-log mode, which persists in the file', () => {
    openStore();
    expect(query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });

  it('reports its own connection as write-ahead log with full sync', async () => {
    const store = openStore();
    expect(await store.describe()).toBe(`SQLite ${file} (journal WAL, synchronous FULL)`);
  });

  it('enforces foreign keys: a download for a lead that does not exist is refused as a rejected promise', async () => {
    const store = openStore();
    const download = { leadId: 999, series: 'ml-trends', userAgent: null, ipHash: null, range: null, at: new Date() };
    await expect(store.recordDownload(download)).rejects.toThrow(/FOREIGN KEY/);
    expect(await store.countDownloads(999)).toBe(0);
  });
});

describe('upsertLead', () => {
  it('inserts a new lead with one submission and everything the reader sent', async () => {
    const store = openStore();
    const before = Date.now();
    const { lead: stored, created } = await store.upsertLead(lead({ marketingOptIn: true }));
    expect(created).toBe(true);
    expect(stored).toMatchObject({ ...lead({ marketingOptIn: true }), submissions: 1 });
    expect(stored.id).toBeGreaterThan(0);
    expect(stored.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(stored.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(stored.updatedAt).toEqual(stored.createdAt);
  });

  it('keeps a lead without user agent or address hash as nulls', async () => {
    const store = openStore();
    const { lead: stored } = await store.upsertLead(lead({ userAgent: null, ipHash: null }));
    expect(stored.userAgent).toBeNull();
    expect(stored.ipHash).toBeNull();
    expect(await store.findLead(stored.publicId)).toMatchObject({ userAgent: null, ipHash: null });
  });

  it('updates the same lead when the same email asks again for the same series', async () => {
    const store = openStore();
    const first = await store.upsertLead(lead());
    const second = await store.upsertLead(
      lead({
        firstName: 'Augusta',
        lastName: 'King',
        company: 'Difference Engines plc',
        jobRole: 'CTO',
        marketingOptIn: true,
        consentVersion: '2026-03-01',
        consentAt: new Date('2026-03-05T08:30:00.000Z'),
        userAgent: 'Another browser',
        ipHash: 'ffffffffffffffffffffffffffffffff',
      }),
    );

    expect(second.created).toBe(false);
    expect(second.lead).toMatchObject({
      id: first.lead.id,
      email: 'ada@example.com',
      firstName: 'Augusta',
      lastName: 'King',
      company: 'Difference Engines plc',
      jobRole: 'CTO',
      marketingOptIn: true,
      consentVersion: '2026-03-01',
      consentAt: new Date('2026-03-05T08:30:00.000Z'),
      userAgent: 'Another browser',
      ipHash: 'ffffffffffffffffffffffffffffffff',
      submissions: 2,
      createdAt: first.lead.createdAt,
    });
    expect(second.lead.updatedAt.getTime()).toBeGreaterThanOrEqual(first.lead.updatedAt.getTime());
    expect(await store.listLeads()).toEqual([second.lead]);
  });

  it('counts every repeat submission', async () => {
    const store = openStore();
    for (let i = 0; i < 4; i++) await store.upsertLead(lead());
    const { lead: fifth, created } = await store.upsertLead(lead());
    expect(created).toBe(false);
    expect(fifth.submissions).toBe(5);
  });

  it('withdraws the marketing opt-in when the reader unticks it on a later submission', async () => {
    const store = openStore();
    await store.upsertLead(lead({ marketingOptIn: true }));
    const { lead: again } = await store.upsertLead(lead({ marketingOptIn: false }));
    expect(again.marketingOptIn).toBe(false);
    expect(query('SELECT marketing_opt_in FROM leads')).toEqual([{ marketing_opt_in: 0 }]);
  });

  it('makes a second lead for the same email in another series', async () => {
    const store = openStore();
    const first = await store.upsertLead(lead({ series: 'ml-trends' }));
    const second = await store.upsertLead(lead({ series: 'data-trends' }));
    expect(second.created).toBe(true);
    expect(second.lead.id).not.toBe(first.lead.id);
    expect(second.lead.submissions).toBe(1);
    expect(await store.listLeads()).toHaveLength(2);
  });
});

describe('reading leads', () => {
  it('lists the leads of one series, oldest first, and every lead without a series', async () => {
    const store = openStore();
    const a = (await store.upsertLead(lead({ email: 'a@example.com' }))).lead;
    const b = (await store.upsertLead(lead({ email: 'b@example.com', series: 'other' }))).lead;
    const c = (await store.upsertLead(lead({ email: 'c@example.com' }))).lead;
    // A repeat submission updates A but does not move it in the list.
    const a2 = (await store.upsertLead(lead({ email: 'a@example.com', firstName: 'Anna' }))).lead;

    expect((await store.listLeads('ml-trends')).map((l) => l.email)).toEqual(['a@example.com', 'c@example.com']);
    expect(await store.listLeads('other')).toEqual([b]);
    expect(await store.listLeads('no-such-series')).toEqual([]);
    expect(await store.listLeads()).toEqual([a2, b, c]);
    expect(a2.id).toBe(a.id);
  });

  it('finds a lead by its random public id, and nothing for an unknown or numeric one', async () => {
    const store = openStore();
    const { lead: stored } = await store.upsertLead(lead());
    const { lead: other } = await store.upsertLead(lead({ email: 'grace@example.com' }));
    expect(stored.publicId).toMatch(/^[0-9a-f]{24}$/);
    expect(other.publicId).not.toBe(stored.publicId);
    expect(await store.findLead(stored.publicId)).toEqual(stored);
    expect(await store.findLead('0'.repeat(24))).toBeUndefined();
    expect(await store.findLead(String(stored.id))).toBeUndefined();
  });

  it('keeps the public id when the same reader submits again', async () => {
    const store = openStore();
    const { lead: first } = await store.upsertLead(lead());
    const { lead: second } = await store.upsertLead(lead({ firstName: 'Augusta' }));
    expect(second.publicId).toBe(first.publicId);
  });

  it('gives back dates as the same instants that were stored', async () => {
    const store = openStore();
    const consentAt = new Date('2026-02-28T23:59:59.999Z');
    const { lead: stored } = await store.upsertLead(lead({ consentAt }));
    const read = await store.findLead(stored.publicId);
    expect(read?.consentAt.toISOString()).toBe('2026-02-28T23:59:59.999Z');
    expect(Number.isNaN(read?.createdAt.getTime())).toBe(false);
  });
});

describe('links and downloads', () => {
  it('records each issued link for the lead', async () => {
    const store = openStore();
    const { lead: stored } = await store.upsertLead(lead());
    await store.recordLink(stored.id, new Date('2026-02-01T10:00:00.000Z'), new Date('2026-02-08T10:00:00.000Z'));
    await store.recordLink(stored.id, new Date('2026-02-02T10:00:00.000Z'), new Date('2026-02-09T10:00:00.000Z'));
    expect(query('SELECT lead_id, issued_at, expires_at FROM report_links ORDER BY id')).toEqual([
      { lead_id: stored.id, issued_at: '2026-02-01T10:00:00.000Z', expires_at: '2026-02-08T10:00:00.000Z' },
      { lead_id: stored.id, issued_at: '2026-02-02T10:00:00.000Z', expires_at: '2026-02-09T10:00:00.000Z' },
    ]);
  });

  it('counts the downloads of each lead separately', async () => {
    const store = openStore();
    const ada = (await store.upsertLead(lead())).lead;
    const bob = (await store.upsertLead(lead({ email: 'bob@example.com' }))).lead;
    const download = (leadId: number, range: string | null = null) =>
      store.recordDownload({
        leadId,
        series: 'ml-trends',
        userAgent: 'PDF viewer',
        ipHash: 'abc',
        range,
        at: new Date('2026-02-03T12:00:00.000Z'),
      });

    expect(await store.countDownloads(ada.id)).toBe(0);
    await download(ada.id);
    await download(ada.id, 'bytes=0-1023');
    await download(bob.id);
    expect(await store.countDownloads(ada.id)).toBe(2);
    expect(await store.countDownloads(bob.id)).toBe(1);
    expect(query('SELECT range, downloaded_at FROM downloads WHERE lead_id = ? ORDER BY id', ada.id)).toEqual([
      { range: null, downloaded_at: '2026-02-03T12:00:00.000Z' },
      { range: 'bytes=0-1023', downloaded_at: '2026-02-03T12:00:00.000Z' },
    ]);
  });
});

describe('consent history', () => {
  it('adds one entry per submission and never rewrites an earlier one', async () => {
    const store = openStore();
    const { lead: first } = await store.upsertLead(
      lead({ consentVersion: 'v1', consentAt: new Date('2026-01-01T00:00:00Z') }),
    );
    await store.upsertLead(
      lead({ consentVersion: 'v2', consentAt: new Date('2026-03-01T00:00:00Z'), marketingOptIn: true }),
    );
    expect(await store.consentHistory(first.id)).toEqual([
      { version: 'v1', at: new Date('2026-01-01T00:00:00Z'), marketingOptIn: false },
      { version: 'v2', at: new Date('2026-03-01T00:00:00Z'), marketingOptIn: true },
    ]);
    expect((await store.listLeads())[0]).toMatchObject({ consentVersion: 'v2', marketingOptIn: true });
  });
});

describe('persistence', () => {
  it('keeps leads, links and downloads after the store is closed and opened again', async () => {
    const first = openStore();
    const { lead: stored } = await first.upsertLead(lead());
    await first.recordLink(stored.id, new Date('2026-02-01T10:00:00.000Z'), new Date('2026-02-08T10:00:00.000Z'));
    await first.recordDownload({
      leadId: stored.id,
      series: 'ml-trends',
      userAgent: null,
      ipHash: null,
      range: null,
      at: new Date('2026-02-01T10:05:00.000Z'),
    });
    await closeStore(first);

    const second = openStore();
    expect(await second.listLeads()).toEqual([stored]);
    expect(await second.countDownloads(stored.id)).toBe(1);
    expect(query('SELECT COUNT(*) AS n FROM report_links')).toEqual([{ n: 1 }]);
  });

  it('makes writes visible to another connection as soon as they return', async () => {
    const store = openStore();
    await store.upsertLead(lead());
    expect(query('SELECT email, submissions FROM leads')).toEqual([{ email: 'ada@example.com', submissions: 1 }]);
  });
});

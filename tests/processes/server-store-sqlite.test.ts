import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { migrate, SQLITE_MIGRATIONS } from '../../src/gate/store/sqlite-migrations.ts';
import { openSqliteStore } from '../../src/gate/store/sqlite.ts';
import { loadConfig } from '../../src/gate/config.ts';
import { erasureLog } from '../../src/gate/erasure-log.ts';
import { restoreStore } from '../../src/gate/lead-commands.ts';
import { sqliteFile } from '../../src/gate/store/index.ts';
import { restoreBackup } from '../../src/gate/store/restore.ts';
import type { Migration } from '../../src/gate/store/index.ts';
import { storeUnavailable } from '../../src/gate/store/errors.ts';
import { checkHealth } from '../../src/gate/http/health.ts';
import { createSqlite, damageIndex, damageSqlite, lead, type SqliteUnderTest } from '../unit/fixtures/stores.ts';
import { fillDisk, smallDisk } from '../setup/small-disk.ts';

/** What only the SQLite store does: its own migrations, its file, its durability settings, its columns. */
const SHIPPED = SQLITE_MIGRATIONS.map((m) => m.version);
/** The versions a test adds after the shipped ones. */
const [NEXT, AFTER] = [SHIPPED.length + 1, SHIPPED.length + 2];
let db: SqliteUnderTest;
beforeEach(() => {
  db = createSqlite();
});
afterEach(async () => {
  await db.dispose();
});

describe('SQLite store migrations', () => {
  it('creates the database file, and its folder, and applies every migration once', async () => {
    const store = await db.open();
    expect(await store.migrations()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(db.query('SELECT version, name FROM schema_migrations ORDER BY version')).toEqual([
      { version: 1, name: 'leads, links and downloads' },
      { version: 2, name: 'consent history' },
      { version: 3, name: 'current link of a lead' },
      { version: 4, name: 'outbox' },
      { version: 5, name: 'double opt-in' },
      { version: 6, name: 'health check row' },
      { version: 7, name: 'submissions' },
      { version: 8, name: 'one renewal per access token' },
      { version: 9, name: 'funnel counts' },
      { version: 10, name: 'experiment variant of a form' },
      { version: 11, name: 'revoked dashboard sessions' },
      { version: 12, name: 'funnel counts by the page a reader came from' },
      { version: 13, name: 'funnel counts by page and variant' },
      { version: 14, name: 'experiment readers per day' },
      { version: 15, name: 'funnel counts by landing' },
      { version: 16, name: 'funnel marks of the day and superseded outcomes' },
    ]);
  });

  it('keeps on the list, as confirmed, a marketing opt-in given before double opt-in', async () => {
    // A database an earlier version wrote: the schema before double opt-in, filled in by that version's SQL.
    mkdirSync(dirname(db.file), { recursive: true });
    const before = new DatabaseSync(db.file);
    migrate(
      before,
      SQLITE_MIGRATIONS.filter((m) => m.version < 5),
    );
    const insert = before.prepare(
      `INSERT INTO leads (public_id, series, email, first_name, last_name, company, job_role, consent_version,
        consent_at, marketing_opt_in, created_at, updated_at) VALUES (?, 'ml-trends', ?, 'A', 'B', 'C', 'D', 'v1', ?, ?, ?, ?)`,
    );
    const now = new Date().toISOString();
    insert.run('a'.repeat(24), 'ada@example.com', now, 1, now, now);
    insert.run('b'.repeat(24), 'grace@example.com', now, 0, now, now);
    before
      .prepare(
        `INSERT INTO consent_events (lead_id, consent_version, consent_at, marketing_opt_in) VALUES (1, 'v1', ?, 1)`,
      )
      .run(now);
    before.close();
    const single = { publicId: 'a'.repeat(24), id: 1 };
    const after = await db.open();
    expect((await after.findLead(single.publicId))?.marketingStatus).toBe('confirmed');
    expect((await after.listLeads()).map((l) => l.marketingStatus)).toEqual(['confirmed', 'none']);
    expect(await after.consentHistory(single.id)).toEqual([expect.objectContaining({ event: 'form' })]);
  });

  it('keeps each existing lead as its first submission when submissions are added (migration 6)', async () => {
    mkdirSync(dirname(db.file), { recursive: true });
    const before = new DatabaseSync(db.file);
    migrate(
      before,
      SQLITE_MIGRATIONS.filter((m) => m.version < 6),
    );
    const at = '2026-02-01T10:00:00.000Z';
    before
      .prepare(
        `INSERT INTO leads (public_id, series, email, first_name, last_name, company, job_role, consent_version,
          consent_at, marketing_opt_in, user_agent, ip_hash, submissions, created_at, updated_at)
         VALUES (?, 'ml-trends', 'ada@example.com', 'Ada', 'Lovelace', 'AE', 'CTO', 'v1', ?, 1, 'UA', 'hash', 3, ?, ?)`,
      )
      .run('a'.repeat(24), at, at, '2026-03-01T00:00:00.000Z');
    before.close();
    const after = await db.open();
    const [ada] = await after.listLeads();
    expect(ada).toMatchObject({ firstName: 'Ada', submissions: 3, identityConfirmed: false });
    expect(await after.listSubmissions(ada!.id)).toEqual([
      {
        firstName: 'Ada',
        lastName: 'Lovelace',
        company: 'AE',
        jobRole: 'CTO',
        consentVersion: 'v1',
        consentAt: new Date(at),
        marketingOptIn: true,
        userAgent: 'UA',
        ipHash: 'hash',
        submittedAt: new Date('2026-03-01T00:00:00.000Z'),
        variant: '',
      },
    ]);
  });

  it('keeps every funnel count when landings are kept apart (migration 15), a landing as it was counted', async () => {
    mkdirSync(dirname(db.file), { recursive: true });
    const before = new DatabaseSync(db.file);
    migrate(
      before,
      SQLITE_MIGRATIONS.filter((m) => m.version < 15),
    );
    const insert = before.prepare(
      `INSERT INTO analytics_counts (day, page, event, variant, from_page, referrer, utm_source, utm_medium,
        utm_campaign, count) VALUES ('2026-03-01', ?, ?, '', ?, ?, '', '', '', ?)`,
    );
    insert.run('/s/t/', 'view', '', 'bing.com', 4);
    insert.run('/s/t/', 'view', '', '(this site)', 3);
    insert.run('/s/t/', 'cta_seen', '', 'bing.com', 2);
    insert.run('/s/report/', 'view', '/s/t/', 'bing.com', 5);
    insert.run('/s/report/', 'submit', '/s/t/', 'bing.com', 1);
    before.close();
    const after = await db.open();
    const { counts } = await after.analytics.readAnalytics();
    expect(counts.map((c) => [c.page, c.event, c.fromPage, c.referrer, c.landing, c.count]).sort()).toEqual(
      [
        // Before, only a view of a page other than a report page, from outside the site, was a landing.
        ['/s/t/', 'view', '', 'bing.com', true, 4],
        ['/s/t/', 'view', '', '(this site)', false, 3],
        ['/s/t/', 'cta_seen', '', 'bing.com', false, 2],
        ['/s/report/', 'view', '/s/t/', 'bing.com', false, 5],
        ['/s/report/', 'submit', '/s/t/', 'bing.com', false, 1],
      ].sort(),
    );
  });

  it('keeps the folder of personal data to its owner', async () => {
    await db.open();
    expect(statSync(dirname(db.file)).mode & 0o777).toBe(0o700);
  });

  it('keeps the database and its journal files to their owner when the folder already exists open to others', async () => {
    mkdirSync(dirname(db.file), { recursive: true });
    chmodSync(dirname(db.file), 0o755);
    const store = await db.open();
    await store.upsertLead(lead());
    for (const file of [db.file, `${db.file}-wal`, `${db.file}-shm`]) {
      expect({ file, mode: statSync(file).mode & 0o777 }).toEqual({ file, mode: 0o600 });
    }
  });

  it('takes the read bits of others off a database file an earlier version created', async () => {
    await (await db.open()).close();
    chmodSync(db.file, 0o644);
    await db.open();
    expect(statSync(db.file).mode & 0o777).toBe(0o600);
  });

  it('applies nothing again when reopened', async () => {
    await (await db.open()).close();
    await db.open();
    expect(db.query('SELECT COUNT(*) AS n FROM schema_migrations')).toEqual([{ n: SHIPPED.length }]);
  });

  it('applies a migration added to the list when the database is next opened', async () => {
    const first = await db.open();
    await first.upsertLead(lead());
    await first.close();

    const later: Migration = {
      version: NEXT,
      name: 'lead notes',
      sql: `CREATE TABLE lead_notes (lead_id INTEGER NOT NULL REFERENCES leads (id), note TEXT NOT NULL);`,
    };
    const second = await db.openWith([...SQLITE_MIGRATIONS, later]);
    expect(await second.migrations()).toEqual([...SHIPPED, NEXT]);
    expect(db.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'lead_notes'`)).toHaveLength(1);
    expect(await second.listLeads()).toHaveLength(1);
  });

  it('applies migrations in version order whatever order they are listed in', async () => {
    const store = await db.openWith([
      { version: AFTER, name: 'index notes', sql: 'CREATE INDEX notes_lead ON notes (lead_id);' },
      ...SQLITE_MIGRATIONS,
      { version: NEXT, name: 'notes', sql: 'CREATE TABLE notes (lead_id INTEGER, note TEXT);' },
    ]);
    expect(await store.migrations()).toEqual([...SHIPPED, NEXT, AFTER]);
  });

  it('stops on a failing migration with an error naming it, and rolls all of it back', async () => {
    const first = await db.open();
    const { lead: stored } = await first.upsertLead(lead());
    await first.close();

    const broken: Migration = {
      version: NEXT,
      name: 'half-written change',
      sql: `CREATE TABLE half_done (x INTEGER);
            INSERT INTO leads (series) VALUES ('missing-columns');
            ALTER TABLE no_such_table ADD COLUMN y TEXT;`,
    };
    await expect(db.openWith([...SQLITE_MIGRATIONS, broken])).rejects.toThrow(
      new RegExp(`^Migration ${NEXT} \\(half-written change\\) failed: `),
    );

    expect(db.query('SELECT version FROM schema_migrations ORDER BY version')).toEqual(
      SHIPPED.map((version) => ({ version })),
    );
    expect(db.query(`SELECT name FROM sqlite_master WHERE name = 'half_done'`)).toEqual([]);
    const reopened = await db.open();
    expect(await reopened.listLeads()).toEqual([stored]);
  });

  it('keeps the migrations before a failing one when several are new', async () => {
    const migrations: Migration[] = [
      ...SQLITE_MIGRATIONS,
      { version: NEXT, name: 'good', sql: 'CREATE TABLE good (x INTEGER);' },
      { version: AFTER, name: 'bad', sql: 'THIS IS NOT SQL;' },
    ];
    await expect(db.openWith(migrations)).rejects.toThrow(`Migration ${AFTER} (bad) failed`);
    expect(db.query('SELECT version FROM schema_migrations ORDER BY version')).toEqual(
      [...SHIPPED, NEXT].map((version) => ({ version })),
    );
  });

  it('refuses a database at a newer schema version than the code knows, naming both', async () => {
    await (await db.openWith([...SQLITE_MIGRATIONS, { version: NEXT, name: 'newer', sql: 'SELECT 1;' }])).close();
    await expect(db.open()).rejects.toThrow(`schema version ${NEXT}, newer than this code knows (${SHIPPED.length})`);
  });

  it('refuses a file that is not a SQLite database, as a rejected promise', async () => {
    mkdirSync(dirname(db.file), { recursive: true });
    writeFileSync(db.file, 'these are not the leads you are looking for\n'.repeat(100));
    await expect(db.open()).rejects.toThrow(/not a database/);
  });
});

describe('SQLite store durability settings', () => {
  it('puts the database in write-ahead-log mode, which persists in the file', async () => {
    await db.open();
    expect(db.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });

  it('reports its own connection as write-ahead log with full sync', async () => {
    const store = await db.open();
    expect(await store.describe()).toBe(`SQLite ${db.file} (journal WAL, synchronous FULL)`);
  });

  it('makes writes visible to the sqlite3 shell as soon as they return', async () => {
    const store = await db.open();
    await store.upsertLead(lead());
    expect(db.query('SELECT email, submissions FROM leads')).toEqual([{ email: 'ada@example.com', submissions: 1 }]);
  });
});

describe('SQLite store columns', () => {
  it('keeps instants as ISO 8601 text and the opt-in as 0 or 1, as an operator reads them', async () => {
    const store = await db.open();
    await store.upsertLead(lead({ marketingOptIn: true }));
    const { lead: stored } = await store.upsertLead(lead({ marketingOptIn: false }));
    await store.recordLink(stored.id, new Date('2026-02-01T10:00:00.000Z'), new Date('2026-02-08T10:00:00.000Z'));
    expect(db.query('SELECT marketing_opt_in, consent_at FROM leads')).toEqual([
      { marketing_opt_in: 0, consent_at: '2026-02-01T10:00:00.000Z' },
    ]);
    expect(db.query('SELECT lead_id, issued_at, expires_at FROM report_links')).toEqual([
      { lead_id: stored.id, issued_at: '2026-02-01T10:00:00.000Z', expires_at: '2026-02-08T10:00:00.000Z' },
    ]);
  });
});

describe('SQLite store health and backup', () => {
  it('finds the damage when random bytes were written into the middle of the file', async () => {
    await damageSqlite(() => db.open(), db.file);
    // The damage is past the schema, so the store still opens, as the server did before it checked.
    const store = await db.open();
    const found = await store.checkIntegrity();
    expect(found.length).toBeGreaterThan(0);
    expect(found).not.toContain('ok');
  });

  it('finds an index that no longer matches its table (a second lead for one email), which quick_check misses', async () => {
    await damageIndex(() => db.open(), db.file);
    expect(db.query('PRAGMA quick_check')).toEqual([{ quick_check: 'ok' }]);
    expect(db.query('SELECT count(*) AS n FROM leads WHERE rowid > 0 AND email = ?', 'reader-0@example.com')).toEqual([
      { n: 2 },
    ]);
    const store = await db.open();
    const found = await store.checkIntegrity();
    expect(found).toContain('row 1 missing from index sqlite_autoindex_leads_2');
  });

  it('backs up the database, while it is open, to a file only its owner can read that opens with the same leads', async () => {
    const store = await db.open();
    await store.upsertLead(lead());
    await store.upsertLead(lead({ email: 'grace@example.com' }));
    const copy = join(dirname(db.file), 'backup.sqlite');
    await store.backup(copy);
    await store.upsertLead(lead({ email: 'after@example.com' }));

    expect(statSync(copy).mode & 0o777).toBe(0o600);
    const restored = await openSqliteStore(copy);
    try {
      expect((await restored.listLeads()).map((l) => l.email)).toEqual(['ada@example.com', 'grace@example.com']);
      expect(await restored.checkIntegrity()).toEqual([]);
    } finally {
      await restored.close();
    }
  });

  it('refuses to back up over a file that exists, naming it', async () => {
    const store = await db.open();
    const copy = join(dirname(db.file), 'backup.sqlite');
    writeFileSync(copy, 'yesterday');
    await expect(store.backup(copy)).rejects.toThrow(copy);
    expect(existsSync(copy)).toBe(true);
  });
});

describe('SQLite store erasure', () => {
  it('erases and shows the rows of any other table that still hold the email, and leaves look-alikes', async () => {
    const mailLog: Migration = {
      version: SQLITE_MIGRATIONS.length + 1,
      name: 'mail log',
      sql: 'CREATE TABLE mail_log (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL);',
    };
    const store = await db.openWith([...SQLITE_MIGRATIONS, mailLog]);
    await store.upsertLead(lead());
    const write = new DatabaseSync(db.file);
    const insert = write.prepare('INSERT INTO mail_log (kind, payload) VALUES (?, ?)');
    insert.run('welcome', JSON.stringify({ to: 'Ada@Example.com', name: 'Ada' }));
    insert.run('welcome', JSON.stringify({ to: 'grace.ada@example.com' }));
    insert.run('digest', 'ada@example.community');
    write.close();

    expect((await store.findPerson('ada@example.com')).rows.mail_log).toEqual([
      expect.objectContaining({ kind: 'welcome', payload: JSON.stringify({ to: 'Ada@Example.com', name: 'Ada' }) }),
    ]);
    expect(await store.erasePerson('ada@example.com')).toMatchObject({ leads: 1, mail_log: 1 });
    expect(db.query('SELECT payload FROM mail_log ORDER BY id')).toEqual([
      { payload: JSON.stringify({ to: 'grace.ada@example.com' }) },
      { payload: 'ada@example.community' },
    ]);
  });
});

describe('SQLite store erasure, on disk', () => {
  /** The files of the database (the file, its write-ahead log) whose bytes hold `text`. */
  const holding = (text: string) =>
    [db.file, `${db.file}-wal`].filter((file) => existsSync(file) && readFileSync(file).includes(Buffer.from(text)));

  it('leaves the erased address in no page of the database or its log, while it stays open', async () => {
    const store = await db.open();
    for (let i = 0; i < 30; i++) await store.upsertLead(lead({ company: `Analytical Engines ${i}` }));
    await store.upsertLead(lead({ email: 'grace@example.com' }));
    expect(holding('ada@example.com')).not.toEqual([]);
    await store.erasePerson('ada@example.com');
    expect(holding('ada@example.com')).toEqual([]);
    expect(holding('grace@example.com')).not.toEqual([]);
  });

  it('leaves the purged leads in no page of the database or its log', async () => {
    const store = await db.open();
    for (let i = 0; i < 30; i++) await store.upsertLead(lead({ company: `Analytical Engines ${i}` }));
    expect(await store.purgeLeads(new Date(Date.now() + 60_000))).toBe(1);
    expect(holding('ada@example.com')).toEqual([]);
  });
});

describe('SQLite store writes in order', () => {
  it('erases after a write asked for before it, not before: the erasure waits in the same queue', async () => {
    const store = await db.open();
    // Not awaited: both are asked for in the same turn, as two requests would.
    const stored = store.upsertLead(lead());
    const erased = store.erasePerson('ada@example.com');
    await stored;
    expect(await erased).toMatchObject({ leads: 1 });
    expect(await store.listLeads()).toEqual([]);
  });
});

// A real full disk: a small tmpfs, which only root can mount.
describe.skipIf(process.getuid?.() !== 0)('SQLite store on a full disk', () => {
  let mount: string;
  let unmount: () => void;
  beforeEach(() => {
    ({ dir: mount, unmount } = smallDisk('2m', 'full-disk-'));
  });
  afterEach(() => unmount());

  it('refuses every write as unavailable, stays up, keeps nothing half-stored, and writes again when there is room', async () => {
    const store = await openSqliteStore(join(mount, 'leads.sqlite'));
    try {
      await store.upsertLead(lead({ email: 'before@example.com' }));
      const filler = join(mount, 'filler');
      fillDisk(filler);
      const link = { issuedAt: new Date('2026-02-01T10:00:00.000Z'), expiresAt: new Date('2026-02-08T10:00:00.000Z') };
      const outbox = () => [{ topic: 'webhook', payload: { type: 'lead.stored' } }];
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          store.upsertLead(lead({ email: `full-${i}@example.com`, company: 'x'.repeat(2000) }), outbox, link),
        ),
      );
      const reasons = results.map((r) => (r.status === 'rejected' ? (r.reason as Error) : undefined));
      expect(reasons.map((r) => r?.message)).toEqual(Array<string>(20).fill('database or disk is full'));
      expect(reasons.every((r) => storeUnavailable(r))).toBe(true);
      // /healthz notices: reading still works, writing does not.
      await expect(store.checkWrite()).rejects.toThrow('database or disk is full');
      expect(await checkHealth({ store, reportDir: mount, series: [] })).toMatchObject({
        status: 'failing',
        store: 'failing',
      });

      rmSync(filler);
      await store.checkWrite();
      const { lead: later } = await store.upsertLead(lead({ email: 'later@example.com' }), outbox, link);
      expect((await store.listLeads()).map((l) => l.email)).toEqual(['before@example.com', 'later@example.com']);
      expect((await store.listOutbox()).map((item) => item.leadId)).toEqual([later.id]);
      expect(await store.checkIntegrity()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('restoring a backup (npm run leads -- restore)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lead-restore-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const config = () => loadConfig({ DATA_DIR: join(dir, 'data') });
  const log = () => erasureLog(config(), 'restore-test-secret-0123456789abcdef0123456789');

  it('puts the previous database back, and says so, when anything fails after the swap', async () => {
    const live = await openSqliteStore(sqliteFile(config()));
    await live.upsertLead(lead());
    const backup = join(dir, 'backup.sqlite');
    await live.backup(backup);
    await live.upsertLead(lead({ email: 'eve@example.com' }));
    await live.close();
    const failing = () => Promise.reject(new Error('The restored store cannot be opened'));
    await expect(restoreStore(() => restoreBackup(config(), backup), failing, log(), backup)).rejects.toThrow(
      /cannot be opened[\s\S]*previous database was put back/,
    );
    const store = await openSqliteStore(sqliteFile(config()));
    expect((await store.listLeads()).map((l) => l.email)).toEqual(['ada@example.com', 'eve@example.com']);
    await store.close();
  });

  it('migrates a backup of an older release on a copy, and then restores it', async () => {
    const older = join(dir, 'older.sqlite');
    // As the first release made it: its first migration only.
    const raw = new DatabaseSync(older);
    migrate(raw, SQLITE_MIGRATIONS.slice(0, 1));
    raw.exec(`INSERT INTO leads (public_id, series, email, first_name, last_name, company, job_role, consent_version,
        consent_at, marketing_opt_in, created_at, updated_at)
      VALUES ('p1', 'ml-trends', 'ada@example.com', 'Ada', 'Lovelace', 'AE', 'Other', '2026-01-15',
        '2026-02-01T10:00:00.000Z', 0, '2026-02-01T10:00:00.000Z', '2026-02-01T10:00:00.000Z')`);
    raw.close();
    const said = await restoreStore(
      () => restoreBackup(config(), older),
      () => openSqliteStore(sqliteFile(config())),
      log(),
      older,
    );
    expect(said).toContain(`Restored 1 lead from ${older}`);
  });
});

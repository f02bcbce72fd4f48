import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../src/gate/store/postgres-migrations.ts';
import { describeUrl, openPostgresStore } from '../../src/gate/store/postgres.ts';
import { storeUnavailable } from '../../src/gate/store/errors.ts';
import { checkHealth } from '../../src/gate/http/health.ts';
import { createPostgres, postgresOff, type PostgresUnderTest } from '../unit/fixtures/postgres.ts';
import { lead } from '../unit/fixtures/stores.ts';

/** What only the PostgreSQL store does: migrations under a lock, counts shared by connections, pg_dump, its log line. */
describe.skipIf(postgresOff())('PostgreSQL lead store', () => {
  let db: PostgresUnderTest;
  beforeEach(async () => {
    db = await createPostgres({ database: true });
  });
  afterEach(async () => {
    await db.dispose();
  });

  it('migrates once when several servers open a new database at the same moment', async () => {
    const stores = await Promise.all(Array.from({ length: 4 }, () => db.open()));
    for (const store of stores) expect(await store.migrations()).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    const rows = await db.query('SELECT version FROM schema_migrations');
    expect(rows).toHaveLength(POSTGRES_MIGRATIONS.length);
  });

  it('applies a failing migration not at all, and names it', async () => {
    const broken = [
      ...POSTGRES_MIGRATIONS,
      { version: 99, name: 'half done', sql: 'CREATE TABLE half (id integer); SELECT no_such_function();' },
    ];
    await expect(db.openWith(broken)).rejects.toThrow(/Migration 99 \(half done\) failed: .*no_such_function/);
    expect(await db.query("SELECT to_regclass('half') AS half")).toEqual([{ half: null }]);
    // The migrations before it were in the same transaction: a server that fails to migrate changes nothing.
    expect(await db.query("SELECT to_regclass('schema_migrations') AS t")).toEqual([{ t: null }]);
  });

  it('keeps on the list, confirmed, the opt-ins given before double opt-in (migration 3)', async () => {
    const before = await db.openWith(POSTGRES_MIGRATIONS.filter((m) => m.version < 3));
    await db.query(
      `INSERT INTO leads (public_id, series, email, first_name, last_name, company, job_role, consent_version,
         consent_at, marketing_opt_in, created_at, updated_at)
       VALUES ('${'a'.repeat(24)}', 's', 'in@example.com', 'A', 'B', 'C', 'D', 'v1', now(), true, now(), now()),
              ('${'b'.repeat(24)}', 's', 'out@example.com', 'A', 'B', 'C', 'D', 'v1', now(), false, now(), now())`,
    );
    await before.close();
    const store = await db.open();
    expect((await store.listLeads()).map((l) => [l.email, l.marketingStatus])).toEqual([
      ['in@example.com', 'confirmed'],
      ['out@example.com', 'none'],
    ]);
  });

  it('keeps each existing lead as its first submission when submissions are added (migration 4)', async () => {
    const before = await db.openWith(POSTGRES_MIGRATIONS.filter((m) => m.version < 4));
    await db.query(
      `INSERT INTO leads (public_id, series, email, first_name, last_name, company, job_role, consent_version,
         consent_at, marketing_opt_in, user_agent, ip_hash, submissions, created_at, updated_at)
       VALUES ('${'a'.repeat(24)}', 's', 'in@example.com', 'Ada', 'Lovelace', 'AE', 'CTO', 'v1',
         '2026-02-01T10:00:00Z', true, 'UA', 'hash', 3, '2026-02-01T10:00:00Z', '2026-03-01T00:00:00Z')`,
    );
    await before.close();
    const store = await db.open();
    const [ada] = await store.listLeads();
    expect(ada).toMatchObject({ firstName: 'Ada', submissions: 3, identityConfirmed: false });
    expect(await store.listSubmissions(ada!.id)).toEqual([
      {
        firstName: 'Ada',
        lastName: 'Lovelace',
        company: 'AE',
        jobRole: 'CTO',
        consentVersion: 'v1',
        consentAt: new Date('2026-02-01T10:00:00Z'),
        marketingOptIn: true,
        userAgent: 'UA',
        ipHash: 'hash',
        submittedAt: new Date('2026-03-01T00:00:00Z'),
        variant: '',
      },
    ]);
  });

  it('keeps every funnel count when landings are kept apart (migration 13), a landing as it was counted', async () => {
    const before = await db.openWith(POSTGRES_MIGRATIONS.filter((m) => m.version < 13));
    await db.query(
      `INSERT INTO analytics_counts (day, page, event, variant, from_page, referrer, utm_source, utm_medium,
         utm_campaign, count)
       VALUES ('2026-03-01', '/s/t/', 'view', '', '', 'bing.com', '', '', '', 4),
              ('2026-03-01', '/s/t/', 'view', '', '', '(this site)', '', '', '', 3),
              ('2026-03-01', '/s/t/', 'cta_seen', '', '', 'bing.com', '', '', '', 2),
              ('2026-03-01', '/s/report/', 'view', '', '/s/t/', 'bing.com', '', '', '', 5),
              ('2026-03-01', '/s/report/', 'submit', '', '/s/t/', 'bing.com', '', '', '', 1)`,
    );
    await before.close();
    const store = await db.open();
    const { counts } = await store.analytics.readAnalytics();
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

  it('refuses a database migrated by a newer version of the code', async () => {
    await (await db.open()).close();
    await db.query("INSERT INTO schema_migrations VALUES (99, 'from the future', now())");
    await expect(db.open()).rejects.toThrow(/schema version 99, newer than this code knows/);
  });

  it('counts a limit across connections, as two servers on one database do', async () => {
    const [one, two] = [await db.open(), await db.open()];
    const options = { limit: 3, windowMs: 60_000 };
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? one : two).limiter('form', options).consume('client')),
    );
    expect(answers.filter((a) => a.allowed)).toHaveLength(3);
  });

  it('keeps one lead when the same email arrives on two connections at once', async () => {
    const [one, two] = [await db.open(), await db.open()];
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).upsertLead(lead())));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const leads = await one.listLeads();
    expect(leads).toHaveLength(1);
    expect(leads[0]!.submissions).toBe(10);
    expect(await one.consentHistory(leads[0]!.id)).toHaveLength(10);
  });

  it('says where it keeps the leads without the password', async () => {
    const store = await db.open();
    const line = await store.describe();
    expect(line).toMatch(/^PostgreSQL \d+\.\d+ .*at leads@127\.0\.0\.1:\d+\/leads_test_\w+ \(pool of 4 connections\)$/);
    expect(line).not.toContain(new URL(db.url).password);
    expect(describeUrl('postgres://ops:s3cret@db.internal:5432/leads')).toBe('ops@db.internal:5432/leads');
  });

  it('names the server it cannot reach', async () => {
    await expect(openPostgresStore('postgres://nobody:pw@127.0.0.1:1/leads')).rejects.toThrow(
      /The lead store in PostgreSQL \(nobody@127\.0\.0\.1:1\/leads\) cannot be opened: .*ECONNREFUSED/,
    );
  });

  it('gives up a connection lost in a transaction: the original error, and the next query on a good one', async () => {
    // One connection in the pool, so that a broken one given back would be the one the next query gets.
    const store = await openPostgresStore(db.url, { max: 1 });
    try {
      await store.upsertLead(lead());
      // A second session holds the leads table, so the erasure waits inside its transaction...
      const blocker = new pg.Client({ connectionString: db.url });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE leads IN ACCESS EXCLUSIVE MODE');
      const erasing = store.erasePerson('ada@example.com');
      erasing.catch(() => {});
      // ... where its connection is cut, as a restarted database server or a dropped network would.
      let pid: number | undefined;
      for (let i = 0; i < 100 && pid === undefined; i++) {
        const [waiting] = await db.query(
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        pid = waiting?.pid as number | undefined;
        if (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(pid).toBeDefined();
      await db.query('SELECT pg_terminate_backend($1)', pid);
      await blocker.query('ROLLBACK');
      await blocker.end();

      // The caller is told what went wrong, not that the ROLLBACK after it failed too.
      await expect(erasing).rejects.toThrow(/terminating connection/);
      expect((await store.listLeads()).map((l) => l.email)).toEqual(['ada@example.com']);
      expect(await store.migrations()).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    } finally {
      await store.close();
    }
  });

  it('fails the /healthz write check, and calls a form unavailable, when the database cannot write', async () => {
    const store = await db.open();
    await store.upsertLead(lead());
    // As a full disk would answer every write (SQLSTATE 53100, disk_full); reads go on working.
    await db.query(`CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100'; END $$`);
    for (const table of ['health', 'leads']) {
      await db.query(
        `CREATE TRIGGER disk_full BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION disk_full()`,
      );
    }
    expect(await store.listLeads()).toHaveLength(1);
    expect(await checkHealth({ store, reportDir: '/nonexistent', series: [] })).toMatchObject({ store: 'failing' });
    const refused = await store.upsertLead(lead({ email: 'grace@example.com' })).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(storeUnavailable(refused)).toBe(true);
    // A wrong request is not the store's trouble.
    const wrong = await store
      .recordDownload({ leadId: 999, series: 'ml-trends', userAgent: null, ipHash: null, range: null, at: new Date() })
      .catch((error: unknown) => error);
    expect(storeUnavailable(wrong)).toBe(false);
  });

  it('backs up to a new pg_dump archive of mode 0600 that restores the leads, and never over a file', async () => {
    const store = await db.open();
    await store.upsertLead(lead());
    const dir = mkdtempSync(join(tmpdir(), 'pg-backup-'));
    try {
      const file = join(dir, 'leads.dump');
      await store.backup(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const listing = spawnSync('pg_restore', ['--list', file], { encoding: 'utf8' });
      expect(listing.stdout).toMatch(/TABLE DATA public leads/);
      await expect(store.backup(file)).rejects.toThrow(/already exists/);
      expect(existsSync(file)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

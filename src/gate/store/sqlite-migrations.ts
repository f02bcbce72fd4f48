import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from './types.ts';

/** The SQLite store's schema, as versioned changes applied in order when it opens. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'leads, links and downloads',
    sql: `
      CREATE TABLE leads (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        public_id TEXT NOT NULL UNIQUE,
        series TEXT NOT NULL,
        email TEXT NOT NULL,
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        company TEXT NOT NULL,
        job_role TEXT NOT NULL,
        consent_version TEXT NOT NULL,
        consent_at TEXT NOT NULL,
        marketing_opt_in INTEGER NOT NULL CHECK (marketing_opt_in IN (0, 1)),
        user_agent TEXT,
        ip_hash TEXT,
        submissions INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (series, email)
      );
      CREATE TABLE report_links (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
        issued_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE TABLE downloads (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
        series TEXT NOT NULL,
        downloaded_at TEXT NOT NULL,
        user_agent TEXT,
        ip_hash TEXT,
        range TEXT
      );
      CREATE INDEX downloads_lead ON downloads (lead_id);
    `,
  },
  {
    version: 2,
    name: 'consent history',
    sql: `
      CREATE TABLE consent_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
        consent_version TEXT NOT NULL,
        consent_at TEXT NOT NULL,
        marketing_opt_in INTEGER NOT NULL CHECK (marketing_opt_in IN (0, 1)),
        ip_hash TEXT
      );
      CREATE INDEX consent_events_lead ON consent_events (lead_id);
    `,
  },
  {
    // Issue 10 (gate edge): the report page looks up a lead's current link on every visit by a returning reader.
    version: 3,
    name: 'current link of a lead',
    sql: `CREATE INDEX report_links_lead_expiry ON report_links (lead_id, expires_at);`,
  },
  {
    // Issue 11: emails and webhook calls leave the request as rows written with the lead.
    version: 4,
    name: 'outbox',
    sql: `
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        lead_id INTEGER REFERENCES leads (id) ON DELETE CASCADE,
        topic TEXT NOT NULL,
        payload TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        lease_owner TEXT,
        lease_until TEXT,
        done_at TEXT,
        gave_up_at TEXT
      );
      CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE done_at IS NULL AND gave_up_at IS NULL;
      CREATE INDEX outbox_lead ON outbox (lead_id);
    `,
  },
  {
    // Issue 11: double opt-in. Opt-ins given before it were single opt-ins, valid under their consent text:
    // they stay on the list (confirmed); their history shows the form alone.
    version: 5,
    name: 'double opt-in',
    sql: `
      ALTER TABLE leads ADD COLUMN marketing_status TEXT NOT NULL DEFAULT 'none'
        CHECK (marketing_status IN ('none', 'pending', 'confirmed', 'unsubscribed'));
      UPDATE leads SET marketing_status = 'confirmed' WHERE marketing_opt_in = 1;
      ALTER TABLE consent_events ADD COLUMN event TEXT NOT NULL DEFAULT 'form'
        CHECK (event IN ('form', 'marketing-confirmed', 'marketing-unsubscribed'));
    `,
  },
  {
    // Issue 17: /healthz commits a write, so that a full disk or a read-only file fails it.
    version: 6,
    name: 'health check row',
    sql: `CREATE TABLE health (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at TEXT NOT NULL);`,
  },
  {
    // Issue 17: each form is kept as it was sent; a form no longer rewrites who the lead is. Every lead
    // so far becomes its own first submission (its fields as they are, at its last update); no identity
    // was proven by the mailbox before, so none counts as confirmed.
    version: 7,
    name: 'submissions',
    sql: `
      CREATE TABLE submissions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        company TEXT NOT NULL,
        job_role TEXT NOT NULL,
        consent_version TEXT NOT NULL,
        consent_at TEXT NOT NULL,
        marketing_opt_in INTEGER NOT NULL CHECK (marketing_opt_in IN (0, 1)),
        ip_hash TEXT,
        user_agent TEXT,
        submitted_at TEXT NOT NULL
      );
      CREATE INDEX submissions_lead ON submissions (lead_id, id);
      INSERT INTO submissions (lead_id, first_name, last_name, company, job_role, consent_version, consent_at,
        marketing_opt_in, ip_hash, user_agent, submitted_at)
      SELECT id, first_name, last_name, company, job_role, consent_version, consent_at, marketing_opt_in, ip_hash,
        user_agent, updated_at FROM leads ORDER BY id;
      ALTER TABLE leads ADD COLUMN identity_confirmed_at TEXT;
    `,
  },
  {
    // Issue 17: a stale access cookie is renewed once: the renewal names the token it renews (by when that
    // was issued), and a view with the same cookie gets that renewal again instead of a new row.
    version: 8,
    name: 'one renewal per access token',
    sql: `
      ALTER TABLE report_links ADD COLUMN renews TEXT;
      CREATE UNIQUE INDEX report_links_renewal ON report_links (lead_id, renews) WHERE renews IS NOT NULL;
      CREATE INDEX report_links_expiry ON report_links (expires_at);
    `,
  },
  {
    // Issue 22: the funnel, kept as counts. A day's salt and its visitor hashes are deleted once it is over.
    version: 9,
    name: 'funnel counts',
    sql: `
      CREATE TABLE analytics_counts (
        day TEXT NOT NULL,
        page TEXT NOT NULL,
        event TEXT NOT NULL,
        variant TEXT NOT NULL,
        referrer TEXT NOT NULL,
        utm_source TEXT NOT NULL,
        utm_medium TEXT NOT NULL,
        utm_campaign TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, page, event, variant, referrer, utm_source, utm_medium, utm_campaign)
      );
      CREATE TABLE analytics_days (
        day TEXT PRIMARY KEY,
        visitors INTEGER NOT NULL,
        capped INTEGER NOT NULL CHECK (capped IN (0, 1))
      );
      CREATE TABLE analytics_salts (day TEXT PRIMARY KEY, salt TEXT NOT NULL);
      CREATE TABLE analytics_seen (day TEXT NOT NULL, visitor TEXT NOT NULL, PRIMARY KEY (day, visitor));
    `,
  },
  {
    // Issue 22: the experiment variant each form's page showed, so that sales see which form a lead filled in.
    version: 10,
    name: 'experiment variant of a form',
    sql: `ALTER TABLE submissions ADD COLUMN variant TEXT NOT NULL DEFAULT '';`,
  },
  {
    // Issue 22: a dashboard session signed out stays refused until its token would have expired.
    version: 11,
    name: 'revoked dashboard sessions',
    sql: `CREATE TABLE admin_revoked_sessions (id TEXT PRIMARY KEY, expires_at TEXT NOT NULL);`,
  },
  {
    // Issue 22: report-page views, form starts and forms sent by the page of the series a reader came from.
    // A new column of the primary key: the table is made again, every count kept (from no page).
    version: 12,
    name: 'funnel counts by the page a reader came from',
    sql: `
      CREATE TABLE analytics_counts_new (
        day TEXT NOT NULL,
        page TEXT NOT NULL,
        event TEXT NOT NULL,
        variant TEXT NOT NULL,
        from_page TEXT NOT NULL,
        referrer TEXT NOT NULL,
        utm_source TEXT NOT NULL,
        utm_medium TEXT NOT NULL,
        utm_campaign TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, page, event, variant, from_page, referrer, utm_source, utm_medium, utm_campaign)
      );
      INSERT INTO analytics_counts_new
        SELECT day, page, event, variant, '', referrer, utm_source, utm_medium, utm_campaign, count FROM analytics_counts;
      DROP TABLE analytics_counts;
      ALTER TABLE analytics_counts_new RENAME TO analytics_counts;
    `,
  },
  {
    // Issue 22: an experiment's counts read by page and variant from its first day, not by reading every count.
    version: 13,
    name: 'funnel counts by page and variant',
    sql: `CREATE INDEX analytics_counts_variant ON analytics_counts (page, variant, day);`,
  },
  {
    // Issue 22: an experiment decides on readers, not page views: distinct readers per day, page, event and
    // variant, told apart by the day's hashes (kept until the day ends, like analytics_seen).
    version: 14,
    name: 'experiment readers per day',
    sql: `
      CREATE TABLE analytics_reader_seen (
        day TEXT NOT NULL,
        page TEXT NOT NULL,
        event TEXT NOT NULL,
        variant TEXT NOT NULL,
        visitor TEXT NOT NULL,
        PRIMARY KEY (day, page, event, variant, visitor)
      );
      CREATE TABLE analytics_readers (
        day TEXT NOT NULL,
        page TEXT NOT NULL,
        event TEXT NOT NULL,
        variant TEXT NOT NULL,
        readers INTEGER NOT NULL,
        PRIMARY KEY (page, variant, day, event)
      );
    `,
  },
  {
    // Issue 22: whether a view was a landing (from outside the site, under its own source), so that a landing on
    // the report page counts as one. A new column of the primary key: the table is made again, every count
    // kept; a view of a page other than a report page from outside the site was a landing, as before.
    version: 15,
    name: 'funnel counts by landing',
    sql: `
      CREATE TABLE analytics_counts_new (
        day TEXT NOT NULL,
        page TEXT NOT NULL,
        event TEXT NOT NULL,
        variant TEXT NOT NULL,
        from_page TEXT NOT NULL,
        landing INTEGER NOT NULL,
        referrer TEXT NOT NULL,
        utm_source TEXT NOT NULL,
        utm_medium TEXT NOT NULL,
        utm_campaign TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, page, event, variant, from_page, landing, referrer, utm_source, utm_medium, utm_campaign)
      );
      INSERT INTO analytics_counts_new
        SELECT day, page, event, variant, from_page,
          CASE WHEN event = 'view' AND referrer <> '(this site)'
            AND NOT (page GLOB '/*/report/' AND page NOT GLOB '/*/*/report/') THEN 1 ELSE 0 END,
          referrer, utm_source, utm_medium, utm_campaign, count FROM analytics_counts;
      DROP TABLE analytics_counts;
      ALTER TABLE analytics_counts_new RENAME TO analytics_counts;
      CREATE INDEX analytics_counts_variant ON analytics_counts (page, variant, day);
    `,
  },
  {
    // Issue 22: what the counter knows of each of the day's visitors, kept with the day's hash until the day
    // ends (like analytics_seen), so that a gate restarted during a day does not count a reader twice; and a
    // form outcome a later one replaced, counted in a column of its own instead of a negative count.
    version: 16,
    name: 'funnel marks of the day and superseded outcomes',
    sql: `
      CREATE TABLE analytics_marks (
        day TEXT NOT NULL,
        visitor TEXT NOT NULL,
        mark TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (day, visitor, mark)
      );
      ALTER TABLE analytics_counts ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
    `,
  },
];

/** Applies the migrations this database lacks, each in its own transaction, oldest first. */
export function migrate(db: DatabaseSync, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const known = Math.max(0, ...migrations.map((m) => m.version));
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    // Checked inside the write lock: when two servers start at once, the second sees the first's work.
    db.exec('BEGIN IMMEDIATE');
    try {
      const applied = db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[];
      const newest = Math.max(0, ...applied.map((row) => Number(row.version)));
      if (newest > known) {
        throw new Error(
          `the database is at schema version ${newest}, newer than this code knows (${known}); update the code`,
        );
      }
      if (!applied.some((row) => Number(row.version) === migration.version)) {
        db.exec(migration.sql);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          migration.version,
          migration.name,
          new Date().toISOString(),
        );
      }
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw new Error(`Migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}

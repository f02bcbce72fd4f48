import type { Pool } from 'pg';
import { RATE_LIMIT_TABLE } from '../rate-limit.ts';
import type { Migration } from './types.ts';

/**
 * The PostgreSQL store's schema, as versioned changes applied in order when it opens. The same tables
 * and columns as SQLite's, in PostgreSQL's types (timestamptz, boolean); versions are this store's own.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'leads, consent history, links, downloads and rate limits',
    sql: `
      CREATE TABLE leads (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        public_id text NOT NULL UNIQUE,
        series text NOT NULL,
        email text NOT NULL,
        first_name text NOT NULL,
        last_name text NOT NULL,
        company text NOT NULL,
        job_role text NOT NULL,
        consent_version text NOT NULL,
        consent_at timestamptz NOT NULL,
        marketing_opt_in boolean NOT NULL,
        user_agent text,
        ip_hash text,
        submissions integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (series, email)
      );
      CREATE INDEX leads_email ON leads (email);
      CREATE INDEX leads_updated_at ON leads (updated_at);
      CREATE TABLE consent_events (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        lead_id integer NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
        consent_version text NOT NULL,
        consent_at timestamptz NOT NULL,
        marketing_opt_in boolean NOT NULL,
        ip_hash text
      );
      CREATE INDEX consent_events_lead ON consent_events (lead_id);
      CREATE TABLE report_links (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        lead_id integer NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX report_links_lead_expiry ON report_links (lead_id, expires_at);
      CREATE TABLE downloads (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        lead_id integer NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
        series text NOT NULL,
        downloaded_at timestamptz NOT NULL,
        user_agent text,
        ip_hash text,
        range text
      );
      CREATE INDEX downloads_lead ON downloads (lead_id);
      -- rate-limiter-flexible's table for RateLimiterPostgres, in its shape. Unlogged: a counter lost in a
      -- crash only lets a client start its window again, and no request waits on a WAL flush for it.
      CREATE UNLOGGED TABLE ${RATE_LIMIT_TABLE} (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      );
    `,
  },
  {
    // Issue 11: emails and webhook calls leave the request as rows written with the lead.
    version: 2,
    name: 'outbox',
    sql: `
      CREATE TABLE outbox (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        lead_id integer REFERENCES leads (id) ON DELETE CASCADE,
        topic text NOT NULL,
        payload jsonb NOT NULL,
        idempotency_key text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        lease_owner text,
        lease_until timestamptz,
        done_at timestamptz,
        gave_up_at timestamptz
      );
      CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE done_at IS NULL AND gave_up_at IS NULL;
      CREATE INDEX outbox_lead ON outbox (lead_id);
    `,
  },
  {
    // Issue 11: double opt-in, as SQLite's migration 5: earlier opt-ins stay on the list (confirmed).
    version: 3,
    name: 'double opt-in',
    sql: `
      ALTER TABLE leads ADD COLUMN marketing_status text NOT NULL DEFAULT 'none'
        CHECK (marketing_status IN ('none', 'pending', 'confirmed', 'unsubscribed'));
      UPDATE leads SET marketing_status = 'confirmed' WHERE marketing_opt_in;
      ALTER TABLE consent_events ADD COLUMN event text NOT NULL DEFAULT 'form'
        CHECK (event IN ('form', 'marketing-confirmed', 'marketing-unsubscribed'));
    `,
  },
  {
    // Issue 17, as SQLite's migration 6: /healthz commits a write, so that a full disk or a read-only database fails it.
    version: 4,
    name: 'health check row',
    sql: `CREATE TABLE health (id integer PRIMARY KEY CHECK (id = 1), checked_at timestamptz NOT NULL);`,
  },
  {
    // Issue 17, as SQLite's migration 7: each form kept as sent; every lead so far its own first submission.
    version: 5,
    name: 'submissions',
    sql: `
      CREATE TABLE submissions (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        lead_id integer NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
        first_name text NOT NULL,
        last_name text NOT NULL,
        company text NOT NULL,
        job_role text NOT NULL,
        consent_version text NOT NULL,
        consent_at timestamptz NOT NULL,
        marketing_opt_in boolean NOT NULL,
        ip_hash text,
        user_agent text,
        submitted_at timestamptz NOT NULL
      );
      CREATE INDEX submissions_lead ON submissions (lead_id, id);
      INSERT INTO submissions (lead_id, first_name, last_name, company, job_role, consent_version, consent_at,
        marketing_opt_in, ip_hash, user_agent, submitted_at)
      SELECT id, first_name, last_name, company, job_role, consent_version, consent_at, marketing_opt_in, ip_hash,
        user_agent, updated_at FROM leads ORDER BY id;
      ALTER TABLE leads ADD COLUMN identity_confirmed_at timestamptz;
    `,
  },
  {
    // Issue 17, as SQLite's migration 8: one renewal per access token.
    version: 6,
    name: 'one renewal per access token',
    sql: `
      ALTER TABLE report_links ADD COLUMN renews timestamptz;
      CREATE UNIQUE INDEX report_links_renewal ON report_links (lead_id, renews) WHERE renews IS NOT NULL;
      CREATE INDEX report_links_expiry ON report_links (expires_at);
    `,
  },
  {
    // Issue 22, as SQLite's migration 9: the funnel, kept as counts; a day's salt and visitor hashes go with it.
    version: 7,
    name: 'funnel counts',
    sql: `
      CREATE TABLE analytics_counts (
        day text NOT NULL,
        page text NOT NULL,
        event text NOT NULL,
        variant text NOT NULL,
        referrer text NOT NULL,
        utm_source text NOT NULL,
        utm_medium text NOT NULL,
        utm_campaign text NOT NULL,
        count bigint NOT NULL,
        PRIMARY KEY (day, page, event, variant, referrer, utm_source, utm_medium, utm_campaign)
      );
      CREATE TABLE analytics_days (day text PRIMARY KEY, visitors integer NOT NULL, capped boolean NOT NULL);
      CREATE TABLE analytics_salts (day text PRIMARY KEY, salt text NOT NULL);
      CREATE TABLE analytics_seen (day text NOT NULL, visitor text NOT NULL, PRIMARY KEY (day, visitor));
    `,
  },
  {
    // Issue 22, as SQLite's migration 10: the experiment variant each form's page showed.
    version: 8,
    name: 'experiment variant of a form',
    sql: `ALTER TABLE submissions ADD COLUMN variant text NOT NULL DEFAULT '';`,
  },
  {
    // Issue 22, as SQLite's migration 11: a dashboard session signed out stays refused until it would expire.
    version: 9,
    name: 'revoked dashboard sessions',
    sql: `CREATE TABLE admin_revoked_sessions (id text PRIMARY KEY, expires_at timestamptz NOT NULL);`,
  },
  {
    // Issue 22, as SQLite's migration 12: counts by the page of the series a reader came from.
    version: 10,
    name: 'funnel counts by the page a reader came from',
    sql: `
      ALTER TABLE analytics_counts ADD COLUMN from_page text NOT NULL DEFAULT '';
      ALTER TABLE analytics_counts DROP CONSTRAINT analytics_counts_pkey;
      ALTER TABLE analytics_counts ADD PRIMARY KEY
        (day, page, event, variant, from_page, referrer, utm_source, utm_medium, utm_campaign);
    `,
  },
  {
    // Issue 22, as SQLite's migration 13: an experiment's counts read by page and variant from its first day.
    version: 11,
    name: 'funnel counts by page and variant',
    sql: `CREATE INDEX analytics_counts_variant ON analytics_counts (page, variant, day);`,
  },
  {
    // Issue 22, as SQLite's migration 14: an experiment's distinct readers per day, page, event and variant.
    version: 12,
    name: 'experiment readers per day',
    sql: `
      CREATE TABLE analytics_reader_seen (
        day text NOT NULL,
        page text NOT NULL,
        event text NOT NULL,
        variant text NOT NULL,
        visitor text NOT NULL,
        PRIMARY KEY (day, page, event, variant, visitor)
      );
      CREATE TABLE analytics_readers (
        day text NOT NULL,
        page text NOT NULL,
        event text NOT NULL,
        variant text NOT NULL,
        readers integer NOT NULL,
        PRIMARY KEY (page, variant, day, event)
      );
    `,
  },
  {
    // Issue 22, as SQLite's migration 15: whether a view was a landing, a new column of the primary key; a view
    // of a page other than a report page from outside the site was a landing, as before.
    version: 13,
    name: 'funnel counts by landing',
    sql: `
      ALTER TABLE analytics_counts ADD COLUMN landing smallint NOT NULL DEFAULT 0;
      UPDATE analytics_counts SET landing = 1
        WHERE event = 'view' AND referrer <> '(this site)' AND page !~ '^/[^/]+/report/$';
      ALTER TABLE analytics_counts ALTER COLUMN landing DROP DEFAULT;
      ALTER TABLE analytics_counts DROP CONSTRAINT analytics_counts_pkey;
      ALTER TABLE analytics_counts ADD PRIMARY KEY
        (day, page, event, variant, from_page, landing, referrer, utm_source, utm_medium, utm_campaign);
    `,
  },
  {
    // Issue 22, as SQLite's migration 16: the counter's marks of the day's visitors, kept until the day ends, so
    // that a restarted gate does not count a reader twice; superseded form outcomes in a column of their own.
    version: 14,
    name: 'funnel marks of the day and superseded outcomes',
    sql: `
      CREATE TABLE analytics_marks (
        day text NOT NULL,
        visitor text NOT NULL,
        mark text NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (day, visitor, mark)
      );
      ALTER TABLE analytics_counts ADD COLUMN superseded bigint NOT NULL DEFAULT 0;
    `,
  },
];

/**
 * Applies the migrations this database lacks, oldest first, in one transaction that holds an advisory
 * lock: when several servers start at once, one migrates and the others wait, then find nothing to do.
 */
export async function migratePostgres(pool: Pool, migrations: readonly Migration[]): Promise<void> {
  const client = await pool.connect();
  const known = Math.max(0, ...migrations.map((m) => m.version));
  let current: Migration | undefined;
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('lead-store-migrations'))");
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`);
    const applied = (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
      (row) => row.version,
    );
    const newest = Math.max(0, ...applied);
    if (newest > known) {
      throw new Error(
        `the database is at schema version ${newest}, newer than this code knows (${known}); update the code`,
      );
    }
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.includes(migration.version)) continue;
      current = migration;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        new Date(),
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    const which = current ? `Migration ${current.version} (${current.name})` : 'Migrating the lead store';
    throw new Error(`${which} failed: ${(error as Error).message}`, { cause: error });
  } finally {
    client.release();
  }
}

import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { createPostgresRateLimiter } from '../rate-limit.ts';
import { migratePostgres, POSTGRES_MIGRATIONS } from './postgres-migrations.ts';
import { enqueue, postgresOutbox } from './postgres-outbox.ts';
import { postgresAnalytics } from './postgres-analytics.ts';
import { erasePersonRows, personRows } from './postgres-person.ts';
import { erasedLeads } from './person.ts';
import { runPgTool } from './pg-tools.ts';
import { createBackupFile } from './backup-file.ts';
import { toLead, toSubmission } from './lead-row.ts';
import { BYTE_RANGE, type ConsentEventKind, type LeadStore, type Migration } from './types.ts';

/**
 * The lead store for several servers: PostgreSQL through `pg` with a pool of connections. Each write is
 * one statement or one transaction, committed before its promise resolves; the rate-limit counters live
 * in the database too, so every server on it counts the same requests.
 */

export interface PostgresOptions {
  /** Connections kept open at most. */
  max?: number;
  migrations?: readonly Migration[];
}

type Row = Record<string, unknown>;

/** Where a DATABASE_URL points, without its password: for messages and the start-up log. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return '(an unreadable DATABASE_URL)';
  }
}

// A lead, its submission and its consent event in one statement: atomic, and one round trip. A new lead
// takes the form as it is; a repeat only counts: who the lead is stays, as anyone can type an address (the
// form itself is kept in `submissions`). A ticked box makes a `none` or `pending` lead pending; a confirmed
// or unsubscribed one stays so (only the emailed links change those). An unticked box changes no status.
const UPSERT = `
  WITH lead AS (
    INSERT INTO leads (public_id, series, email, first_name, last_name, company, job_role, consent_version,
      consent_at, marketing_opt_in, marketing_status, user_agent, ip_hash, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $10 THEN 'pending' ELSE 'none' END, $11, $12, $13, $13)
    ON CONFLICT (series, email) DO UPDATE SET
      marketing_opt_in = excluded.marketing_opt_in,
      marketing_status = CASE WHEN NOT excluded.marketing_opt_in THEN leads.marketing_status
        WHEN leads.marketing_status IN ('confirmed', 'unsubscribed') THEN leads.marketing_status ELSE 'pending' END,
      user_agent = excluded.user_agent, ip_hash = excluded.ip_hash,
      -- A profile answer from the reader's own browser fills what the lead lacks; nothing is overwritten.
      first_name = CASE WHEN $14::boolean AND leads.first_name = '' THEN excluded.first_name ELSE leads.first_name END,
      last_name = CASE WHEN $14::boolean AND leads.last_name = '' THEN excluded.last_name ELSE leads.last_name END,
      company = CASE WHEN $14::boolean AND leads.company = '' THEN excluded.company ELSE leads.company END,
      submissions = leads.submissions + 1, updated_at = excluded.updated_at
    RETURNING *
  ), submission AS (
    INSERT INTO submissions (lead_id, first_name, last_name, company, job_role, consent_version, consent_at,
      marketing_opt_in, ip_hash, user_agent, submitted_at, variant)
    SELECT id, $4, $5, $6, $7, $8, $9, $10, $12, $11, $13, $15 FROM lead
  ), consent AS (
    INSERT INTO consent_events (lead_id, consent_version, consent_at, marketing_opt_in, ip_hash, event)
    SELECT id, $8, $9, $10, $12, 'form' FROM lead
  )
  SELECT * FROM lead`;

// A confirmation the reader made with "these are my details": the lead becomes what the ticked form its
// link names ($3, when that form was sent) said, confirmed; only when exactly one ticked form of the lead
// was sent at that moment.
const ADOPT_IDENTITY = `
  UPDATE leads SET first_name = CASE WHEN s.first_name = '' THEN leads.first_name ELSE s.first_name END,
    last_name = CASE WHEN s.last_name = '' THEN leads.last_name ELSE s.last_name END,
    company = CASE WHEN s.company = '' THEN leads.company ELSE s.company END,
    job_role = s.job_role, consent_version = s.consent_version, consent_at = s.consent_at,
    identity_confirmed_at = $2
  FROM (SELECT * FROM submissions WHERE lead_id = $1 AND marketing_opt_in AND consent_at = $3::timestamptz) AS s
  WHERE leads.id = $1 AND (SELECT count(*) FROM submissions
    WHERE lead_id = $1 AND marketing_opt_in AND consent_at = $3::timestamptz) = 1
  RETURNING leads.*`;

// Every lead with its download count and latest form, in one query.
const EXPORT = `
  SELECT l.*, (SELECT count(*)::integer FROM downloads d WHERE d.lead_id = l.id) AS download_count,
    s.first_name AS s_first_name, s.last_name AS s_last_name, s.company AS s_company, s.job_role AS s_job_role,
    s.consent_version AS s_consent_version, s.consent_at AS s_consent_at,
    s.marketing_opt_in AS s_marketing_opt_in, s.user_agent AS s_user_agent, s.ip_hash AS s_ip_hash,
    s.submitted_at AS s_submitted_at, s.variant AS s_variant
  FROM leads l LEFT JOIN LATERAL (
    SELECT * FROM submissions WHERE lead_id = l.id ORDER BY id DESC LIMIT 1
  ) s ON true
  WHERE $1::text IS NULL OR l.series = $1
  ORDER BY l.id`;

// A marketing change by link, from the statuses it applies to, with its consent event; nothing otherwise.
// An unsubscribed reader is confirmed again only by a link whose form was sent (or, for an older link,
// which was issued: $4) after their last unsubscribe.
const MARKETING_CHANGE = `
  WITH lead AS (
    UPDATE leads SET marketing_status = $2
    WHERE public_id = $1 AND (
      ($2 = 'confirmed' AND marketing_status = 'pending') OR
      ($2 = 'confirmed' AND marketing_status = 'unsubscribed' AND $4::timestamptz IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM consent_events c WHERE c.lead_id = leads.id AND c.event = 'marketing-unsubscribed'
          AND c.consent_at >= $4::timestamptz)) OR
      ($2 = 'unsubscribed' AND marketing_status IN ('pending', 'confirmed')))
    RETURNING *
  ), consent AS (
    INSERT INTO consent_events (lead_id, consent_version, consent_at, marketing_opt_in, ip_hash, event)
    SELECT id, consent_version, $3, $2 = 'confirmed', NULL,
      CASE WHEN $2 = 'confirmed' THEN 'marketing-confirmed' ELSE 'marketing-unsubscribed' END FROM lead
  )
  SELECT * FROM lead`;

const INSERT_LINK = 'INSERT INTO report_links (lead_id, issued_at, expires_at) VALUES ($1, $2, $3)';

/** How the gate's connections name themselves (pg_stat_activity), so that `leads -- restore` sees a live server. */
export const GATE_APPLICATION_NAME = 'ml-trends-gate';

/** How many connections of the gate, other than this process's, are open on the database of `url`. */
export async function liveServers(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, application_name: 'ml-trends-gate-restore' });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = $1 AND pid <> pg_backend_pid()`,
      [GATE_APPLICATION_NAME],
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

/** Connects to the database and brings its schema up to date; rejects, saying where, when it cannot. */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<LeadStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, application_name: GATE_APPLICATION_NAME });
  // A connection the server drops while idle is replaced by the pool; without a listener it would end the process.
  pool.on('error', (error) => console.error(`PostgreSQL (${describeUrl(url)}): ${error.message}`));
  try {
    await migratePostgres(pool, options.migrations ?? POSTGRES_MIGRATIONS);
  } catch (error) {
    await pool.end();
    throw new Error(
      `The lead store in PostgreSQL (${describeUrl(url)}) cannot be opened: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return store(pool, url);
}

/**
 * Runs `work` on one connection of the pool, given back however it ends: to the pool when it is sound, or
 * dropped by it when `work` says it is broken (`discard`) or the connection was lost meanwhile. A connection
 * lost while in use (a restarted database server, a dropped network) fails the query in progress; without a
 * listener here, its 'error' event would end the process.
 */
async function withClient<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient, discard: (error: Error) => void) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const lost = (error: Error) => (broken ??= error);
  client.on('error', lost);
  try {
    return await work(client, lost);
  } finally {
    client.off('error', lost);
    client.release(broken);
  }
}

/**
 * Runs `work` in a transaction on one connection: committed when it resolves, rolled back when it throws,
 * with `work`'s error. When the ROLLBACK fails too, the connection is in an unknown state (perhaps still in
 * the transaction): the pool drops it rather than give it to the next query.
 */
function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withClient(pool, async (client, discard) => {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackFailed: unknown) => discard(asError(rollbackFailed)));
      throw error;
    }
  });
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/** pg_dump of the database (custom format, without the rate-limit counters) into a new file of mode 0600. */
export async function dumpPostgres(url: string, target: string): Promise<void> {
  createBackupFile(target);
  const args = ['--format=custom', '--no-owner', '--exclude-table-data=rate_limits', `--file=${target}`];
  await runPgTool('pg_dump', url, args).catch((error: unknown) => {
    rmSync(target, { force: true });
    throw error;
  });
}

function store(pool: pg.Pool, url: string): LeadStore {
  const normalise = (email: string) => email.trim().toLowerCase();
  const rows = async (sql: string, params: unknown[] = []) => (await pool.query<Row>(sql, params)).rows;
  let closed: Promise<void> | undefined;

  return {
    async upsertLead(input, outboxRows, link) {
      const now = new Date();
      const params = [
        randomBytes(12).toString('hex'),
        input.series,
        input.email,
        input.firstName,
        input.lastName,
        input.company,
        input.jobRole,
        input.consentVersion,
        input.consentAt,
        input.marketingOptIn,
        input.userAgent,
        input.ipHash,
        now,
        input.fillProfile ?? false,
        input.variant ?? '',
      ];
      if (!outboxRows && !link) {
        const lead = toLead((await rows(UPSERT, params))[0]!);
        return { lead, created: lead.submissions === 1 };
      }
      // With outbox rows or a link: one transaction, so they exist exactly when the lead write does.
      return withTransaction(pool, async (client) => {
        const lead = toLead((await client.query<Row>(UPSERT, params)).rows[0]!);
        const created = lead.submissions === 1;
        if (outboxRows) await enqueue(client, lead.id, outboxRows(lead, created), now);
        if (link) await client.query(INSERT_LINK, [lead.id, link.issuedAt, link.expiresAt]);
        return { lead, created };
      });
    },
    async listSubmissions(leadId) {
      return (await rows('SELECT * FROM submissions WHERE lead_id = $1 ORDER BY id', [leadId])).map((row) =>
        toSubmission(row),
      );
    },
    async exportLeads(series) {
      return (await rows(EXPORT, [series ?? null])).map((row) => ({
        lead: toLead(row),
        downloads: Number(row.download_count),
        latest: row.s_submitted_at === null ? null : toSubmission(row, 's_'),
      }));
    },
    async findLead(publicId) {
      const [row] = await rows('SELECT * FROM leads WHERE public_id = $1', [publicId]);
      return row ? toLead(row) : undefined;
    },
    changeMarketing: (publicId, to, at, outboxRows, link = {}) =>
      withTransaction(pool, async (client) => {
        const since = link.formAt ?? link.issuedAt ?? null;
        const [row] = (await client.query<Row>(MARKETING_CHANGE, [publicId, to, at, since])).rows;
        if (!row) {
          const [unchanged] = (await client.query<Row>('SELECT * FROM leads WHERE public_id = $1', [publicId])).rows;
          return unchanged ? { lead: toLead(unchanged), changed: false } : undefined;
        }
        let lead = toLead(row);
        if (to === 'confirmed' && link.adopt === true && link.formAt) {
          const [adopted] = (await client.query<Row>(ADOPT_IDENTITY, [lead.id, at, link.formAt])).rows;
          if (adopted) {
            lead = toLead(adopted);
            // The consent event names the consent version the confirmation adopted.
            await client.query(
              `UPDATE consent_events SET consent_version = $2
               WHERE id = (SELECT max(id) FROM consent_events WHERE lead_id = $1)`,
              [lead.id, lead.consentVersion],
            );
          }
        }
        if (outboxRows) await enqueue(client, lead.id, outboxRows(lead, false), at);
        return { lead, changed: true };
      }),
    async consentHistory(leadId) {
      return (await rows('SELECT * FROM consent_events WHERE lead_id = $1 ORDER BY id', [leadId])).map((row) => ({
        event: row.event as ConsentEventKind,
        version: String(row.consent_version as string),
        at: row.consent_at as Date,
        marketingOptIn: row.marketing_opt_in === true,
      }));
    },
    async recordLink(leadId, issuedAt, expiresAt) {
      await pool.query(INSERT_LINK, [leadId, issuedAt, expiresAt]);
    },
    async renewLink(leadId, renews, link) {
      const [inserted] = await rows(
        `INSERT INTO report_links (lead_id, issued_at, expires_at, renews) VALUES ($1, $2, $3, $4)
         ON CONFLICT (lead_id, renews) WHERE renews IS NOT NULL DO NOTHING RETURNING issued_at, expires_at`,
        [leadId, link.issuedAt, link.expiresAt, renews],
      );
      // Another connection's renewal, committed while this insert waited: read in a snapshot of its own.
      const [row] = inserted
        ? [inserted]
        : await rows('SELECT issued_at, expires_at FROM report_links WHERE lead_id = $1 AND renews = $2', [
            leadId,
            renews,
          ]);
      return { issuedAt: row!.issued_at as Date, expiresAt: row!.expires_at as Date };
    },
    async revokeSession(id, expiresAt, now) {
      await pool.query(
        `WITH pruned AS (DELETE FROM admin_revoked_sessions WHERE expires_at <= $3)
         INSERT INTO admin_revoked_sessions (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`,
        [id, expiresAt, now],
      );
    },
    async sessionRevoked(id) {
      return (await pool.query('SELECT 1 FROM admin_revoked_sessions WHERE id = $1', [id])).rowCount === 1;
    },
    async pruneLinks(before) {
      return (await pool.query('DELETE FROM report_links WHERE expires_at <= $1', [before])).rowCount ?? 0;
    },
    async currentLink(leadId, validAt, issuedBy) {
      const [row] = await rows(
        `SELECT issued_at, expires_at FROM report_links
         WHERE lead_id = $1 AND expires_at > $2 AND ($3::timestamptz IS NULL OR issued_at <= $3)
         ORDER BY expires_at DESC LIMIT 1`,
        [leadId, validAt, issuedBy ?? null],
      );
      return row ? { issuedAt: row.issued_at as Date, expiresAt: row.expires_at as Date } : undefined;
    },
    async recordDownload(input) {
      if (input.range !== null && !BYTE_RANGE.test(input.range)) {
        throw new Error(`recordDownload: range must be "start-end", not ${JSON.stringify(input.range.slice(0, 40))}`);
      }
      await pool.query(
        'INSERT INTO downloads (lead_id, series, downloaded_at, user_agent, ip_hash, range) VALUES ($1, $2, $3, $4, $5, $6)',
        [input.leadId, input.series, input.at, input.userAgent, input.ipHash, input.range],
      );
    },
    async listLeads(series) {
      const found =
        series === undefined
          ? await rows('SELECT * FROM leads ORDER BY id')
          : await rows('SELECT * FROM leads WHERE series = $1 ORDER BY id', [series]);
      return found.map(toLead);
    },
    async countDownloads(leadId) {
      const [row] = await rows('SELECT count(*)::integer AS n FROM downloads WHERE lead_id = $1', [leadId]);
      return Number(row!.n);
    },
    findPerson: (email) =>
      withClient(pool, async (client) => {
        const found = await personRows(client, normalise(email));
        const leads = (await client.query<Row>('SELECT * FROM leads WHERE email = $1 ORDER BY id', [normalise(email)]))
          .rows;
        return { email: normalise(email), leads: leads.map(toLead), rows: found };
      }),
    erasePerson: (email, announce) =>
      withTransaction(pool, (client) =>
        erasePersonRows(client, normalise(email), async (leads) => {
          if (announce) await enqueue(client, null, announce(leads), new Date());
        }),
      ),
    purgeLeads: (before, announce) =>
      withTransaction(pool, async (client) => {
        // Links, downloads, consent events and outbox rows go with their lead (ON DELETE CASCADE).
        const { rows } = await client.query<{ public_id: string; series: string }>(
          'DELETE FROM leads WHERE updated_at < $1 RETURNING public_id, series',
          [before],
        );
        if (announce && rows.length > 0) await enqueue(client, null, announce(erasedLeads(rows)), new Date());
        return rows.length;
      }),
    ...postgresOutbox(pool),
    analytics: postgresAnalytics(pool, (work) => withTransaction(pool, work)),
    limiter: (name, options) => createPostgresRateLimiter(pool, name, options),
    async checkWrite() {
      await pool.query(
        'INSERT INTO health (id, checked_at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
      );
    },
    async checkIntegrity() {
      // PostgreSQL guards its own pages; what the store can check is that every table it needs answers.
      const problems: string[] = [];
      for (const table of [
        'leads',
        'submissions',
        'consent_events',
        'report_links',
        'downloads',
        'outbox',
        'rate_limits',
      ]) {
        try {
          await pool.query(`SELECT 1 FROM ${table} LIMIT 1`);
        } catch (error) {
          problems.push(`${table}: ${(error as Error).message}`);
        }
      }
      return problems;
    },
    backup: (target) => dumpPostgres(url, target),
    async migrations() {
      return (await rows('SELECT version FROM schema_migrations ORDER BY version')).map((row) => Number(row.version));
    },
    async describe() {
      const [row] = await rows('SHOW server_version');
      return `PostgreSQL ${String(row!.server_version)} at ${describeUrl(url)} (pool of ${pool.options.max} connections)`;
    },
    close: () => (closed ??= pool.end()),
  };
}

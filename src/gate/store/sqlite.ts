import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createRateLimiter } from '../rate-limit.ts';
import { groupCommit } from './group-commit.ts';
import { migrate, SQLITE_MIGRATIONS } from './sqlite-migrations.ts';
import { sqliteOutbox } from './sqlite-outbox.ts';
import { sqliteAnalytics } from './sqlite-analytics.ts';
import { erasePersonRows, personRows } from './sqlite-person.ts';
import { erasedLeads } from './person.ts';
import { createBackupFile } from './backup-file.ts';
import { toLead, toSubmission } from './lead-row.ts';
import {
  BYTE_RANGE,
  type ConsentEventKind,
  type DownloadInput,
  type LeadInput,
  type LeadStore,
  type Migration,
} from './types.ts';

/**
 * The default lead store: one SQLite file (node:sqlite, no native addon), write-ahead log with full
 * sync, migrations applied when it opens. The writes of concurrent requests share a commit (group commit).
 */

type Row = Record<string, string | number | null>;

/** Runs a synchronous database call, turning a throw into a rejected promise as the interface promises. */
function attempt<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Opens (creating it when missing) the SQLite file and brings its schema up to date; rejects when it cannot. */
export function openSqliteStore(
  file: string,
  migrations: readonly Migration[] = SQLITE_MIGRATIONS,
): Promise<LeadStore> {
  return attempt(() => connect(file, migrations));
}

/**
 * Personal data is its owner's alone, whatever the folder's own mode: a missing file is created 0600
 * before SQLite opens it (SQLite gives its -wal and -shm files the database's mode), and a file an earlier
 * version left readable by others is narrowed, by path.
 *
 * An existing database file is never opened here, outside SQLite: closing any descriptor of a file drops
 * every POSIX lock the process holds on it, the locks of this process's other open connections included.
 * A server without its lock lets the next outside reader (the sqlite3 shell, say) believe it is alone and
 * delete the -wal and -shm files on close, and every later commit would go into a deleted file. A new file
 * is another inode, on which no connection can hold a lock.
 */
function ownerOnly(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path) && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
}

/**
 * Copies an open database into a new file of mode 0600 with VACUUM INTO: a consistent snapshot, rebuilt
 * from the live rows only, so that no free page of the database (nor its write-ahead log) carries what an
 * erasure removed into the backup; then synced to disk.
 */
function backupTo(db: DatabaseSync, target: string): Promise<void> {
  return attempt(() => {
    createBackupFile(target);
    try {
      db.prepare('VACUUM INTO ?').run(target);
      const fd = openSync(target, 'r+');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      rmSync(target, { force: true });
      throw error;
    }
  });
}

/**
 * After an erasure or a purge: copies the write-ahead log into the database and empties it (TRUNCATE),
 * so that the pages that held the erased rows, which secure_delete zeroed in their new versions, are no
 * longer kept in their old versions in the log. A reader in another process can delay it (busy_timeout);
 * the log is then emptied at a later checkpoint.
 */
function forgetOldPages(db: DatabaseSync): void {
  try {
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } catch {
    // The erasure is committed all the same; the next checkpoint empties the log.
  }
}

function connect(file: string, migrations: readonly Migration[]): LeadStore {
  ownerOnly(file);
  const db = new DatabaseSync(file);
  try {
    db.exec(
      // secure_delete: what a delete removes is overwritten with zeros, in its page and in the free list,
      // so that an erased person cannot be read back from the file.
      'PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;',
    );
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  const normalise = (email: string) => email.trim().toLowerCase();

  // A new lead takes the form as it is. A repeat only counts: who the lead is stays, as anyone can type an
  // address (the form itself is kept in `submissions`). A ticked box makes a `none` or `pending` lead
  // pending; a confirmed or unsubscribed one stays so (only the emailed links change those). An unticked
  // box leaves the status as it is: only the unsubscribe link takes a reader off.
  const upsert = db.prepare(`
    INSERT INTO leads (public_id, series, email, first_name, last_name, company, job_role, consent_version,
      consent_at, marketing_opt_in, marketing_status, user_agent, ip_hash, created_at, updated_at)
    VALUES ($publicId, $series, $email, $firstName, $lastName, $company, $jobRole, $consentVersion, $consentAt,
      $marketingOptIn, CASE WHEN $marketingOptIn = 1 THEN 'pending' ELSE 'none' END, $userAgent, $ipHash, $now, $now)
    ON CONFLICT (series, email) DO UPDATE SET
      marketing_opt_in = excluded.marketing_opt_in,
      marketing_status = CASE WHEN excluded.marketing_opt_in = 0 THEN leads.marketing_status
        WHEN leads.marketing_status IN ('confirmed', 'unsubscribed') THEN leads.marketing_status ELSE 'pending' END,
      user_agent = excluded.user_agent, ip_hash = excluded.ip_hash,
      -- A profile answer from the reader's own browser fills what the lead lacks; nothing is overwritten.
      first_name = CASE WHEN $fillProfile = 1 AND leads.first_name = '' THEN excluded.first_name ELSE leads.first_name END,
      last_name = CASE WHEN $fillProfile = 1 AND leads.last_name = '' THEN excluded.last_name ELSE leads.last_name END,
      company = CASE WHEN $fillProfile = 1 AND leads.company = '' THEN excluded.company ELSE leads.company END,
      submissions = leads.submissions + 1, updated_at = excluded.updated_at
    RETURNING *`);
  const submission = db.prepare(`
    INSERT INTO submissions (lead_id, first_name, last_name, company, job_role, consent_version, consent_at,
      marketing_opt_in, ip_hash, user_agent, submitted_at, variant)
    VALUES ($leadId, $firstName, $lastName, $company, $jobRole, $consentVersion, $consentAt, $marketingOptIn,
      $ipHash, $userAgent, $now, $variant)`);
  // A confirmation the reader made with "these are my details": the lead becomes what the ticked form its
  // link names said, confirmed; only when exactly one ticked form of the lead was sent at that moment.
  const adoptIdentity = db.prepare(`
    UPDATE leads SET first_name = CASE WHEN s.first_name = '' THEN leads.first_name ELSE s.first_name END,
      last_name = CASE WHEN s.last_name = '' THEN leads.last_name ELSE s.last_name END,
      company = CASE WHEN s.company = '' THEN leads.company ELSE s.company END,
      job_role = s.job_role, consent_version = s.consent_version, consent_at = s.consent_at,
      identity_confirmed_at = $at
    FROM (SELECT * FROM submissions WHERE lead_id = $leadId AND marketing_opt_in = 1 AND consent_at = $formAt) AS s
    WHERE leads.id = $leadId AND (SELECT COUNT(*) FROM submissions
      WHERE lead_id = $leadId AND marketing_opt_in = 1 AND consent_at = $formAt) = 1
    RETURNING *`);
  const exportRows = db.prepare(`
    SELECT l.*, (SELECT COUNT(*) FROM downloads d WHERE d.lead_id = l.id) AS download_count,
      s.first_name AS s_first_name, s.last_name AS s_last_name, s.company AS s_company, s.job_role AS s_job_role,
      s.consent_version AS s_consent_version, s.consent_at AS s_consent_at,
      s.marketing_opt_in AS s_marketing_opt_in, s.user_agent AS s_user_agent, s.ip_hash AS s_ip_hash,
      s.submitted_at AS s_submitted_at, s.variant AS s_variant
    FROM leads l LEFT JOIN submissions s ON s.id = (SELECT MAX(id) FROM submissions WHERE lead_id = l.id)
    WHERE $series IS NULL OR l.series = $series
    ORDER BY l.id`);
  const byPublicId = db.prepare('SELECT * FROM leads WHERE public_id = ?');
  // Times are ISO text of one length, so comparing the text compares the times.
  const currentLink = db.prepare(
    'SELECT issued_at, expires_at FROM report_links WHERE lead_id = ? AND expires_at > ? AND issued_at <= ? ORDER BY expires_at DESC LIMIT 1',
  );
  const consent = db.prepare(
    `INSERT INTO consent_events (lead_id, consent_version, consent_at, marketing_opt_in, ip_hash, event)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  /**
   * The marketing changes a reader can make by link, from the statuses each applies to: an unsubscribed
   * reader is confirmed again only by a link whose form was sent (or, for an older link, which was
   * issued: $since) after their last unsubscribe.
   */
  const marketingChange = db.prepare(`
    UPDATE leads SET marketing_status = $to
    WHERE public_id = $publicId AND (
      ($to = 'confirmed' AND marketing_status = 'pending') OR
      ($to = 'confirmed' AND marketing_status = 'unsubscribed' AND $since IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM consent_events c WHERE c.lead_id = leads.id AND c.event = 'marketing-unsubscribed'
          AND c.consent_at >= $since)) OR
      ($to = 'unsubscribed' AND marketing_status IN ('pending', 'confirmed')))
    RETURNING *`);
  const insertLink = db.prepare('INSERT INTO report_links (lead_id, issued_at, expires_at) VALUES (?, ?, ?)');
  const insertRenewal = db.prepare(
    'INSERT OR IGNORE INTO report_links (lead_id, issued_at, expires_at, renews) VALUES (?, ?, ?, ?)',
  );
  const renewal = db.prepare('SELECT issued_at, expires_at FROM report_links WHERE lead_id = ? AND renews = ?');
  const insertDownload = db.prepare(
    'INSERT INTO downloads (lead_id, series, downloaded_at, user_agent, ip_hash, range) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const healthRow = db.prepare(
    'INSERT INTO health (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
  );
  const { write, flush } = groupCommit(db);
  const { enqueue, ...outbox } = sqliteOutbox(db, { write });
  const analytics = sqliteAnalytics(db, { write });

  return {
    upsertLead: (input: LeadInput, outboxRows, link) =>
      write(() => {
        const now = new Date();
        const form = {
          firstName: input.firstName,
          lastName: input.lastName,
          company: input.company,
          jobRole: input.jobRole,
          consentVersion: input.consentVersion,
          consentAt: input.consentAt.toISOString(),
          marketingOptIn: input.marketingOptIn ? 1 : 0,
          userAgent: input.userAgent,
          ipHash: input.ipHash,
          now: now.toISOString(),
        };
        const row = upsert.get({
          ...form,
          fillProfile: input.fillProfile ? 1 : 0,
          publicId: randomBytes(12).toString('hex'),
          series: input.series,
          email: input.email,
        }) as Row;
        const lead = toLead(row);
        submission.run({ ...form, leadId: lead.id, variant: input.variant ?? '' });
        consent.run(
          lead.id,
          input.consentVersion,
          input.consentAt.toISOString(),
          input.marketingOptIn ? 1 : 0,
          input.ipHash,
          'form' satisfies ConsentEventKind,
        );
        const created = lead.submissions === 1;
        if (outboxRows) enqueue(lead.id, outboxRows(lead, created), now);
        if (link) insertLink.run(lead.id, link.issuedAt.toISOString(), link.expiresAt.toISOString());
        return { lead, created };
      }),
    listSubmissions: (leadId) =>
      attempt(() =>
        (db.prepare('SELECT * FROM submissions WHERE lead_id = ? ORDER BY id').all(leadId) as Row[]).map((row) =>
          toSubmission(row),
        ),
      ),
    exportLeads: (series) =>
      attempt(() =>
        (exportRows.all({ series: series ?? null }) as Row[]).map((row) => ({
          lead: toLead(row),
          downloads: Number(row.download_count),
          latest: row.s_submitted_at === null ? null : toSubmission(row, 's_'),
        })),
      ),
    findLead: (publicId) =>
      attempt(() => {
        const row = byPublicId.get(publicId) as Row | undefined;
        return row ? toLead(row) : undefined;
      }),
    changeMarketing: (publicId, to, at, outboxRows, link = {}) =>
      write(() => {
        const since = (link.formAt ?? link.issuedAt)?.toISOString() ?? null;
        const row = marketingChange.get({ to, publicId, since }) as Row | undefined;
        if (!row) {
          const lead = byPublicId.get(publicId) as Row | undefined;
          return lead ? { lead: toLead(lead), changed: false } : undefined;
        }
        let lead = toLead(row);
        const event: ConsentEventKind = to === 'confirmed' ? 'marketing-confirmed' : 'marketing-unsubscribed';
        if (to === 'confirmed' && link.adopt === true && link.formAt) {
          const adopted = adoptIdentity.get({
            leadId: lead.id,
            at: at.toISOString(),
            formAt: link.formAt.toISOString(),
          }) as Row | undefined;
          if (adopted) lead = toLead(adopted);
        }
        consent.run(lead.id, lead.consentVersion, at.toISOString(), to === 'confirmed' ? 1 : 0, null, event);
        if (outboxRows) enqueue(lead.id, outboxRows(lead, false), at);
        return { lead, changed: true };
      }),
    consentHistory: (leadId) =>
      attempt(() =>
        (db.prepare('SELECT * FROM consent_events WHERE lead_id = ? ORDER BY id').all(leadId) as Row[]).map((row) => ({
          event: String(row.event) as ConsentEventKind,
          version: String(row.consent_version),
          at: new Date(String(row.consent_at)),
          marketingOptIn: row.marketing_opt_in === 1,
        })),
      ),
    recordLink: (leadId, issuedAt, expiresAt) =>
      write(() => {
        insertLink.run(leadId, issuedAt.toISOString(), expiresAt.toISOString());
      }),
    renewLink: (leadId, renews, link) =>
      write(() => {
        insertRenewal.run(leadId, link.issuedAt.toISOString(), link.expiresAt.toISOString(), renews.toISOString());
        const row = renewal.get(leadId, renews.toISOString()) as Row;
        return { issuedAt: new Date(String(row.issued_at)), expiresAt: new Date(String(row.expires_at)) };
      }),
    revokeSession: (id, expiresAt, now) =>
      write(() => {
        db.prepare('DELETE FROM admin_revoked_sessions WHERE expires_at <= ?').run(now.toISOString());
        db.prepare('INSERT OR IGNORE INTO admin_revoked_sessions (id, expires_at) VALUES (?, ?)').run(
          id,
          expiresAt.toISOString(),
        );
      }),
    sessionRevoked: (id) =>
      attempt(() => db.prepare('SELECT 1 FROM admin_revoked_sessions WHERE id = ?').get(id) !== undefined),
    pruneLinks: (before) =>
      write(() =>
        Number(db.prepare('DELETE FROM report_links WHERE expires_at <= ?').run(before.toISOString()).changes),
      ),
    currentLink: (leadId, validAt, issuedBy = new Date('9999-12-31T23:59:59.999Z')) =>
      attempt(() => {
        const row = currentLink.get(leadId, validAt.toISOString(), issuedBy.toISOString()) as Row | undefined;
        return row
          ? { issuedAt: new Date(String(row.issued_at)), expiresAt: new Date(String(row.expires_at)) }
          : undefined;
      }),
    recordDownload: (input: DownloadInput) =>
      write(() => {
        if (input.range !== null && !BYTE_RANGE.test(input.range)) {
          throw new Error(`recordDownload: range must be "start-end", not ${JSON.stringify(input.range.slice(0, 40))}`);
        }
        insertDownload.run(
          input.leadId,
          input.series,
          input.at.toISOString(),
          input.userAgent,
          input.ipHash,
          input.range,
        );
      }),
    listLeads: (series) =>
      attempt(() => {
        const rows = (
          series === undefined
            ? db.prepare('SELECT * FROM leads ORDER BY id').all()
            : db.prepare('SELECT * FROM leads WHERE series = ? ORDER BY id').all(series)
        ) as Row[];
        return rows.map(toLead);
      }),
    countDownloads: (leadId) =>
      attempt(() => {
        const row = db.prepare('SELECT COUNT(*) AS n FROM downloads WHERE lead_id = ?').get(leadId) as Row;
        return Number(row.n);
      }),
    findPerson: (email) =>
      attempt(() => {
        const rows = personRows(db, normalise(email));
        return { email: normalise(email), leads: (rows.leads ?? []).map((row) => toLead(row as Row)), rows };
      }),
    // In the writer's queue like every other write, so a write asked for before it is not applied after it.
    erasePerson: async (email, announce) => {
      const erased = await write(() =>
        erasePersonRows(db, normalise(email), (leads) => {
          if (announce) enqueue(null, announce(leads), new Date());
        }),
      );
      forgetOldPages(db);
      return erased;
    },
    purgeLeads: async (before, announce) => {
      const purged = await write(() => {
        // Links, downloads, consent events and outbox rows go with their lead (ON DELETE CASCADE).
        const deleted = db
          .prepare('DELETE FROM leads WHERE updated_at < ? RETURNING public_id, series')
          .all(before.toISOString()) as { public_id: string; series: string }[];
        if (announce && deleted.length > 0) enqueue(null, announce(erasedLeads(deleted)), new Date());
        return deleted.length;
      });
      if (purged > 0) forgetOldPages(db);
      return purged;
    },
    limiter: (_name, options) => createRateLimiter(options),
    ...outbox,
    analytics,
    checkWrite: () =>
      write(() => {
        healthRow.run(new Date().toISOString());
      }),
    // integrity_check, not quick_check: only it finds an index that no longer holds its table's values (a
    // UNIQUE index that lets a second lead in for one email). About 0.5 s for 100,000 leads, once at start.
    checkIntegrity: () =>
      attempt(() => {
        try {
          const rows = db.prepare('PRAGMA integrity_check').all() as Row[];
          return rows.map((row) => String(row.integrity_check)).filter((line) => line !== 'ok');
        } catch (error) {
          return [(error as Error).message];
        }
      }),
    backup: (target) => backupTo(db, target),
    migrations: () =>
      attempt(() => {
        const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Row[];
        return rows.map((row) => Number(row.version));
      }),
    describe: () =>
      attempt(() => {
        const journal = String((db.prepare('PRAGMA journal_mode').get() as Row).journal_mode);
        const sync = Number((db.prepare('PRAGMA synchronous').get() as Row).synchronous);
        const level = ['OFF', 'NORMAL', 'FULL', 'EXTRA'][sync] ?? String(sync);
        return `SQLite ${file} (journal ${journal.toUpperCase()}, synchronous ${level})`;
      }),
    close: () =>
      attempt(() => {
        flush();
        db.close();
      }),
  };
}
